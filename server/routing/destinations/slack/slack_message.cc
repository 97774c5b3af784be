#include "server/routing/destinations/slack/slack_message.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "nlohmann/json.hpp"
#include "server/routing/insight_summary.h"

namespace debrief::routing {
namespace {

using nlohmann::json;

// Block Kit limits: header text 150 characters, section text 3000.
constexpr size_t kHeaderMax = 150;
constexpr size_t kSectionMax = 3000;

// `text` cut to at most `max` bytes on a UTF-8 boundary, with an ellipsis when cut.
std::string Truncate(std::string text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max - 3;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "...";
}

// The ticket link of the route's extra fields, when it is an http(s) URL.
std::string TicketUrl(const core::Delivery& delivery) {
  const json extra = json::parse(delivery.extra_json, nullptr, false);
  if (!extra.is_object() || !extra.contains("ticket_url") || !extra["ticket_url"].is_string()) return "";
  const std::string url = extra["ticket_url"].get<std::string>();
  if (!absl::StartsWith(url, "https://") && !absl::StartsWith(url, "http://")) return "";
  return url;
}

}  // namespace

std::string EscapeMrkdwn(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}});
}

std::string SlackMessageJson(const core::Insight& insight, const core::Delivery& delivery,
                             const PayloadTemplate* section_template) {
  const InsightSummary summary = SummarizeInsight(insight);
  std::string section;
  if (section_template != nullptr) {
    section = section_template->Render(insight, delivery, SummaryText(summary), EscapeMrkdwn);
  } else {
    if (!summary.subject.empty()) section = absl::StrCat("*", EscapeMrkdwn(summary.subject), "*");
    for (const std::string& fact : summary.facts) {
      if (!section.empty()) section += "\n";
      absl::StrAppend(&section, "\u2022 ", EscapeMrkdwn(fact));
    }
  }
  if (section.empty()) section = EscapeMrkdwn(summary.title);
  std::string context = absl::StrCat("Debrief insight `", EscapeMrkdwn(insight.insight_id), "`");
  const std::string url = TicketUrl(delivery);
  if (!url.empty()) {
    absl::StrAppend(&context, " \u00b7 <", absl::StrReplaceAll(EscapeMrkdwn(url), {{"|", "%7C"}}),
                    "|Open ticket>");
  }
  json message = {
      {"text", Truncate(EscapeMrkdwn(summary.subject.empty() ? summary.title
                                                             : absl::StrCat(summary.title, ": ", summary.subject)),
                        kSectionMax)},
      {"blocks",
       json::array({
           {{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", Truncate(summary.title, kHeaderMax)}}}},
           {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", Truncate(section, kSectionMax)}}}},
           {{"type", "context"}, {"elements", json::array({{{"type", "mrkdwn"}, {"text", context}}})}},
       })}};
  return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace debrief::routing
