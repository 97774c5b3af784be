// The close-time flow, in the one direction the design fixes:
// normalize → redact → analyze → decide → record. A close already recorded is answered
// from the record without being analysed again.
#ifndef DEBRIEF_SERVER_PIPELINE_CLOSE_PIPELINE_H_
#define DEBRIEF_SERVER_PIPELINE_CLOSE_PIPELINE_H_

#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/common/snapshot.h"
#include "server/core/close_handler.h"
#include "server/pipeline/decision_components.h"
#include "server/storage/history_store.h"

namespace debrief::pipeline {

// Thread-safe. Every reference must outlive it.
class ClosePipeline final : public core::CloseHandler {
 public:
  ClosePipeline(const common::Snapshot<DecisionComponents>& components,
                storage::HistoryStore& history, const common::Clock& clock,
                common::MetricsRegistry& metrics);

  absl::StatusOr<core::Debriefing> Close(const core::Ticket& ticket, core::CloseMode mode) override;

 private:
  const common::Snapshot<DecisionComponents>& components_;
  storage::HistoryStore& history_;
  const common::Clock& clock_;
  common::CounterFamily& closes_;
  common::Counter& unknown_helpdesk_tags_;
};

}  // namespace debrief::pipeline

#endif  // DEBRIEF_SERVER_PIPELINE_CLOSE_PIPELINE_H_
