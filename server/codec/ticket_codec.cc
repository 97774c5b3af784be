#include "server/codec/ticket_codec.h"

namespace debrief::codec {
namespace {

core::Party PartyFromProto(const v1::Party& proto) {
  return core::Party{proto.id(), proto.email(), proto.name(), proto.external_id()};
}

void PartyToProto(const core::Party& party, v1::Party& out) {
  out.set_id(party.id);
  out.set_email(party.email);
  out.set_name(party.name);
  out.set_external_id(party.external_id);
}

}  // namespace

std::optional<absl::Time> TimeFromProto(const google::protobuf::Timestamp& timestamp,
                                        bool present) {
  if (!present) return std::nullopt;
  return absl::FromUnixSeconds(timestamp.seconds()) + absl::Nanoseconds(timestamp.nanos());
}

void TimeToProto(absl::Time time, google::protobuf::Timestamp& out) {
  const int64_t nanos = absl::ToUnixNanos(time);
  int64_t seconds = nanos / 1000000000;
  int64_t rest = nanos % 1000000000;
  if (rest < 0) {
    rest += 1000000000;
    --seconds;
  }
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(rest));
}

core::Ticket TicketFromProto(const v1::Ticket& proto) {
  core::Ticket ticket;
  ticket.source = static_cast<core::Source>(proto.source());
  ticket.source_tenant = proto.source_tenant();
  ticket.ticket_id = proto.ticket_id();
  ticket.delivery_id = proto.delivery_id();
  ticket.subject = proto.subject();
  ticket.messages.reserve(proto.messages_size());
  for (const v1::Message& message : proto.messages()) {
    core::Message out;
    out.author_role = static_cast<core::AuthorRole>(message.author_role());
    out.author_id = message.author_id();
    out.body_text = message.body_text();
    out.body_html = message.body_html();
    out.is_public = message.is_public();
    out.created_at = TimeFromProto(message.created_at(), message.has_created_at());
    ticket.messages.push_back(std::move(out));
  }
  ticket.requester = PartyFromProto(proto.requester());
  const v1::Account& account = proto.account();
  ticket.account = core::Account{account.id(),       account.name(),         account.plan(),
                                 account.arr_cents(), account.currency(),     account.renewal_date(),
                                 account.segment()};
  ticket.tags.assign(proto.tags().begin(), proto.tags().end());
  ticket.priority = static_cast<core::Priority>(proto.priority());
  ticket.status = proto.status();
  ticket.assignee = PartyFromProto(proto.assignee());
  ticket.group = proto.group();
  ticket.channel = proto.channel();
  ticket.custom_fields.insert(proto.custom_fields().begin(), proto.custom_fields().end());
  if (proto.has_satisfaction()) {
    ticket.satisfaction = core::Satisfaction{proto.satisfaction().score(),
                                             proto.satisfaction().raw(),
                                             proto.satisfaction().comment()};
  }
  ticket.created_at = TimeFromProto(proto.created_at(), proto.has_created_at());
  ticket.closed_at = TimeFromProto(proto.closed_at(), proto.has_closed_at());
  ticket.url = proto.url();
  ticket.ticket_number = proto.ticket_number();
  ticket.partial = proto.partial();
  return ticket;
}

v1::Ticket TicketToProto(const core::Ticket& ticket) {
  v1::Ticket proto;
  proto.set_source(static_cast<v1::Source>(ticket.source));
  proto.set_source_tenant(ticket.source_tenant);
  proto.set_ticket_id(ticket.ticket_id);
  proto.set_delivery_id(ticket.delivery_id);
  proto.set_subject(ticket.subject);
  for (const core::Message& message : ticket.messages) {
    v1::Message* out = proto.add_messages();
    out->set_author_role(static_cast<v1::AuthorRole>(message.author_role));
    out->set_author_id(message.author_id);
    out->set_body_text(message.body_text);
    out->set_body_html(message.body_html);
    out->set_is_public(message.is_public);
    if (message.created_at.has_value()) TimeToProto(*message.created_at, *out->mutable_created_at());
  }
  PartyToProto(ticket.requester, *proto.mutable_requester());
  v1::Account* account = proto.mutable_account();
  account->set_id(ticket.account.id);
  account->set_name(ticket.account.name);
  account->set_plan(ticket.account.plan);
  account->set_arr_cents(ticket.account.arr_cents);
  account->set_currency(ticket.account.currency);
  account->set_renewal_date(ticket.account.renewal_date);
  account->set_segment(ticket.account.segment);
  for (const std::string& tag : ticket.tags) proto.add_tags(tag);
  proto.set_priority(static_cast<v1::Priority>(ticket.priority));
  proto.set_status(ticket.status);
  PartyToProto(ticket.assignee, *proto.mutable_assignee());
  proto.set_group(ticket.group);
  proto.set_channel(ticket.channel);
  proto.mutable_custom_fields()->insert(ticket.custom_fields.begin(), ticket.custom_fields.end());
  if (ticket.satisfaction.has_value()) {
    proto.mutable_satisfaction()->set_score(ticket.satisfaction->score);
    proto.mutable_satisfaction()->set_raw(ticket.satisfaction->raw);
    proto.mutable_satisfaction()->set_comment(ticket.satisfaction->comment);
  }
  if (ticket.created_at.has_value()) TimeToProto(*ticket.created_at, *proto.mutable_created_at());
  if (ticket.closed_at.has_value()) TimeToProto(*ticket.closed_at, *proto.mutable_closed_at());
  proto.set_url(ticket.url);
  proto.set_ticket_number(ticket.ticket_number);
  proto.set_partial(ticket.partial);
  return proto;
}

}  // namespace debrief::codec
