#include "tests/unit/digest/digest_test_history.h"

#include <vector>

namespace debrief::testing {

int FillTestHistory(GeneratedHistory& history) {
  history.AddAccount("acme", "Acme Corp", kAcmeArr, "2026-12-15", 55);
  history.AddAccount("globex", "Globex", kGlobexArr, "2027-06-01", 20);
  history.AddAccount("initech", "Initech", kInitechArr, "", 10);
  history.AddAccount("umbrella", "Umbrella", kUmbrellaArr, "2027-01-10", 5);
  const std::vector<int> billing = {10, 12, 9, 11, 10, 13, 11};
  const std::vector<int> login = {3, 2, 4, 3, 2, 3, 0};
  const std::vector<int> db = {0, 0, 1, 1, 2, 2, 0};
  const std::vector<int> timeout = {5, 5, 5, 5, 5, 5, 6};
  const std::vector<int> falling = {0, 0, 0, 0, 0, 8, 4};
  for (int week = 0; week < 7; ++week) {
    const absl::Time day = TestWeek(week) + absl::Hours(30);
    history.AddTagged(day, week % 2 == 0 ? "acme" : "globex", "billing", billing[week]);
    history.AddTagged(day + absl::Hours(1), "globex", "login", login[week]);
    for (int i = 0; i < db[week]; ++i) {
      history.AddClose({.at = day + absl::Hours(2) + absl::Minutes(i), .account_id = "initech",
                        .errors = {{"fp-db", "ERROR 1205: lock wait timeout"}}});
    }
    for (int i = 0; i < timeout[week]; ++i) {
      history.AddClose({.at = day + absl::Hours(3) + absl::Minutes(i), .account_id = "globex",
                        .errors = {{"fp-timeout", "upstream timed out after 30s"}}});
    }
    for (int i = 0; i < falling[week]; ++i) {
      history.AddClose({.at = day + absl::Hours(4) + absl::Minutes(i), .account_id = "globex",
                        .errors = {{"fp-falling", "E_OLD_BUG"}}});
    }
  }
  history.AddClose({.at = TestWeek(5) + absl::Hours(40), .account_id = "globex",
                    .competitors = {{"Zendesk", core::CompetitorContext::kMention, "we also use Zendesk"}}});

  // 2026-W47.
  const absl::Time w47 = TestWeek(6) + absl::Hours(50);
  int closes = 11 + 6 + 4;  // billing, timeout, falling
  history.AddTagged(w47, "acme", "login", 10);
  history.AddTagged(w47, "globex", "login", 5);
  history.AddTagged(w47, "initech", "login", 5);
  closes += 20;
  for (int i = 0; i < 12; ++i) {
    history.AddClose({.at = w47 + absl::Hours(1) + absl::Minutes(i),
                      .account_id = i % 2 == 0 ? "acme" : "umbrella",
                      .root_cause = "bug",
                      .errors = {{"fp-db", "ERROR 1205: lock wait timeout exceeded"}}});
  }
  closes += 12;
  for (int i = 0; i < 3; ++i) {
    history.AddClose({.at = w47 + absl::Hours(2) + absl::Minutes(i), .account_id = "initech",
                      .root_cause = "configuration",
                      .errors = {{"fp-new", "TypeError: cannot read properties of undefined"}},
                      .sentiment_delta = -0.5,
                      .sentiment = core::SentimentLabel::kNegative});
  }
  closes += 3;
  history.AddClose({.at = w47 + absl::Hours(3), .account_id = "acme",
                    .competitors = {{"Zendesk", core::CompetitorContext::kSwitching,
                                     "we are moving to Zendesk next quarter"}},
                    .feature_requests = {{"csv export", "reports", "please add CSV export"}}});
  history.AddClose({.at = w47 + absl::Hours(4), .account_id = "acme",
                    .competitors = {{"Zendesk", core::CompetitorContext::kSwitching,
                                     "Zendesk offered us a migration"}},
                    .escalation = core::EscalationLevel::kUrgent,
                    .escalation_reason = "customer threatens to cancel"});
  history.AddClose({.at = w47 + absl::Hours(5), .account_id = "globex",
                    .competitors = {{"Zendesk", core::CompetitorContext::kComparing,
                                     "how do you compare to Zendesk?"}},
                    .feature_requests = {{"csv export", "reports", "CSV export for audits"}}});
  history.AddClose({.at = w47 + absl::Hours(6), .account_id = "initech",
                    .competitors = {{"Freshdesk", core::CompetitorContext::kPricing,
                                     "Freshdesk is cheaper"}},
                    .feature_requests = {{"csv export", "reports", "export to csv"}}});
  history.AddClose({.at = w47 + absl::Hours(7), .account_id = "umbrella",
                    .feature_requests = {{"sso", "auth", "we need SAML SSO"}}});
  history.AddClose({.at = w47 + absl::Hours(8), .account_id = "umbrella",
                    .feature_requests = {{"sso", "auth", "SSO is a must for rollout"}}});
  closes += 6;
  history.AddTimeline("acme", w47 + absl::Hours(4), "competitor.switching (Zendesk) +15", 15, 0);
  history.AddTimeline("acme", w47 + absl::Hours(5), "escalation urgent +10", 10, 0);
  history.AddTimeline("globex", w47 + absl::Hours(5), "repeat contact +5", 5, 0);
  history.AddTimeline("umbrella", w47 + absl::Hours(8), "expansion.seats +20", 0, 20);
  return closes;
}

}  // namespace debrief::testing
