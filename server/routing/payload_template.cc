#include "server/routing/payload_template.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"
#include "server/common/status_macros.h"

namespace debrief::routing {
namespace {

using nlohmann::json;

const std::vector<std::string>& InsightFields() {
  static const auto* fields = new std::vector<std::string>{"kind",      "insight_id", "account_id",
                                                           "ticket_id", "audience",   "created_at"};
  return *fields;
}

const std::vector<std::string>& ExtraFields() {
  static const auto* fields =
      new std::vector<std::string>{"ticket_url", "subject", "requester_email", "assignee_email"};
  return *fields;
}

bool Contains(const std::vector<std::string>& list, absl::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// A field name: [a-z0-9_]+ (case-insensitive).
bool IsFieldName(absl::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool IsKnownPlaceholder(absl::string_view name) {
  if (name == "summary") return true;
  if (absl::ConsumePrefix(&name, "insight.")) return Contains(InsightFields(), name);
  if (absl::ConsumePrefix(&name, "extra.")) return Contains(ExtraFields(), name);
  if (absl::ConsumePrefix(&name, "body.")) {
    for (absl::string_view part : absl::StrSplit(name, '.')) {
      if (!IsFieldName(part)) return false;
    }
    return true;
  }
  return false;
}

std::string ValueText(const json& value) {
  if (value.is_null() || value.is_discarded()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// The value at dotted `path` under `root`; null when absent.
json At(const json& root, absl::string_view path) {
  const json* node = &root;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    const std::string key(part);
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
  }
  return *node;
}

}  // namespace

absl::StatusOr<PayloadTemplate> PayloadTemplate::Parse(absl::string_view text, absl::string_view field_path) {
  std::vector<Piece> pieces;
  std::string literal;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') {
      literal += text[i];
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    const size_t close = text.find('}', i);
    if (close == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(field_path, ": \"{\" at offset ", i, " is not closed (write \"{{\" for a literal brace)"));
    }
    const absl::string_view name = text.substr(i + 1, close - i - 1);
    if (!IsKnownPlaceholder(name)) {
      return absl::InvalidArgumentError(absl::StrCat(
          field_path, ": unknown placeholder {", name,
          "} (known: {summary}, {insight.<kind|insight_id|account_id|ticket_id|audience|created_at>}, "
          "{body.<field>}, {extra.<ticket_url|subject|requester_email|assignee_email>})"));
    }
    if (!literal.empty()) pieces.push_back({false, std::move(literal)});
    literal.clear();
    pieces.push_back({true, std::string(name)});
    i = close;
  }
  if (!literal.empty()) pieces.push_back({false, std::move(literal)});
  return PayloadTemplate(std::move(pieces));
}

std::string PayloadTemplate::Render(const core::Insight& insight, const core::Delivery& delivery,
                                    absl::string_view summary, const Escape& escape) const {
  const json body = json::parse(insight.body_json, nullptr, false);
  const json extra = json::parse(delivery.extra_json, nullptr, false);
  std::string out;
  for (const Piece& piece : pieces_) {
    if (!piece.placeholder) {
      out += piece.text;
      continue;
    }
    absl::string_view name = piece.text;
    std::string value;
    if (name == "summary") {
      value = std::string(summary);
    } else if (absl::ConsumePrefix(&name, "insight.")) {
      if (name == "kind") value = insight.kind;
      if (name == "insight_id") value = insight.insight_id;
      if (name == "account_id") value = insight.account_id;
      if (name == "ticket_id") value = insight.ticket_id;
      if (name == "audience") value = std::string(core::TeamName(insight.audience));
      if (name == "created_at") {
        value = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", insight.created_at, absl::UTCTimeZone());
      }
    } else if (absl::ConsumePrefix(&name, "body.")) {
      value = ValueText(At(body, name));
    } else if (absl::ConsumePrefix(&name, "extra.")) {
      value = ValueText(At(extra, name));
    }
    out += escape(value);
  }
  return out;
}

absl::StatusOr<TemplateChoice> TemplateChoice::Parse(const config::DestinationOptions& options) {
  TemplateChoice choice;
  if (!options.template_text.empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(choice.destination_,
                             PayloadTemplate::Parse(options.template_text,
                                                    absl::StrCat("destinations.", options.name, ".template")));
  }
  for (const config::RouteTemplate& route : options.route_templates) {
    DEBRIEF_ASSIGN_OR_RETURN(PayloadTemplate parsed, PayloadTemplate::Parse(route.text, route.path));
    choice.by_route_.insert_or_assign(route.route, std::move(parsed));
  }
  return choice;
}

const PayloadTemplate* TemplateChoice::For(const core::Delivery& delivery) const {
  if (auto it = by_route_.find(delivery.route); it != by_route_.end()) return &it->second;
  return destination_ ? &*destination_ : nullptr;
}

}  // namespace debrief::routing
