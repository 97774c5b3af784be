#include "server/routing/destinations/hubspot/hubspot_destination.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "nlohmann/json.hpp"
#include "server/common/status_macros.h"
#include "server/config/secret.h"
#include "server/routing/http_delivery.h"
#include "server/routing/insight_summary.h"

namespace debrief::routing {
namespace {

// HubSpot's note-to-company association type.
constexpr int kNoteToCompany = 190;

std::string EscapeHtml(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

bool IsCompanyId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
}

}  // namespace

std::string HubSpotNoteBody(const core::Insight& insight, const core::Delivery& delivery,
                            const PayloadTemplate* note_template) {
  const InsightSummary summary = SummarizeInsight(insight);
  std::string text;
  if (note_template != nullptr) {
    text = note_template->Render(insight, delivery, SummaryText(summary), EscapeHtml);
  } else {
    text = absl::StrCat("<strong>Debrief: ", EscapeHtml(summary.title), "</strong>\n",
                        EscapeHtml(SummaryText(summary)));
  }
  return absl::StrReplaceAll(text, {{"\n", "<br>"}});
}

absl::StatusOr<std::unique_ptr<HubSpotDestination>> HubSpotDestination::Create(
    const config::DestinationOptions& options, std::unique_ptr<HttpTransport> http, const common::Clock& clock) {
  DEBRIEF_ASSIGN_OR_RETURN(std::string token, config::ResolveSecret(options.secret));
  DEBRIEF_ASSIGN_OR_RETURN(TemplateChoice note_template, TemplateChoice::Parse(options));
  return std::unique_ptr<HubSpotDestination>(
      new HubSpotDestination(absl::StrCat(absl::StripSuffix(options.url, "/"), "/crm/v3/objects/notes"),
                             std::move(token), std::move(note_template), std::move(http), clock));
}

DeliveryResult HubSpotDestination::Deliver(const core::Insight& insight, const core::Delivery& delivery,
                                           int /*attempt*/) {
  if (!IsCompanyId(insight.account_id)) {
    DeliveryResult result;
    result.outcome = DeliveryResult::Outcome::kReject;
    result.error = absl::StrCat("account id \"", insight.account_id,
                                "\" is not a HubSpot company id (digits): key accounts by their company id");
    return result;
  }
  const nlohmann::json note = {
      {"properties",
       {{"hs_timestamp", absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", insight.created_at, absl::UTCTimeZone())},
        {"hs_note_body", HubSpotNoteBody(insight, delivery, note_template_.For(delivery))}}},
      {"associations",
       nlohmann::json::array({{{"to", {{"id", insight.account_id}}},
                               {"types", nlohmann::json::array({{{"associationCategory", "HUBSPOT_DEFINED"},
                                                                  {"associationTypeId", kNoteToCompany}}})}}})}};
  HttpRequest request;
  request.url = notes_url_;
  request.headers = {{"Authorization", absl::StrCat("Bearer ", token_)}, {"Content-Type", "application/json"}};
  request.body = note.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return SendDelivery(*http_, request, clock_.Now(), {token_});
}

}  // namespace debrief::routing
