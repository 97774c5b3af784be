#include "server/ingest/field_map.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {
namespace {

constexpr absl::string_view kCustomPrefix = "custom_fields.";

std::string* TextField(core::Ticket& ticket, const std::string& target) {
  using Accessor = std::string* (*)(core::Ticket&);
  static const auto* fields = new std::map<std::string, Accessor>{
      {"ticket_id", [](core::Ticket& t) { return &t.ticket_id; }},
      {"ticket_number", [](core::Ticket& t) { return &t.ticket_number; }},
      {"subject", [](core::Ticket& t) { return &t.subject; }},
      {"status", [](core::Ticket& t) { return &t.status; }},
      {"group", [](core::Ticket& t) { return &t.group; }},
      {"channel", [](core::Ticket& t) { return &t.channel; }},
      {"url", [](core::Ticket& t) { return &t.url; }},
      {"source_tenant", [](core::Ticket& t) { return &t.source_tenant; }},
      {"requester.id", [](core::Ticket& t) { return &t.requester.id; }},
      {"requester.email", [](core::Ticket& t) { return &t.requester.email; }},
      {"requester.name", [](core::Ticket& t) { return &t.requester.name; }},
      {"requester.external_id", [](core::Ticket& t) { return &t.requester.external_id; }},
      {"assignee.id", [](core::Ticket& t) { return &t.assignee.id; }},
      {"assignee.email", [](core::Ticket& t) { return &t.assignee.email; }},
      {"assignee.name", [](core::Ticket& t) { return &t.assignee.name; }},
      {"account.id", [](core::Ticket& t) { return &t.account.id; }},
      {"account.name", [](core::Ticket& t) { return &t.account.name; }},
      {"account.plan", [](core::Ticket& t) { return &t.account.plan; }},
      {"account.currency", [](core::Ticket& t) { return &t.account.currency; }},
      {"account.renewal_date", [](core::Ticket& t) { return &t.account.renewal_date; }},
      {"account.segment", [](core::Ticket& t) { return &t.account.segment; }},
  };
  const auto it = fields->find(target);
  return it == fields->end() ? nullptr : it->second(ticket);
}

}  // namespace

const std::vector<std::string>& FieldMapTargets() {
  static const auto* targets = new std::vector<std::string>{
      "ticket_id",       "ticket_number",   "subject",
      "status",          "group",           "channel",
      "url",             "source_tenant",   "priority",
      "tags",            "created_at",      "closed_at",
      "requester.id",    "requester.email", "requester.name",
      "requester.external_id", "assignee.id", "assignee.email",
      "assignee.name",   "account.id",      "account.name",
      "account.plan",    "account.currency", "account.renewal_date",
      "account.segment", "account.arr_cents", "custom_fields.<key>"};
  return *targets;
}

absl::StatusOr<FieldMap> FieldMap::Create(const config::SourceOptions& options) {
  FieldMap map;
  const std::vector<std::string>& targets = FieldMapTargets();
  for (const auto& [target, pointer] : options.field_map) {
    const bool custom = absl::StartsWith(target, kCustomPrefix) && target.size() > kCustomPrefix.size();
    if (!custom && std::find(targets.begin(), targets.end(), target) == targets.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sources.", options.name, ".field_map.", target, ": unknown field; one of ",
          absl::StrJoin(targets, ", ")));
    }
    map.pointers_[target] = pointer;
  }
  map.labels_ = options.custom_field_labels;
  return map;
}

absl::Status FieldMap::Apply(const nlohmann::json& payload, core::Ticket& ticket) const {
  const PayloadReader in(payload);
  for (const auto& [target, pointer] : pointers_) {
    if (!in.Has(pointer)) continue;
    if (std::string* field = TextField(ticket, target)) {
      *field = in.Text(pointer);
    } else if (target == "priority") {
      ticket.priority = PriorityFromLabel(in.Text(pointer));
    } else if (target == "tags") {
      ticket.tags = in.Words(pointer);
    } else if (target == "created_at") {
      ticket.created_at = in.Time(pointer);
    } else if (target == "closed_at") {
      ticket.closed_at = in.Time(pointer);
    } else if (target == "account.arr_cents") {
      const std::optional<double> cents = in.Number(pointer);
      if (cents.has_value() && *cents >= 0 && *cents < 9e15) {
        ticket.account.arr_cents = static_cast<int64_t>(*cents);
      }
    } else {
      const std::string value = in.Text(pointer);
      if (!value.empty()) ticket.custom_fields[target.substr(kCustomPrefix.size())] = value;
    }
  }
  if (!in.status().ok()) return in.status();
  for (const auto& [id, label] : labels_) {
    const auto it = ticket.custom_fields.find(id);
    if (it == ticket.custom_fields.end()) continue;
    std::string value = std::move(it->second);
    ticket.custom_fields.erase(it);
    ticket.custom_fields[label] = std::move(value);
  }
  return absl::OkStatus();
}

}  // namespace debrief::ingest
