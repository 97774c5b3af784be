#include "server/codec/account_codec.h"

#include "server/codec/ticket_codec.h"

namespace debrief::codec {
namespace {

void ScoreReasonToProto(const core::ScoreReason& reason, v1::ScoreReason& out) {
  out.set_ticket_id(reason.ticket_id);
  out.set_signal(reason.signal);
  out.set_points(reason.points);
  out.set_text(reason.text);
}

void WindowToProto(const core::AccountWindowMetrics& window, v1::AccountWindowMetrics& out) {
  out.set_days(static_cast<int32_t>(absl::ToInt64Hours(window.window) / 24));
  out.set_tickets(window.tickets);
  out.set_repeat_contacts(window.repeat_contacts);
  out.set_sentiment_mean(window.sentiment_mean);
  out.set_confidence_change(window.confidence_change);
  out.set_open_escalations(window.open_escalations);
  out.set_competitor_mentions(window.competitor_mentions);
  out.set_feature_requests(window.feature_requests);
  out.set_expansion_signals(window.expansion_signals);
  out.set_churn_signals(window.churn_signals);
}

}  // namespace

core::Account AccountFromProto(const v1::Account& proto) {
  core::Account account;
  account.id = proto.id();
  account.name = proto.name();
  account.plan = proto.plan();
  account.arr_cents = proto.arr_cents();
  account.currency = proto.currency();
  account.renewal_date = proto.renewal_date();
  account.segment = proto.segment();
  return account;
}

void AccountToProto(const core::Account& account, v1::Account& out) {
  out.set_id(account.id);
  out.set_name(account.name);
  out.set_plan(account.plan);
  out.set_arr_cents(account.arr_cents);
  out.set_currency(account.currency);
  out.set_renewal_date(account.renewal_date);
  out.set_segment(account.segment);
}

std::vector<core::Account> AccountsFromProto(const v1::UpsertAccountsRequest& request) {
  std::vector<core::Account> accounts;
  accounts.reserve(static_cast<size_t>(request.accounts_size()));
  for (const v1::Account& account : request.accounts()) accounts.push_back(AccountFromProto(account));
  return accounts;
}

void UpsertResultToProto(const core::UpsertResult& result, v1::UpsertAccountsResponse& out) {
  out.set_created(result.created);
  out.set_updated(result.updated);
}

void AccountHealthPageToProto(const core::AccountHealthPage& page,
                              v1::GetAccountHealthResponse& out) {
  const core::AccountHealth& health = page.health;
  v1::AccountHealth* proto = out.mutable_health();
  AccountToProto(health.account, *proto->mutable_account());
  proto->set_renewal_risk(health.renewal_risk);
  proto->set_expansion_score(health.expansion_score);
  for (const core::ScoreReason& reason : health.risk_reasons) {
    ScoreReasonToProto(reason, *proto->add_risk_reasons());
  }
  for (const core::ScoreReason& reason : health.expansion_reasons) {
    ScoreReasonToProto(reason, *proto->add_expansion_reasons());
  }
  for (const core::AccountWindowMetrics& window : health.windows) {
    WindowToProto(window, *proto->add_windows());
  }
  if (health.updated_at != absl::InfinitePast()) {
    TimeToProto(health.updated_at, *proto->mutable_updated_at());
  }
  proto->set_total_tickets(health.total_tickets);
  for (const core::TimelineEntry& entry : page.timeline) {
    v1::TimelineEntry* item = out.add_timeline();
    TimeToProto(entry.at, *item->mutable_at());
    item->set_kind(entry.kind);
    item->set_ticket_id(entry.ticket_id);
    item->set_decision_id(entry.decision_id);
    item->set_summary(entry.summary);
    item->set_renewal_risk_delta(entry.renewal_risk_delta);
    item->set_expansion_delta(entry.expansion_delta);
  }
  out.set_next_page_token(page.next_page_token);
}

core::ForgetRequest ForgetRequestFromProto(const v1::ForgetCustomerRequest& request) {
  core::ForgetRequest forget;
  switch (request.subject_case()) {
    case v1::ForgetCustomerRequest::kRequesterId:
      forget.subject = core::ForgetSubject::kRequesterId;
      forget.value = request.requester_id();
      break;
    case v1::ForgetCustomerRequest::kAccountId:
      forget.subject = core::ForgetSubject::kAccount;
      forget.value = request.account_id();
      break;
    default:
      forget.subject = core::ForgetSubject::kRequesterEmail;
      forget.value = request.requester_email();
      break;
  }
  forget.reason = request.reason();
  return forget;
}

void ForgetResultToProto(const core::ForgetResult& result, v1::ForgetCustomerResponse& out) {
  out.set_tickets_erased(result.tickets_erased);
  out.set_audit_id(result.audit_id);
  out.set_already_forgotten(result.already_forgotten);
}

}  // namespace debrief::codec
