// Rolling metrics over an account's closes: which closes are repeat contacts, how many
// contacts were about the same issue, and the metrics of one window. Pure functions
// over core::AccountClose lists sorted by closed_at (oldest first).
//
//   core::AccountWindowMetrics week = ComputeWindowMetrics(closes, now, absl::Hours(168),
//                                                          options.repeat_window);
#ifndef DEBRIEF_SERVER_POLICY_ACCOUNT_METRICS_H_
#define DEBRIEF_SERVER_POLICY_ACCOUNT_METRICS_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "server/core/account.h"

namespace debrief::policy {

// Whether `a` and `b` are about the same issue: the same non-empty root cause, or an
// error fingerprint in common. With `errors_only`, only fingerprints count.
bool SameIssue(const core::AccountClose& a, const core::AccountClose& b, bool errors_only = false);

// Whether closes[index] came back about the same issue as an earlier close (earlier in
// the list) at most `repeat_window` before it.
bool IsRepeatContact(const std::vector<core::AccountClose>& closes, size_t index,
                     absl::Duration repeat_window);

// Contacts at most `within` before closes[index] (and closes[index] itself) about the
// same issue as it: 1 for a first contact, 3 for the third.
int SameIssueContacts(const std::vector<core::AccountClose>& closes, size_t index,
                      absl::Duration within, bool errors_only = false);

// The metrics of the closes in (end - window, end].
core::AccountWindowMetrics ComputeWindowMetrics(const std::vector<core::AccountClose>& closes,
                                                absl::Time end, absl::Duration window,
                                                absl::Duration repeat_window);

// Mean end sentiment of the closes in (end - window, end] that measured it; nullopt
// when none did.
std::optional<double> MeanEndSentiment(const std::vector<core::AccountClose>& closes,
                                       absl::Time end, absl::Duration window);

}  // namespace debrief::policy

#endif  // DEBRIEF_SERVER_POLICY_ACCOUNT_METRICS_H_
