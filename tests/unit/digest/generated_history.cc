#include "tests/unit/digest/generated_history.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/common/status_macros.h"
#include "tests/testing/test_env.h"

namespace debrief::testing {

GeneratedHistory::GeneratedHistory() : dir_(MakeTempDir("digest")) {
  config::StorageOptions options;
  options.data_dir = dir_;
  auto database = storage::SqliteDatabase::Open(options);
  DEBRIEF_CHECK(database.ok());
  database_ = std::move(*database);
  history_ = std::make_unique<storage::SqliteHistoryStore>(*database_);
  store_ = std::make_unique<storage::SqliteDigestStore>(*database_);
}

void GeneratedHistory::AddAccount(const std::string& id, const std::string& name,
                                  int64_t arr_cents, const std::string& renewal_date,
                                  int renewal_risk) {
  const absl::Status status = database_->Write([&](storage::SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        storage::Statement insert,
        db.Prepare("INSERT INTO accounts(account_id, name, arr_cents, renewal_date, renewal_risk, "
                   "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, 0)"));
    insert.Bind(1, id).Bind(2, name).Bind(3, arr_cents).Bind(4, renewal_date).Bind(5, renewal_risk);
    return insert.Run();
  });
  ASSERT_TRUE(status.ok()) << status;
}

void GeneratedHistory::AddClose(const GeneratedClose& close) {
  storage::CloseRecord record;
  const int number = next_ticket_++;
  record.close_key = absl::StrCat("generic|test|", number);
  record.ticket.source = core::Source::kGeneric;
  record.ticket.source_tenant = "test";
  record.ticket.ticket_id = absl::StrCat(number);
  record.ticket.url = absl::StrCat("https://help.example.com/tickets/", number);
  record.ticket.account.id = close.account_id;
  record.ticket.closed_at = close.at;
  record.recorded_at = close.at;
  core::Debriefing& debriefing = record.debriefing;
  debriefing.decision_id = absl::StrCat("dec-", number);
  for (const std::string& tag : close.tags) debriefing.suggested_tags.push_back({.value = tag, .confidence = 0.9});
  if (!close.root_cause.empty()) debriefing.root_cause = core::Label{.value = close.root_cause};
  for (const auto& [fingerprint, verbatim] : close.errors) {
    core::ErrorSignature error;
    error.fingerprint = fingerprint;
    error.verbatim = verbatim;
    error.normalized = absl::StrCat("normalized ", fingerprint);
    error.evidence.quote = verbatim;
    debriefing.errors.push_back(error);
  }
  for (const auto& mention : close.competitors) {
    core::CompetitorMention competitor;
    competitor.competitor = mention.competitor;
    competitor.context = mention.context;
    competitor.evidence.quote = mention.quote;
    debriefing.competitors.push_back(competitor);
  }
  for (const auto& request : close.feature_requests) {
    core::ProductFeedback feedback;
    feedback.kind = core::FeedbackKind::kFeatureRequest;
    feedback.theme = request.theme;
    feedback.product_area = request.area;
    feedback.evidence.quote = request.quote;
    debriefing.product_feedback.push_back(feedback);
  }
  debriefing.escalation.level = close.escalation;
  if (!close.escalation_reason.empty()) {
    debriefing.escalation.reasons.push_back({.rule = "test", .text = close.escalation_reason,
                                             .level = close.escalation});
  }
  debriefing.sentiment.delta = close.sentiment_delta;
  debriefing.sentiment.label = close.sentiment;
  auto outcome = history_->RecordClose(record);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
}

void GeneratedHistory::AddTagged(absl::Time at, const std::string& account_id,
                                 const std::string& tag, int count) {
  for (int i = 0; i < count; ++i) {
    AddClose({.at = at + absl::Minutes(i), .account_id = account_id, .tags = {tag}});
  }
}

void GeneratedHistory::AddTimeline(const std::string& account_id, absl::Time at,
                                   const std::string& summary, int renewal_risk_delta,
                                   int expansion_delta) {
  const absl::Status status = database_->Write([&](storage::SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        storage::Statement insert,
        db.Prepare("INSERT INTO account_timeline(account_id, at, kind, summary, "
                   "renewal_risk_delta, expansion_delta) VALUES (?, ?, 'close', ?, ?, ?)"));
    insert.Bind(1, account_id).Bind(2, absl::ToUnixMicros(at)).Bind(3, summary)
        .Bind(4, renewal_risk_delta).Bind(5, expansion_delta);
    return insert.Run();
  });
  ASSERT_TRUE(status.ok()) << status;
}

}  // namespace debrief::testing
