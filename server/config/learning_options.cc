#include "server/config/learning_options.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

absl::Status ParseFeatures(YamlMap& map, FeatureOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("hash_bits", out.hash_bits));
  DEBRIEF_RETURN_IF_ERROR(map.Read("word_ngrams", out.word_ngrams));
  DEBRIEF_RETURN_IF_ERROR(map.Read("char_ngram_min", out.char_ngram_min));
  DEBRIEF_RETURN_IF_ERROR(map.Read("char_ngram_max", out.char_ngram_max));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_text_bytes", out.max_text_bytes));
  if (out.hash_bits < 12 || out.hash_bits > 30) {
    return ConfigError(JoinPath(map.path(), "hash_bits"), "must be between 12 and 30");
  }
  if (out.word_ngrams < 1 || out.word_ngrams > 4) {
    return ConfigError(JoinPath(map.path(), "word_ngrams"), "must be between 1 and 4");
  }
  if (out.char_ngram_max != 0 &&
      (out.char_ngram_min < 1 || out.char_ngram_max < out.char_ngram_min || out.char_ngram_max > 8)) {
    return ConfigError(JoinPath(map.path(), "char_ngram_max"),
                       "must be 0 (off) or between char_ngram_min (>= 1) and 8");
  }
  if (out.max_text_bytes < 256) {
    return ConfigError(JoinPath(map.path(), "max_text_bytes"), "must be at least 256");
  }
  return absl::OkStatus();
}

absl::Status ParseLabelSpace(YamlMap& map, LabelSpaceOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("name", out.name));
  DEBRIEF_RETURN_IF_ERROR(map.Read("labels_from", out.labels_from));
  DEBRIEF_RETURN_IF_ERROR(map.Read("exclusive", out.exclusive));
  if (out.name.empty()) return ConfigError(JoinPath(map.path(), "name"), "is required");
  const bool from_tags = out.labels_from == "helpdesk_tags";
  const bool from_field = absl::StartsWith(out.labels_from, "custom_field:") &&
                          out.labels_from.size() > std::string("custom_field:").size();
  if (!from_tags && !from_field) {
    return ConfigError(JoinPath(map.path(), "labels_from"),
                       absl::StrCat("must be helpdesk_tags or custom_field:<key>, got \"",
                                    out.labels_from, "\""));
  }
  if ((out.name == "tags") != from_tags) {
    return ConfigError(JoinPath(map.path(), "labels_from"),
                       "helpdesk_tags is the source of the space named tags, and only of it");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseLearningOptions(YamlMap& map, LearningOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("threshold", out.threshold));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_tags", out.max_tags));
  DEBRIEF_RETURN_IF_ERROR(map.Read("enabled", out.enabled));
  DEBRIEF_RETURN_IF_ERROR(map.Read("seed", out.seed));
  DEBRIEF_RETURN_IF_ERROR(map.Read("learning_rate", out.learning_rate));
  DEBRIEF_RETURN_IF_ERROR(map.Read("batch_learning_rate", out.batch_learning_rate));
  DEBRIEF_RETURN_IF_ERROR(map.Read("epochs", out.epochs));
  DEBRIEF_RETURN_IF_ERROR(map.Read("takeover_examples", out.takeover_examples));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_model_bytes", out.max_model_bytes));
  DEBRIEF_RETURN_IF_ERROR(map.Read("publish_interval", out.publish_interval));
  DEBRIEF_RETURN_IF_ERROR(map.Read("snapshot_interval", out.snapshot_interval));
  DEBRIEF_RETURN_IF_ERROR(map.Read("snapshots_kept", out.snapshots_kept));
  DEBRIEF_RETURN_IF_ERROR(
      map.ReadSection("features", [&](YamlMap& section) { return ParseFeatures(section, out.features); }));
  if (map.Has("label_spaces")) {
    std::vector<LabelSpaceOptions> spaces;
    std::set<std::string> names;
    const absl::Status status = map.ReadEach("label_spaces", [&](YamlMap& item) {
      LabelSpaceOptions space;
      DEBRIEF_RETURN_IF_ERROR(ParseLabelSpace(item, space));
      if (!names.insert(space.name).second) {
        return ConfigError(JoinPath(item.path(), "name"),
                           absl::StrCat("duplicate label space \"", space.name, "\""));
      }
      spaces.push_back(std::move(space));
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    out.label_spaces = std::move(spaces);
  }
  const std::string& path = map.path();
  if (out.threshold < 0 || out.threshold > 1) {
    return ConfigError(JoinPath(path, "threshold"), "must be between 0 and 1");
  }
  if (out.max_tags < 1 || out.max_tags > 100) {
    return ConfigError(JoinPath(path, "max_tags"), "must be between 1 and 100");
  }
  if (!(out.learning_rate > 0 && out.learning_rate <= 10)) {
    return ConfigError(JoinPath(path, "learning_rate"), "must be in (0, 10]");
  }
  if (!(out.batch_learning_rate > 0 && out.batch_learning_rate <= 10)) {
    return ConfigError(JoinPath(path, "batch_learning_rate"), "must be in (0, 10]");
  }
  if (out.epochs < 1 || out.epochs > 200) {
    return ConfigError(JoinPath(path, "epochs"), "must be between 1 and 200");
  }
  if (out.takeover_examples < 0) {
    return ConfigError(JoinPath(path, "takeover_examples"), "must be 0 or more");
  }
  if (out.max_model_bytes < (int64_t{1} << 20)) {
    return ConfigError(JoinPath(path, "max_model_bytes"), "must be at least 1048576 (1 MiB)");
  }
  if (out.publish_interval < absl::ZeroDuration()) {
    return ConfigError(JoinPath(path, "publish_interval"), "must not be negative");
  }
  if (out.snapshot_interval < absl::Seconds(1)) {
    return ConfigError(JoinPath(path, "snapshot_interval"), "must be at least 1s");
  }
  if (out.snapshots_kept < 1) {
    return ConfigError(JoinPath(path, "snapshots_kept"), "must be at least 1");
  }
  return absl::OkStatus();
}

}  // namespace debrief::config
