#include "server/pipeline/account_service.h"

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/common/ids.h"
#include "server/common/logging.h"
#include "server/common/status_macros.h"
#include "server/policy/account_metrics.h"

namespace debrief::pipeline {
namespace {

// Page tokens are the opaque form of the last entry's (time, row id).
std::string EncodePageToken(const std::pair<absl::Time, int64_t>& position) {
  return absl::WebSafeBase64Escape(
      absl::StrCat("t1.", absl::ToUnixMicros(position.first), ".", position.second));
}

absl::StatusOr<std::pair<absl::Time, int64_t>> DecodePageToken(absl::string_view token) {
  const absl::Status invalid =
      absl::InvalidArgumentError("page_token: is not a token from a previous response");
  std::string text;
  if (!absl::WebSafeBase64Unescape(token, &text)) return invalid;
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '.');
  int64_t micros = 0;
  int64_t id = 0;
  if (parts.size() != 3 || parts[0] != "t1" || !absl::SimpleAtoi(parts[1], &micros) ||
      !absl::SimpleAtoi(parts[2], &id) || id <= 0) {
    return invalid;
  }
  return std::make_pair(absl::FromUnixMicros(micros), id);
}

}  // namespace

AccountService::AccountService(const common::Snapshot<DecisionComponents>& components,
                               storage::AccountStore& accounts, const common::Clock& clock,
                               common::Random& random)
    : components_(components), accounts_(accounts), clock_(clock), random_(random) {}

absl::StatusOr<core::AccountHealthPage> AccountService::Health(absl::string_view account_id,
                                                               int page_size,
                                                               absl::string_view page_token) {
  std::optional<std::pair<absl::Time, int64_t>> after;
  if (!page_token.empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(after, DecodePageToken(page_token));
  }
  const std::shared_ptr<const DecisionComponents> components = components_.Get();
  const absl::Time now = clock_.Now();
  storage::AccountStateQuery query;
  query.account_id = std::string(account_id);
  query.as_of = now;
  query.lookback = components->relationship->lookback();
  DEBRIEF_ASSIGN_OR_RETURN(storage::AccountState state, accounts_.LoadState(query));
  if (state.version == 0) {
    return absl::NotFoundError(absl::StrCat(
        "account_id: no account \"", account_id, "\" is known (no closes, no CRM data)"));
  }
  core::AccountHealthPage page;
  core::AccountHealth& health = page.health;
  policy::RelationshipScores scores = components->relationship->Score(state.closes, now);
  health.account = std::move(state.account);
  health.renewal_risk = scores.renewal_risk;
  health.expansion_score = scores.expansion_score;
  health.risk_reasons = std::move(scores.risk_reasons);
  health.expansion_reasons = std::move(scores.expansion_reasons);
  for (const absl::Duration window : components->accounts.windows) {
    health.windows.push_back(policy::ComputeWindowMetrics(state.closes, now, window,
                                                          components->accounts.repeat_window));
  }
  health.updated_at = state.updated_at;
  health.total_tickets = state.total_tickets;
  DEBRIEF_ASSIGN_OR_RETURN(storage::TimelinePage timeline,
                           accounts_.ReadTimeline(account_id, page_size, after));
  page.timeline = std::move(timeline.entries);
  if (timeline.next.has_value()) page.next_page_token = EncodePageToken(*timeline.next);
  return page;
}

absl::StatusOr<core::UpsertResult> AccountService::UpsertAccounts(
    const std::vector<core::Account>& accounts) {
  DEBRIEF_ASSIGN_OR_RETURN(core::UpsertResult result,
                           accounts_.UpsertAccounts(accounts, clock_.Now()));
  common::ModuleLogger("pipeline")
      ->info("accounts upserted: {} created, {} updated, {} unchanged", result.created,
             result.updated, accounts.size() - static_cast<size_t>(result.created + result.updated));
  return result;
}

absl::StatusOr<core::ForgetResult> AccountService::Forget(const core::ForgetRequest& request) {
  storage::ForgetOrder order;
  order.subject = request.subject;
  order.value = request.value;
  order.reason = request.reason;
  order.audit_id = common::NewId("era", clock_, random_);
  order.at = clock_.Now();
  DEBRIEF_ASSIGN_OR_RETURN(core::ForgetResult result, accounts_.Forget(order));
  // The subject itself is never logged: the audit id leads to the (keyed) audit record.
  common::ModuleLogger("pipeline")
      ->info("erasure {}: {} tickets erased{}", result.audit_id, result.tickets_erased,
             result.already_forgotten ? " (nothing left to erase)" : "");
  return result;
}

}  // namespace debrief::pipeline
