#include "server/config/yaml_reader.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace debrief::config {
namespace {

std::string Scalar(const YAML::Node& node) {
  try {
    return node.as<std::string>();
  } catch (const YAML::Exception&) {
    return "";
  }
}

bool ParseDouble(const std::string& text, double& out) {
  if (text.empty()) return false;
  const char* begin = text.data();
  const char* end = begin + text.size();
  auto [ptr, ec] = std::from_chars(begin, end, out);
  return ec == std::errc() && ptr == end && std::isfinite(out);
}

std::string Where(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return "";
  return absl::StrCat(" (line ", mark.line + 1, ")");
}

}  // namespace

// One secret reference ({env: VAR} or {file: PATH}) at `path`.
absl::Status ReadSecretNode(const YAML::Node& node, const std::string& path, SecretRef& out) {
  if (node.IsScalar()) {
    return ConfigError(path,
                       "secrets are never written in the config file; use {env: VAR} or "
                       "{file: PATH}");
  }
  YamlMap map(node, path);
  SecretRef ref;
  if (absl::Status status = map.Read("env", ref.env); !status.ok()) return status;
  if (absl::Status status = map.Read("file", ref.file); !status.ok()) return status;
  if (absl::Status status = map.Finish(); !status.ok()) return status;
  if (ref.env.empty() == ref.file.empty()) {
    return ConfigError(path, "set exactly one of env and file");
  }
  out = std::move(ref);
  return absl::OkStatus();
}

std::string JoinPath(absl::string_view path, absl::string_view key) {
  return path.empty() ? std::string(key) : absl::StrCat(path, ".", key);
}

absl::Status ConfigError(absl::string_view path, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", message));
}

absl::Status ParseDurationText(absl::string_view text, absl::string_view path, absl::Duration& out) {
  if (text.empty()) return ConfigError(path, "empty duration");
  absl::Duration total = absl::ZeroDuration();
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.')) {
      ++j;
    }
    double number = 0;
    if (j == i || !ParseDouble(std::string(text.substr(i, j - i)), number)) {
      return ConfigError(path, absl::StrCat("bad duration \"", text,
                                            "\" (use e.g. 250ms, 30s, 5m, 4h, 14d)"));
    }
    size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) ++k;
    const absl::string_view unit = text.substr(j, k - j);
    absl::Duration unit_length;
    if (unit == "ms") {
      unit_length = absl::Milliseconds(1);
    } else if (unit == "s") {
      unit_length = absl::Seconds(1);
    } else if (unit == "m") {
      unit_length = absl::Minutes(1);
    } else if (unit == "h") {
      unit_length = absl::Hours(1);
    } else if (unit == "d") {
      unit_length = absl::Hours(24);
    } else {
      return ConfigError(path, absl::StrCat("bad duration unit in \"", text,
                                            "\" (use ms, s, m, h or d)"));
    }
    total += number * unit_length;
    i = k;
  }
  out = total;
  return absl::OkStatus();
}

YamlMap::YamlMap(const YAML::Node& node, std::string path) : node_(node), path_(std::move(path)) {}

absl::Status YamlMap::CheckMapping() const {
  if (!node_.IsDefined() || node_.IsNull() || node_.IsMap()) return absl::OkStatus();
  return ConfigError(path_.empty() ? "(top level)" : path_,
                     absl::StrCat("must be a mapping of keys to values", Where(node_)));
}

bool YamlMap::Has(absl::string_view key) const {
  if (!node_.IsMap()) return false;
  return static_cast<bool>(node_[std::string(key)]);
}

YAML::Node YamlMap::Child(absl::string_view key) {
  consumed_.emplace(key);
  if (!node_.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node child = node_[std::string(key)];
  if (!child) return YAML::Node(YAML::NodeType::Undefined);
  return child;
}

absl::Status YamlMap::Read(absl::string_view key, std::string& out) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  if (!child.IsScalar()) return ConfigError(JoinPath(path_, key), "must be a string");
  out = Scalar(child);
  return absl::OkStatus();
}

absl::Status YamlMap::Read(absl::string_view key, bool& out) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  const std::string text = child.IsScalar() ? Scalar(child) : "";
  if (text == "true" || text == "yes" || text == "on") {
    out = true;
  } else if (text == "false" || text == "no" || text == "off") {
    out = false;
  } else {
    return ConfigError(JoinPath(path_, key), absl::StrCat("must be true or false, got \"", text, "\""));
  }
  return absl::OkStatus();
}

absl::Status YamlMap::Read(absl::string_view key, int64_t& out) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  const std::string text = child.IsScalar() ? Scalar(child) : "";
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
    return ConfigError(JoinPath(path_, key), absl::StrCat("must be an integer, got \"", text, "\""));
  }
  out = value;
  return absl::OkStatus();
}

absl::Status YamlMap::Read(absl::string_view key, int& out) {
  int64_t value = out;
  if (absl::Status status = Read(key, value); !status.ok()) return status;
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    return ConfigError(JoinPath(path_, key), "out of range");
  }
  out = static_cast<int>(value);
  return absl::OkStatus();
}

absl::Status YamlMap::Read(absl::string_view key, double& out) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  const std::string text = child.IsScalar() ? Scalar(child) : "";
  double value = 0;
  if (!ParseDouble(text, value)) {
    return ConfigError(JoinPath(path_, key), absl::StrCat("must be a number, got \"", text, "\""));
  }
  out = value;
  return absl::OkStatus();
}

absl::Status YamlMap::Read(absl::string_view key, absl::Duration& out) {
  std::string text;
  if (absl::Status status = Read(key, text); !status.ok()) return status;
  if (text.empty()) return absl::OkStatus();
  return ParseDurationText(text, JoinPath(path_, key), out);
}

absl::Status YamlMap::Read(absl::string_view key, std::vector<std::string>& out) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  if (!child.IsSequence()) return ConfigError(JoinPath(path_, key), "must be a list of strings");
  std::vector<std::string> values;
  for (size_t i = 0; i < child.size(); ++i) {
    if (!child[i].IsScalar()) {
      return ConfigError(absl::StrCat(JoinPath(path_, key), "[", i, "]"), "must be a string");
    }
    values.push_back(Scalar(child[i]));
  }
  out = std::move(values);
  return absl::OkStatus();
}

absl::Status YamlMap::Read(absl::string_view key, ConfigValue& out) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  if (child.IsSequence()) {
    std::vector<std::string> values;
    if (absl::Status status = Read(key, values); !status.ok()) return status;
    out = std::move(values);
    return absl::OkStatus();
  }
  if (!child.IsScalar()) {
    return ConfigError(JoinPath(path_, key), "must be a number, a word or a list");
  }
  const std::string text = Scalar(child);
  double number = 0;
  // Quoted scalars stay strings even when they look like numbers ("007").
  if (child.Tag() != "!" && ParseDouble(text, number)) {
    out = number;
  } else if (child.Tag() != "!" && (text == "true" || text == "false")) {
    out = text == "true";
  } else {
    out = text;
  }
  return absl::OkStatus();
}

absl::Status YamlMap::Read(absl::string_view key, SecretRef& out) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  return ReadSecretNode(child, JoinPath(path_, key), out);
}

absl::Status YamlMap::Read(absl::string_view key, std::vector<SecretRef>& out) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const std::string path = JoinPath(path_, key);
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  if (!child.IsSequence()) {
    return ConfigError(path, "must be a list of secrets ([{env: VAR}, {file: PATH}])");
  }
  std::vector<SecretRef> refs;
  for (size_t i = 0; i < child.size(); ++i) {
    SecretRef ref;
    if (absl::Status status = ReadSecretNode(child[i], absl::StrCat(path, "[", i, "]"), ref);
        !status.ok()) {
      return status;
    }
    refs.push_back(std::move(ref));
  }
  out = std::move(refs);
  return absl::OkStatus();
}

absl::Status YamlMap::Read(absl::string_view key, std::map<std::string, std::string>& out) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const std::string path = JoinPath(path_, key);
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  if (!child.IsMap()) return ConfigError(path, "must be a mapping of strings to strings");
  std::map<std::string, std::string> values;
  for (const auto& entry : child) {
    const std::string name = Scalar(entry.first);
    if (!entry.second.IsScalar()) return ConfigError(JoinPath(path, name), "must be a string");
    values[name] = Scalar(entry.second);
  }
  out = std::move(values);
  return absl::OkStatus();
}

absl::Status YamlMap::ReadSection(absl::string_view key,
                                  const std::function<absl::Status(YamlMap&)>& parse) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  YamlMap section(Child(key), JoinPath(path_, key));
  if (absl::Status status = section.CheckMapping(); !status.ok()) return status;
  if (absl::Status status = parse(section); !status.ok()) return status;
  return section.Finish();
}

absl::Status YamlMap::ReadEach(absl::string_view key,
                               const std::function<absl::Status(YamlMap&)>& parse) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  const std::string path = JoinPath(path_, key);
  if (!child.IsSequence()) return ConfigError(path, "must be a list");
  for (size_t i = 0; i < child.size(); ++i) {
    const std::string item_path = absl::StrCat(path, "[", i, "]");
    if (!child[i].IsMap()) return ConfigError(item_path, "must be a mapping");
    YamlMap item(child[i], item_path);
    if (absl::Status status = parse(item); !status.ok()) return status;
    if (absl::Status status = item.Finish(); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status YamlMap::ReadEntries(
    absl::string_view key, const std::function<absl::Status(const std::string&, YamlMap&)>& parse) {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  const YAML::Node child = Child(key);
  if (!child.IsDefined() || child.IsNull()) return absl::OkStatus();
  const std::string path = JoinPath(path_, key);
  if (!child.IsMap()) return ConfigError(path, "must be a mapping");
  for (const auto& entry : child) {
    const std::string name = Scalar(entry.first);
    YamlMap item(entry.second, JoinPath(path, name));
    if (absl::Status status = item.CheckMapping(); !status.ok()) return status;
    if (absl::Status status = parse(name, item); !status.ok()) return status;
    if (absl::Status status = item.Finish(); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status YamlMap::Finish() const {
  if (absl::Status status = CheckMapping(); !status.ok()) return status;
  if (!node_.IsMap()) return absl::OkStatus();
  for (const auto& entry : node_) {
    const std::string key = Scalar(entry.first);
    if (consumed_.find(key) == consumed_.end()) {
      return ConfigError(JoinPath(path_, key), absl::StrCat("unknown key", Where(entry.first)));
    }
  }
  return absl::OkStatus();
}

}  // namespace debrief::config
