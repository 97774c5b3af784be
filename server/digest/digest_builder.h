// Builds the weekly digests from the digest store: Product (pain points by tickets and
// by ARR, root-cause mix, new and rising errors, feature requests, spikes), Success
// (renewal risk rising, expansion signals, confidence drops, open escalations, renewals
// with support trouble) and Sales (competitor mentions by context, spikes). Every count
// comes with the previous week's and a weekly trend over the spike baseline.
//
//   DEBRIEF_ASSIGN_OR_RETURN(auto builder, DigestBuilder::Create(config.digests, store, clock));
//   DEBRIEF_ASSIGN_OR_RETURN(core::Digest digest, builder->BuildDigest(core::Team::kProduct, "2026-W47"));
#ifndef DEBRIEF_SERVER_DIGEST_DIGEST_BUILDER_H_
#define DEBRIEF_SERVER_DIGEST_DIGEST_BUILDER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/common/clock.h"
#include "server/config/digest_options.h"
#include "server/core/digest.h"
#include "server/digest/iso_week.h"
#include "server/storage/digest_store.h"

namespace debrief::digest {

// Thread-safe (immutable; the store is thread-safe). `store` and `clock` must outlive it.
class DigestBuilder final : public core::DigestSource {
 public:
  // INVALID_ARGUMENT when the options' time zone cannot be loaded.
  static absl::StatusOr<std::unique_ptr<DigestBuilder>> Create(const config::DigestOptions& options,
                                                               storage::DigestStore& store,
                                                               const common::Clock& clock);

  absl::StatusOr<core::Digest> BuildDigest(core::Team audience, absl::string_view period) override;

  // The digest of `audience` for `week`; INVALID_ARGUMENT naming "audience" for an
  // audience without a digest.
  absl::StatusOr<core::Digest> BuildWeek(core::Team audience, const IsoWeek& week);

  // The zone weeks are cut in.
  const absl::TimeZone& zone() const { return zone_; }

 private:
  DigestBuilder(const config::DigestOptions& options, storage::DigestStore& store,
                const common::Clock& clock, absl::TimeZone zone)
      : options_(options), store_(store), clock_(clock), zone_(zone) {}

  absl::Status AddProductSections(core::Digest& digest, const std::vector<absl::Time>& edges);
  absl::Status AddSuccessSections(core::Digest& digest);
  absl::Status AddSalesSections(core::Digest& digest, const std::vector<absl::Time>& edges);

  const config::DigestOptions options_;
  storage::DigestStore& store_;
  const common::Clock& clock_;
  const absl::TimeZone zone_;
};

}  // namespace debrief::digest

#endif  // DEBRIEF_SERVER_DIGEST_DIGEST_BUILDER_H_
