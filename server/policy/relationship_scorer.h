// Relationship scoring: an account's renewal risk and expansion score (0..100 each),
// each with the reasons that make it up — which ticket, which signal, how many points.
// A score is the clamped sum of the points of the closes inside the score window, each
// close's points decayed by its age (config accounts.relationship).
//
//   RelationshipScorer scorer(config.accounts);
//   core::Relationship now = scorer.Relate(history, this_close, closed_at);
//   // now.renewal_risk_delta is the change this close caused.
#ifndef DEBRIEF_SERVER_POLICY_RELATIONSHIP_SCORER_H_
#define DEBRIEF_SERVER_POLICY_RELATIONSHIP_SCORER_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/config/accounts_options.h"
#include "server/core/account.h"
#include "server/core/debriefing.h"

namespace debrief::policy {

// Both scores of an account at one point in time.
struct RelationshipScores {
  int renewal_risk = 0;
  int expansion_score = 0;
  // Most recent close first; every reason has non-zero points.
  std::vector<core::ScoreReason> risk_reasons;
  std::vector<core::ScoreReason> expansion_reasons;
};

// Immutable; thread-safe.
class RelationshipScorer {
 public:
  explicit RelationshipScorer(const config::AccountsOptions& options);

  // The scores of `closes` (sorted by closed_at) as of `as_of`: closes in
  // (as_of - score_window, as_of] count.
  RelationshipScores Score(const std::vector<core::AccountClose>& closes, absl::Time as_of) const;

  // The relationship once `close` joins `history` (the account's earlier closes, sorted),
  // scored as of `as_of`: both scores with their reasons, the change `close` caused
  // (scores with it minus scores without it, at the same instant, so age decay between
  // closes is not blamed on this one), one summary line per point `close` moved, and its
  // repeat contacts (earlier contacts about the same issue within the repeat window; 0
  // for a first contact). Signals are left empty for the caller to fill.
  core::Relationship Relate(const std::vector<core::AccountClose>& history,
                            const core::AccountClose& close, absl::Time as_of) const;

  // How far before `as_of` an account's history must reach for Score, Relate and the
  // window metrics to see every close that matters.
  absl::Duration lookback() const { return lookback_; }

 private:
  // One contribution of one close to one score.
  struct Contribution {
    bool risk = true;
    core::ScoreReason reason;
  };
  // Contributions of closes[index] as of `as_of` (empty outside the score window).
  std::vector<Contribution> Contributions(const std::vector<core::AccountClose>& closes,
                                          size_t index, absl::Time as_of) const;
  // Points of `signal` in `table`, falling back to the family's "<prefix>*" entry.
  static int PointsOf(const std::vector<config::SignalPoints>& table, const std::string& signal);

  const config::AccountsOptions options_;
  const absl::Duration lookback_;
};

}  // namespace debrief::policy

#endif  // DEBRIEF_SERVER_POLICY_RELATIONSHIP_SCORER_H_
