// A scalar or list value from the configuration whose type is decided by the consumer
// (e.g. the `value` of an escalation condition: a number, a word, or a list of words).
#ifndef DEBRIEF_SERVER_CONFIG_CONFIG_VALUE_H_
#define DEBRIEF_SERVER_CONFIG_CONFIG_VALUE_H_

#include <string>
#include <variant>
#include <vector>

namespace debrief::config {

// Absent (monostate), a boolean, a number, a string, or a list of strings.
using ConfigValue =
    std::variant<std::monostate, bool, double, std::string, std::vector<std::string>>;

// Human-readable rendering, for error messages and reason templates.
std::string ConfigValueToString(const ConfigValue& value);

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_CONFIG_VALUE_H_
