// A source's own field mapping (`sources.<name>.field_map` and `custom_field_labels`),
// applied after the vendor's default mapping: normalized field <- JSON pointer into the
// payload, for helpdesks whose bodies are templates (Zendesk triggers, Freshdesk rules) or
// that keep, say, the account id in a custom field; and vendor field ids renamed to labels.
//
//   field_map: {account.id: /ticket/organization/external_id, custom_fields.plan: /ticket/ticket_field_360001}
#ifndef DEBRIEF_SERVER_INGEST_FIELD_MAP_H_
#define DEBRIEF_SERVER_INGEST_FIELD_MAP_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "server/config/sources_options.h"
#include "server/core/ticket.h"

namespace debrief::ingest {

// The fields a field map may set (custom_fields.<key> aside).
const std::vector<std::string>& FieldMapTargets();

// Immutable; thread-safe.
class FieldMap {
 public:
  // INVALID_ARGUMENT naming "sources.<name>.field_map.<target>" for an unknown target.
  static absl::StatusOr<FieldMap> Create(const config::SourceOptions& options);

  // Sets every mapped field present in `payload` on `ticket`, then renames custom fields to
  // their labels. INVALID_ARGUMENT naming the body path when a mapped value is not text.
  absl::Status Apply(const nlohmann::json& payload, core::Ticket& ticket) const;

 private:
  std::map<std::string, std::string> pointers_;  // target -> JSON pointer
  std::map<std::string, std::string> labels_;    // vendor field id -> label
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_FIELD_MAP_H_
