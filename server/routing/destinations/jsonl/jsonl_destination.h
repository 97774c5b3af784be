// The JSON-lines destination, for a data-warehouse loader: appends one line per insight
// ({"insight_id", "kind", ..., "body", "extra"}) to a file and syncs it to disk before
// the insight counts as delivered. A line may repeat after a crash (at least once); the
// loader deduplicates on insight_id.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATIONS_JSONL_JSONL_DESTINATION_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATIONS_JSONL_JSONL_DESTINATION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/config/routing_options.h"
#include "server/routing/destination.h"

namespace debrief::routing {

// Thread-safe: lines are written whole, one at a time.
class JsonlDestination final : public Destination {
 public:
  // Opens (creating) the file for appending. UNAVAILABLE naming the path when it cannot.
  static absl::StatusOr<std::unique_ptr<JsonlDestination>> Create(const config::DestinationOptions& options);
  ~JsonlDestination() override;

  DeliveryResult Deliver(const core::Insight& insight, const core::Delivery& delivery,
                         int attempt) override;

 private:
  JsonlDestination(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  const std::string path_;
  absl::Mutex mu_;
  const int fd_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATIONS_JSONL_JSONL_DESTINATION_H_
