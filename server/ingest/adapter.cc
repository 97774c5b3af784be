#include "server/ingest/adapter.h"

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {

absl::StatusOr<HookEvent> ParseHook(const Adapter& adapter, const HookRequest& request) {
  DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json payload, ParsePayload(request.body));
  return adapter.Parse(payload, request);
}

std::string TopLevelText(absl::string_view body, absl::string_view key) {
  absl::StatusOr<nlohmann::json> payload = ParsePayload(body);
  if (!payload.ok()) return "";
  PayloadReader in(*payload);
  std::string value = in.Text(absl::StrCat("/", key));
  return in.status().ok() ? value : "";
}

}  // namespace debrief::ingest
