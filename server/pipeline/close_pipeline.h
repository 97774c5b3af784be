// The close-time flow, in the one direction the design fixes:
// normalize → redact → analyze → decide → record. A close already recorded is answered
// from the record without being analysed again. With account memory, "decide" reads
// the account's state first and "record" commits the account update with the ticket.
// Closes of one account are decided one at a time in this process (analysis still runs
// in parallel); when another writer (a CRM import, another process) moved the account
// in between, the commit is refused and the decision made again on the new state, so
// concurrent closes never lose an update.
#ifndef DEBRIEF_SERVER_PIPELINE_CLOSE_PIPELINE_H_
#define DEBRIEF_SERVER_PIPELINE_CLOSE_PIPELINE_H_

#include <array>

#include "absl/synchronization/mutex.h"
#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/common/snapshot.h"
#include "server/core/close_handler.h"
#include "server/core/insight.h"
#include "server/pipeline/decision_components.h"
#include "server/pipeline/model_trainer.h"
#include "server/storage/account_store.h"
#include "server/storage/history_store.h"

namespace debrief::pipeline {

// Thread-safe. Every reference must outlive it.
class ClosePipeline final : public core::CloseHandler {
 public:
  // `accounts` is optional: without it, closes are decided on the ticket alone.
  // `trainer` is optional: with it, fix category and root cause blend in the learned
  // model, and every newly recorded close is learned before Close returns.
  // `insights` is optional: with it, the close's insights and their deliveries (the
  // outbox rows) commit with the ticket record, and Debriefing::routed lists them.
  ClosePipeline(const common::Snapshot<DecisionComponents>& components,
                storage::HistoryStore& history, const common::Clock& clock,
                common::MetricsRegistry& metrics, storage::AccountStore* accounts = nullptr,
                ModelTrainer* trainer = nullptr, const core::InsightPlanner* insights = nullptr);

  absl::StatusOr<core::Debriefing> Close(const core::Ticket& ticket, core::CloseMode mode) override;

 private:
  const common::Snapshot<DecisionComponents>& components_;
  storage::HistoryStore& history_;
  const common::Clock& clock_;
  common::CounterFamily& closes_;
  common::Counter& unknown_helpdesk_tags_;
  storage::AccountStore* const accounts_;
  // Orders the read-decide-commit of closes of one account (striped by account id).
  // Held across the store calls on purpose: the store never calls back into the
  // pipeline, and holding it is what keeps same-account closes from racing.
  std::array<absl::Mutex, 64> account_stripes_;
  ModelTrainer* const trainer_;
  const core::InsightPlanner* const insights_;
  common::Counter& account_conflicts_;
};

}  // namespace debrief::pipeline

#endif  // DEBRIEF_SERVER_PIPELINE_CLOSE_PIPELINE_H_
