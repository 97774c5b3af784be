#include "server/config/feedback_options.h"

#include "server/common/status_macros.h"
#include "server/config/phrase_list.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

absl::Status ParseCues(YamlMap& map, absl::string_view key, FeedbackCues& out) {
  return map.ReadSection(key, [&](YamlMap& cues) {
    DEBRIEF_RETURN_IF_ERROR(ReadPhrases(cues, "phrases", out.phrases));
    return ReadPatterns(cues, "patterns", out.patterns);
  });
}

}  // namespace

absl::Status ParseFeedbackOptions(YamlMap& map, FeedbackOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("product_areas", out.product_areas));
  DEBRIEF_RETURN_IF_ERROR(ParseCues(map, "feature_request", out.feature_request));
  DEBRIEF_RETURN_IF_ERROR(ParseCues(map, "bug", out.bug));
  DEBRIEF_RETURN_IF_ERROR(ParseCues(map, "ux", out.ux));
  DEBRIEF_RETURN_IF_ERROR(ParseCues(map, "pricing", out.pricing));
  DEBRIEF_RETURN_IF_ERROR(ParseCues(map, "docs", out.docs));
  DEBRIEF_RETURN_IF_ERROR(ParseCues(map, "question", out.question));
  DEBRIEF_RETURN_IF_ERROR(map.Read("min_confidence", out.min_confidence));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_items", out.max_items));
  if (out.min_confidence < 0 || out.min_confidence > 1) {
    return ConfigError(JoinPath(map.path(), "min_confidence"), "must be between 0 and 1");
  }
  if (out.max_items < 1 || out.max_items > 100) {
    return ConfigError(JoinPath(map.path(), "max_items"), "must be between 1 and 100");
  }
  return absl::OkStatus();
}

}  // namespace debrief::config
