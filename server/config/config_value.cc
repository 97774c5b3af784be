#include "server/config/config_value.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace debrief::config {

std::string ConfigValueToString(const ConfigValue& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return "(none)"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(double d) const { return absl::StrFormat("%g", d); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<std::string>& list) const {
      return absl::StrCat("[", absl::StrJoin(list, ", "), "]");
    }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace debrief::config
