#include "server/routing/insight_summary.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "nlohmann/json.hpp"

namespace debrief::routing {
namespace {

using nlohmann::json;

// `value` as text: strings as they are, numbers and others as JSON; "" when absent.
std::string Text(const json& body, const char* field) {
  if (!body.contains(field) || body[field].is_null()) return "";
  const json& value = body[field];
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (d == static_cast<double>(static_cast<int64_t>(d))) return absl::StrCat(static_cast<int64_t>(d));
    return absl::StrCat(d);
  }
  return value.dump();
}

std::string Signed(const json& body, const char* field) {
  const std::string text = Text(body, field);
  return !text.empty() && text[0] != '-' && text != "0" ? "+" + text : text;
}

// The "text" of each element of the array `field` (or the element itself when a string).
std::string ReasonTexts(const json& body, const char* field) {
  std::vector<std::string> texts;
  if (body.contains(field) && body[field].is_array()) {
    for (const json& r : body[field]) {
      if (r.is_string()) {
        texts.push_back(r.get<std::string>());
      } else if (r.is_object() && r.contains("text") && r["text"].is_string()) {
        texts.push_back(r["text"].get<std::string>());
      }
    }
  }
  return absl::StrJoin(texts, "; ");
}

void AddIf(std::vector<std::string>& facts, absl::string_view label, const std::string& value) {
  if (!value.empty()) facts.push_back(absl::StrCat(label, ": ", value));
}

std::string Quote(const json& body) {
  const std::string quote = Text(body, "quote");
  return quote.empty() ? "" : absl::StrCat("\u201c", quote, "\u201d");
}

std::vector<std::string> Facts(absl::string_view kind, const json& b) {
  std::vector<std::string> facts;
  if (kind == core::kRenewalRiskChanged) {
    std::string risk = Text(b, "renewal_risk");
    if (b.contains("renewal_risk") && b.contains("delta") && b["renewal_risk"].is_number() &&
        b["delta"].is_number()) {
      const json before = b["renewal_risk"].get<double>() - b["delta"].get<double>();
      risk = absl::StrCat(Text({{"v", before}}, "v"), " \u2192 ", risk, " (", Signed(b, "delta"), ")");
    }
    AddIf(facts, "Renewal risk", risk);
    AddIf(facts, "Reasons", ReasonTexts(b, "reasons"));
  } else if (kind == core::kEscalationRecommended) {
    std::string level = Text(b, "level");
    if (!Text(b, "target").empty()) absl::StrAppend(&level, " to ", Text(b, "target"));
    AddIf(facts, "Escalation", level);
    AddIf(facts, "Due by", Text(b, "due_by"));
    AddIf(facts, "Reasons", ReasonTexts(b, "reasons"));
  } else if (kind == core::kCompetitorMentioned) {
    std::string competitor = Text(b, "competitor");
    if (!Text(b, "context").empty()) absl::StrAppend(&competitor, " (", Text(b, "context"), ")");
    AddIf(facts, "Competitor", competitor);
    AddIf(facts, "Quote", Quote(b));
  } else if (kind == core::kErrorReported) {
    std::string error = Text(b, "fingerprint");
    if (!Text(b, "kind").empty()) error = absl::StrCat(Text(b, "kind"), " ", error);
    AddIf(facts, "Error", error);
    AddIf(facts, "Text", Text(b, "normalized"));
  } else if (kind == core::kFeatureRequested) {
    std::string theme = Text(b, "theme");
    if (!Text(b, "product_area").empty() && Text(b, "product_area") != theme) {
      absl::StrAppend(&theme, " (", Text(b, "product_area"), ")");
    }
    AddIf(facts, "Feature request", theme);
    AddIf(facts, "Quote", Quote(b));
  } else if (kind == core::kExpansionSignal) {
    std::string score = Text(b, "expansion_score");
    if (!score.empty() && !Text(b, "delta").empty()) absl::StrAppend(&score, " (", Signed(b, "delta"), ")");
    AddIf(facts, "Expansion score", score);
    if (b.contains("signals") && b["signals"].is_array()) {
      for (const json& s : b["signals"]) {
        if (s.is_object()) AddIf(facts, "Signal", absl::StrCat(Text(s, "kind"), " ", Quote(s)));
      }
    }
    AddIf(facts, "Reasons", ReasonTexts(b, "reasons"));
  } else if (kind == core::kConfidenceChanged) {
    if (!Text(b, "end").empty()) {
      AddIf(facts, "Confidence",
            absl::StrCat(Text(b, "start"), " \u2192 ", Text(b, "end"), " (", Text(b, "direction"), ")"));
    }
    AddIf(facts, "Reasons", ReasonTexts(b, "reasons"));
  } else {
    json rest = b;
    rest.erase("account");
    rest.erase("ticket");
    std::string details = rest.dump();
    if (details.size() > 500) details = details.substr(0, 497) + "...";
    if (!rest.empty()) facts.push_back(absl::StrCat("Details: ", details));
  }
  return facts;
}

}  // namespace

InsightSummary SummarizeInsight(const core::Insight& insight) {
  InsightSummary out;
  out.title = absl::StrReplaceAll(insight.kind, {{"_", " "}});
  if (!out.title.empty()) out.title[0] = absl::ascii_toupper(static_cast<unsigned char>(out.title[0]));
  json body = json::parse(insight.body_json, nullptr, false);
  if (!body.is_object()) body = json::object();
  const json account = body.contains("account") && body["account"].is_object() ? body["account"] : json::object();
  const json ticket = body.contains("ticket") && body["ticket"].is_object() ? body["ticket"] : json::object();
  std::string who = Text(account, "name");
  if (!insight.account_id.empty()) {
    who = who.empty() ? insight.account_id : absl::StrCat(who, " (", insight.account_id, ")");
  }
  std::string what;
  if (!insight.ticket_id.empty()) {
    const std::string number = Text(ticket, "number");
    what = absl::StrCat(Text(ticket, "source").empty() ? "" : Text(ticket, "source") + " ", "ticket ",
                        number.empty() || number == "0" ? insight.ticket_id : number);
  }
  out.subject = who.empty() || what.empty() ? who + what : absl::StrCat(who, " \u00b7 ", what);
  out.facts = Facts(insight.kind, body);
  return out;
}

std::string SummaryText(const InsightSummary& summary) {
  std::vector<std::string> lines;
  if (!summary.subject.empty()) lines.push_back(summary.subject);
  lines.insert(lines.end(), summary.facts.begin(), summary.facts.end());
  return absl::StrJoin(lines, "\n");
}

}  // namespace debrief::routing
