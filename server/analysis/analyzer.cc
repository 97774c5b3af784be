#include "server/analysis/analyzer.h"

#include "server/analysis/normalizer.h"

namespace debrief::analysis {

absl::StatusOr<std::unique_ptr<Analyzer>> Analyzer::Create(const config::DebriefConfig& config) {
  (void)config;
  return std::unique_ptr<Analyzer>(new Analyzer());
}

core::Ticket Analyzer::Prepare(core::Ticket ticket) const { return Normalize(std::move(ticket)); }

core::Debriefing Analyzer::Analyze(const core::Ticket& prepared) const {
  (void)prepared;
  return core::Debriefing();
}

}  // namespace debrief::analysis
