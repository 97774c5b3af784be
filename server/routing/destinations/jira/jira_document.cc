#include "server/routing/destinations/jira/jira_document.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "nlohmann/json.hpp"
#include "server/routing/insight_summary.h"

namespace debrief::routing {
namespace {

using nlohmann::json;

// Jira's summary field holds at most 255 characters, on one line.
constexpr size_t kSummaryMax = 255;

std::string Field(const json& body, const char* name) {
  return body.is_object() && body.contains(name) && body[name].is_string() ? body[name].get<std::string>() : "";
}

std::string NormalizedKeyPart(absl::string_view text) {
  std::string out;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u)) {
      out += absl::ascii_tolower(u);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

json Text(const std::string& text) { return {{"type", "text"}, {"text", text}}; }

json Paragraph(json content) { return {{"type", "paragraph"}, {"content", std::move(content)}}; }

// The ADF document: `lead`, the facts as a bullet list, then the ticket link and insight id.
json Document(const std::string& lead, const InsightSummary& summary, const core::Insight& insight,
              const core::Delivery& delivery) {
  json content = json::array({Paragraph(json::array({Text(lead)}))});
  if (!summary.facts.empty()) {
    json items = json::array();
    for (const std::string& fact : summary.facts) {
      items.push_back({{"type", "listItem"}, {"content", json::array({Paragraph(json::array({Text(fact)}))})}});
    }
    content.push_back({{"type", "bulletList"}, {"content", items}});
  }
  const json extra = json::parse(delivery.extra_json, nullptr, false);
  const std::string url = Field(extra, "ticket_url");
  json footer = json::array();
  if (!url.empty()) {
    footer.push_back({{"type", "text"},
                      {"text", "Open ticket"},
                      {"marks", json::array({{{"type", "link"}, {"attrs", {{"href", url}}}}})}});
    footer.push_back(Text(" \u00b7 "));
  }
  footer.push_back(Text(absl::StrCat("Debrief insight ", insight.insight_id)));
  content.push_back(Paragraph(footer));
  return {{"type", "doc"}, {"version", 1}, {"content", content}};
}

std::string Summary(const core::Insight& insight, const json& body) {
  std::string summary;
  if (insight.kind == core::kErrorReported) {
    const std::string text = Field(body, "normalized");
    summary = absl::StrCat("[Debrief] ", Field(body, "kind").empty() ? "Error" : Field(body, "kind"), ": ",
                           text.empty() ? Field(body, "fingerprint") : text);
  } else {
    summary = absl::StrCat("[Debrief] Feature request: ", Field(body, "theme"));
    const std::string area = Field(body, "product_area");
    if (!area.empty() && area != Field(body, "theme")) absl::StrAppend(&summary, " (", area, ")");
  }
  summary = absl::StrReplaceAll(summary, {{"\r", " "}, {"\n", " "}});
  if (summary.size() > kSummaryMax) {
    size_t end = kSummaryMax - 3;
    while (end > 0 && (static_cast<unsigned char>(summary[end]) & 0xC0) == 0x80) --end;
    summary = summary.substr(0, end) + "...";
  }
  return summary;
}

}  // namespace

absl::StatusOr<std::string> JiraDedupeKey(const core::Insight& insight) {
  const json body = json::parse(insight.body_json, nullptr, false);
  if (insight.kind == core::kErrorReported) {
    const std::string fingerprint = Field(body, "fingerprint");
    if (fingerprint.empty()) return absl::InvalidArgumentError("error_reported insight without a fingerprint");
    return absl::StrCat("error:", fingerprint);
  }
  if (insight.kind == core::kFeatureRequested) {
    const std::string theme = NormalizedKeyPart(Field(body, "theme"));
    if (theme.empty()) return absl::InvalidArgumentError("feature_requested insight without a theme");
    return absl::StrCat("feature:", NormalizedKeyPart(Field(body, "product_area")), ":", theme);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "a jira destination takes only error_reported and feature_requested insights, not ", insight.kind));
}

std::string JiraIssueJson(const core::Insight& insight, const core::Delivery& delivery,
                          const std::string& project, const std::string& issue_type) {
  const json body = json::parse(insight.body_json, nullptr, false);
  const InsightSummary summary = SummarizeInsight(insight);
  const std::string lead = absl::StrCat("First reported by ", summary.subject.empty() ? "a customer" : summary.subject, ".");
  const json issue = {
      {"fields",
       {{"project", {{"key", project}}},
        {"issuetype", {{"name", issue_type}}},
        {"summary", Summary(insight, body)},
        {"description", Document(lead, summary, insight, delivery)},
        {"labels", json::array({"debrief", insight.kind == core::kErrorReported ? "debrief-error"
                                                                                : "debrief-feature-request"})}}}};
  return issue.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string JiraCommentJson(const core::Insight& insight, const core::Delivery& delivery) {
  const InsightSummary summary = SummarizeInsight(insight);
  const std::string lead =
      absl::StrCat("Seen again: ", summary.subject.empty() ? "another customer" : summary.subject, ".");
  const json comment = {{"body", Document(lead, summary, insight, delivery)}};
  return comment.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace debrief::routing
