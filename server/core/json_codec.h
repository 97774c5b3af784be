// JSON form of the core value types, for storage records and insight bodies. Missing
// keys decode to defaults, so records written by older versions still load.
//
//   std::string text = TicketToJson(ticket).dump();
//   absl::StatusOr<Ticket> back = TicketFromJson(text);
#ifndef DEBRIEF_SERVER_CORE_JSON_CODEC_H_
#define DEBRIEF_SERVER_CORE_JSON_CODEC_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::core {

nlohmann::json TicketToJson(const Ticket& ticket);
nlohmann::json DebriefingToJson(const Debriefing& debriefing);
nlohmann::json EvidenceToJson(const Evidence& evidence);

// INVALID_ARGUMENT when `text` is not JSON of the right shape.
absl::StatusOr<Ticket> TicketFromJson(absl::string_view text);
absl::StatusOr<Debriefing> DebriefingFromJson(absl::string_view text);

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_JSON_CODEC_H_
