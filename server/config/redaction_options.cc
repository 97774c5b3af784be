#include "server/config/redaction_options.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

bool IsValidName(absl::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (const char c : name) {
    if (!(absl::ascii_isupper(c) || absl::ascii_isdigit(c) || c == '_')) return false;
  }
  return true;
}

}  // namespace

absl::Status ParseRedactionOptions(YamlMap& map, RedactionOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("emails", out.emails));
  DEBRIEF_RETURN_IF_ERROR(map.Read("phones", out.phones));
  DEBRIEF_RETURN_IF_ERROR(map.Read("cards", out.cards));
  DEBRIEF_RETURN_IF_ERROR(map.Read("ibans", out.ibans));
  DEBRIEF_RETURN_IF_ERROR(map.Read("ips", out.ips));
  DEBRIEF_RETURN_IF_ERROR(map.Read("secrets", out.secrets));
  DEBRIEF_RETURN_IF_ERROR(map.Read("names", out.names));
  DEBRIEF_RETURN_IF_ERROR(map.Read("secret_min_length", out.secret_min_length));
  DEBRIEF_RETURN_IF_ERROR(map.Read("secret_min_entropy_bits", out.secret_min_entropy_bits));
  if (out.secret_min_length < 16 || out.secret_min_length > 256) {
    return ConfigError(JoinPath(map.path(), "secret_min_length"), "must be between 16 and 256");
  }
  if (out.secret_min_entropy_bits < 1 || out.secret_min_entropy_bits > 6) {
    return ConfigError(JoinPath(map.path(), "secret_min_entropy_bits"),
                       "must be between 1 and 6 (bits per character)");
  }
  std::set<std::string> names;
  return map.ReadEach("custom", [&](YamlMap& item) {
    RedactionPattern pattern;
    DEBRIEF_RETURN_IF_ERROR(item.Read("name", pattern.name));
    DEBRIEF_RETURN_IF_ERROR(item.Read("pattern", pattern.pattern));
    if (!IsValidName(pattern.name)) {
      return ConfigError(JoinPath(item.path(), "name"),
                         "must be 1-32 characters of A-Z, 0-9 or '_' (it becomes [CUSTOM:NAME])");
    }
    if (!names.insert(pattern.name).second) {
      return ConfigError(JoinPath(item.path(), "name"),
                         absl::StrCat("duplicate name \"", pattern.name, "\""));
    }
    RE2 re(pattern.pattern, RE2::Quiet);
    if (pattern.pattern.empty() || !re.ok()) {
      return ConfigError(JoinPath(item.path(), "pattern"),
                         absl::StrCat("invalid RE2 pattern: ",
                                      pattern.pattern.empty() ? "is empty" : re.error()));
    }
    if (RE2::FullMatch("", re)) {
      return ConfigError(JoinPath(item.path(), "pattern"), "matches the empty string");
    }
    out.custom.push_back(std::move(pattern));
    return absl::OkStatus();
  });
}

}  // namespace debrief::config
