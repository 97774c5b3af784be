// Typed, path-aware reading of the YAML configuration. Every error names the key path
// ("taxonomy.tags[3].patterns[0]: ..."), and a map whose keys were not all read reports
// the first unknown key, so typos fail loudly instead of being ignored.
//
// Internal to server/config: section parsers use it; nothing outside includes it.
//
//   YamlMap map(node, "server");
//   DEBRIEF_RETURN_IF_ERROR(map.Read("grpc_listen", options.grpc_listen));
//   DEBRIEF_RETURN_IF_ERROR(map.Finish());
#ifndef DEBRIEF_SERVER_CONFIG_YAML_READER_H_
#define DEBRIEF_SERVER_CONFIG_YAML_READER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/config/config_value.h"
#include "server/config/secret.h"
#include "yaml-cpp/yaml.h"

namespace debrief::config {

// "path.key" or "key" when path is empty.
std::string JoinPath(absl::string_view path, absl::string_view key);

// INVALID_ARGUMENT "<path>: <message>".
absl::Status ConfigError(absl::string_view path, absl::string_view message);

// Parses "250ms", "30s", "5m", "4h", "14d" (and combinations such as "1h30m").
absl::Status ParseDurationText(absl::string_view text, absl::string_view path, absl::Duration& out);

// Reads the secret reference ({env: VAR} or {file: PATH}) `node`, found at `path`.
absl::Status ReadSecretNode(const YAML::Node& node, const std::string& path, SecretRef& out);

// Reads one YAML mapping. Thread-compatible; lives for one parse.
class YamlMap {
 public:
  // `node` may be null/undefined (an absent section): every Read keeps its default.
  // A node that is neither absent nor a mapping makes every call fail.
  YamlMap(const YAML::Node& node, std::string path);

  const std::string& path() const { return path_; }
  bool Has(absl::string_view key) const;

  // Each Read leaves `out` unchanged when the key is absent, and fails when present with
  // the wrong type.
  absl::Status Read(absl::string_view key, std::string& out);
  absl::Status Read(absl::string_view key, bool& out);
  absl::Status Read(absl::string_view key, int& out);
  absl::Status Read(absl::string_view key, int64_t& out);
  absl::Status Read(absl::string_view key, double& out);
  absl::Status Read(absl::string_view key, absl::Duration& out);
  absl::Status Read(absl::string_view key, std::vector<std::string>& out);
  absl::Status Read(absl::string_view key, ConfigValue& out);
  absl::Status Read(absl::string_view key, SecretRef& out);
  // A list of secret references ([{env: A}, {file: B}]).
  absl::Status Read(absl::string_view key, std::vector<SecretRef>& out);
  // A mapping of strings to strings ({"360001": plan}).
  absl::Status Read(absl::string_view key, std::map<std::string, std::string>& out);

  // Calls `parse(section_map)` for the mapping at `key` (also when absent, so the section's
  // defaults are validated), then checks it for unknown keys.
  absl::Status ReadSection(absl::string_view key, const std::function<absl::Status(YamlMap&)>& parse);

  // Calls `parse(item_map)` for each element of the sequence at `key` (each must be a
  // mapping), with paths "key[i]". Absent key: no calls.
  absl::Status ReadEach(absl::string_view key, const std::function<absl::Status(YamlMap&)>& parse);

  // Calls `parse(name, value_map)` for each entry of the mapping at `key`, in file order,
  // with paths "key.name".
  absl::Status ReadEntries(absl::string_view key,
                           const std::function<absl::Status(const std::string&, YamlMap&)>& parse);

  // Fails on the first key that no Read/Has/ReadEach/ReadEntries asked for.
  absl::Status Finish() const;

 private:
  // The raw child node at `key` (marks it consumed).
  YAML::Node Child(absl::string_view key);
  absl::Status CheckMapping() const;

  YAML::Node node_;
  std::string path_;
  std::set<std::string, std::less<>> consumed_;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_YAML_READER_H_
