#include "server/core/insight.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "server/common/ids.h"

namespace debrief::core {

const std::vector<std::string>& InsightKinds() {
  static const auto* kinds = new std::vector<std::string>{
      std::string(kEscalationRecommended), std::string(kRenewalRiskChanged),
      std::string(kExpansionSignal),       std::string(kConfidenceChanged),
      std::string(kCompetitorMentioned),   std::string(kFeatureRequested),
      std::string(kErrorReported),         std::string(kDigestReady),
      std::string(kSpikeDetected)};
  return *kinds;
}

bool IsInsightKind(absl::string_view kind) {
  const auto& kinds = InsightKinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string InsightId(absl::string_view origin, absl::string_view kind, absl::string_view subject) {
  // Lengths first, so ("a|b", "c") and ("a", "b|c") never collide.
  return common::StableId("ins", absl::StrCat(origin.size(), ":", origin, "|", kind.size(), ":",
                                              kind, "|", subject));
}

}  // namespace debrief::core
