#include "server/codec/digest_codec.h"

#include "server/codec/ticket_codec.h"

namespace debrief::codec {
namespace {

void ItemToProto(const core::DigestItem& item, v1::DigestItem& out) {
  out.set_key(item.key);
  out.set_title(item.title);
  out.set_count(item.count);
  out.set_previous_count(item.previous_count);
  out.set_arr_cents(item.arr_cents);
  out.set_accounts(item.accounts);
  for (const std::string& quote : item.quotes) out.add_quotes(quote);
  for (const std::string& url : item.ticket_urls) out.add_ticket_urls(url);
  for (const auto& [name, value] : item.figures) (*out.mutable_figures())[name] = value;
  for (const std::string& id : item.account_ids) out.add_account_ids(id);
  for (int64_t count : item.weekly_counts) out.add_weekly_counts(count);
  for (const std::string& note : item.notes) out.add_notes(note);
}

}  // namespace

void DigestToProto(const core::Digest& digest, v1::Digest& out) {
  out.set_audience(static_cast<v1::Team>(digest.audience));
  out.set_period(digest.period);
  TimeToProto(digest.generated_at, *out.mutable_generated_at());
  TimeToProto(digest.period_start, *out.mutable_period_start());
  TimeToProto(digest.period_end, *out.mutable_period_end());
  out.set_tickets(digest.tickets);
  out.set_previous_tickets(digest.previous_tickets);
  for (const core::DigestSection& section : digest.sections) {
    v1::DigestSection& proto = *out.add_sections();
    proto.set_id(section.id);
    proto.set_title(section.title);
    for (const core::DigestItem& item : section.items) ItemToProto(item, *proto.add_items());
  }
}

}  // namespace debrief::codec
