#include "server/common/logging.h"

#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "spdlog/pattern_formatter.h"
#include "spdlog/sinks/stdout_sinks.h"
#include "spdlog/spdlog.h"

namespace debrief::common {
namespace {

thread_local std::string current_decision_id;

// %D: the thread's decision id ("-" when none).
class DecisionIdFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string& id = current_decision_id;
    const absl::string_view text = id.empty() ? absl::string_view("-") : absl::string_view(id);
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<DecisionIdFlag>();
  }
};

void AppendJsonEscaped(absl::string_view text, spdlog::memory_buf_t& dest) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char c : text) {
    switch (c) {
      case '"': dest.append(absl::string_view("\\\"")); break;
      case '\\': dest.append(absl::string_view("\\\\")); break;
      case '\n': dest.append(absl::string_view("\\n")); break;
      case '\r': dest.append(absl::string_view("\\r")); break;
      case '\t': dest.append(absl::string_view("\\t")); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          const char escaped[] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xF], kHex[c & 0xF]};
          dest.append(escaped, escaped + sizeof(escaped));
        } else {
          dest.push_back(c);
        }
    }
  }
}

// %Q: the message payload, JSON-escaped.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    AppendJsonEscaped(absl::string_view(msg.payload.data(), msg.payload.size()), dest);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

constexpr char kTextPattern[] = "%Y-%m-%dT%H:%M:%S.%eZ %-5l [%n] decision=%D %v";
constexpr char kJsonPattern[] =
    R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","logger":"%n","decision_id":"%D","msg":"%Q"})";

std::unique_ptr<spdlog::formatter> MakeFormatter(const std::string& format) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<DecisionIdFlag>('D');
  formatter->add_flag<JsonMessageFlag>('Q');
  formatter->set_pattern(format == "json" ? kJsonPattern : kTextPattern);
  return formatter;
}

struct LoggingState {
  std::mutex mu;
  LoggingOptions options;
  spdlog::sink_ptr sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
};

LoggingState& State() {
  static auto* state = new LoggingState();
  return *state;
}

void Apply(spdlog::logger& logger, const LoggingOptions& options) {
  logger.set_formatter(MakeFormatter(options.format));
  logger.set_level(spdlog::level::from_str(options.level));
  logger.flush_on(spdlog::level::warn);
}

}  // namespace

absl::Status ValidateLoggingOptions(const LoggingOptions& options) {
  if (options.format != "text" && options.format != "json") {
    return absl::InvalidArgumentError(
        absl::StrCat("logging.format: must be \"text\" or \"json\", got \"", options.format, "\""));
  }
  static constexpr absl::string_view kLevels[] = {"trace", "debug", "info",    "warn",
                                                 "error", "critical", "off"};
  for (const auto level : kLevels) {
    if (options.level == level) return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "logging.level: must be one of trace, debug, info, warn, error, critical, off; got \"",
      options.level, "\""));
}

absl::Status ConfigureLogging(const LoggingOptions& options) {
  if (absl::Status status = ValidateLoggingOptions(options); !status.ok()) return status;
  LoggingState& state = State();
  std::lock_guard<std::mutex> lock(state.mu);
  state.options = options;
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& logger) {
    if (logger->name().rfind("debrief.", 0) == 0) Apply(*logger, options);
  });
  return absl::OkStatus();
}

std::shared_ptr<spdlog::logger> ModuleLogger(absl::string_view module) {
  const std::string name = "debrief." + std::string(module);
  if (auto existing = spdlog::get(name)) return existing;
  LoggingState& state = State();
  std::lock_guard<std::mutex> lock(state.mu);
  if (auto existing = spdlog::get(name)) return existing;
  auto logger = std::make_shared<spdlog::logger>(name, state.sink);
  Apply(*logger, state.options);
  spdlog::register_logger(logger);
  return logger;
}

LogContext::LogContext(std::string decision_id)
    : previous_(std::exchange(current_decision_id, std::move(decision_id))) {}

LogContext::~LogContext() { current_decision_id = std::move(previous_); }

const std::string& LogContext::CurrentDecisionId() { return current_decision_id; }

}  // namespace debrief::common
