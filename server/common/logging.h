// Logging: one named spdlog logger per module ("debrief.<module>"), configured once by
// app/, as text or JSON lines. Every line logged while a LogContext is alive on the
// thread carries its decision id.
//
//   auto log = common::ModuleLogger("storage");
//   common::LogContext context(decision_id);
//   log->info("recorded ticket {}", ticket_id);   // ... decision_id=dcl_... recorded ticket 42
#ifndef DEBRIEF_SERVER_COMMON_LOGGING_H_
#define DEBRIEF_SERVER_COMMON_LOGGING_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "spdlog/logger.h"

// Debian's Abseil has its own string_view type (not std::string_view); let log calls
// format it like any string.
template <>
struct fmt::formatter<absl::string_view> : fmt::formatter<fmt::string_view> {
  template <typename FormatContext>
  auto format(absl::string_view text, FormatContext& context) const {
    return fmt::formatter<fmt::string_view>::format(fmt::string_view(text.data(), text.size()),
                                                    context);
  }
};

namespace debrief::common {

// How log lines look and where they go.
struct LoggingOptions {
  // "text" (human-readable) or "json" (one JSON object per line). Default "text".
  std::string format = "text";
  // Minimum level: trace, debug, info, warn, error, critical, off. Default "info".
  std::string level = "info";
};

// Validates `options` without applying them. INVALID_ARGUMENT names the bad field.
absl::Status ValidateLoggingOptions(const LoggingOptions& options);

// Applies `options` to every existing and future module logger. Thread-safe; call from
// app/ at start and on config reload.
absl::Status ConfigureLogging(const LoggingOptions& options);

// Returns the logger of `module` (named "debrief.<module>"), creating it if needed.
// Thread-safe. Loggers write to stderr.
std::shared_ptr<spdlog::logger> ModuleLogger(absl::string_view module);

// Sets the decision id printed on every log line of the current thread while alive.
// Nests: the previous id is restored on destruction. Thread-compatible (thread-local).
class LogContext {
 public:
  explicit LogContext(std::string decision_id);
  ~LogContext();
  LogContext(const LogContext&) = delete;
  LogContext& operator=(const LogContext&) = delete;

  // The decision id of the innermost live context on this thread, or "".
  static const std::string& CurrentDecisionId();

 private:
  std::string previous_;
};

}  // namespace debrief::common

#endif  // DEBRIEF_SERVER_COMMON_LOGGING_H_
