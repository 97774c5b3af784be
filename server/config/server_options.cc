#include "server/config/server_options.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

absl::Status CheckListenAddress(const std::string& address, const std::string& path) {
  const size_t colon = address.rfind(':');
  int port = -1;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(address.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return ConfigError(path, absl::StrCat("must be HOST:PORT with a port 0-65535, got \"",
                                          address, "\""));
  }
  return absl::OkStatus();
}

absl::Status AtLeast(int64_t value, int64_t minimum, const std::string& path) {
  if (value < minimum) return ConfigError(path, absl::StrCat("must be at least ", minimum));
  return absl::OkStatus();
}

absl::Status ParseLimits(YamlMap& map, LimitsOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_messages", out.max_messages));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_ticket_bytes", out.max_ticket_bytes));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_tags", out.max_tags));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_custom_fields", out.max_custom_fields));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_id_bytes", out.max_id_bytes));
  DEBRIEF_RETURN_IF_ERROR(AtLeast(out.max_messages, 1, JoinPath(map.path(), "max_messages")));
  DEBRIEF_RETURN_IF_ERROR(
      AtLeast(out.max_ticket_bytes, 1024, JoinPath(map.path(), "max_ticket_bytes")));
  DEBRIEF_RETURN_IF_ERROR(AtLeast(out.max_tags, 0, JoinPath(map.path(), "max_tags")));
  DEBRIEF_RETURN_IF_ERROR(
      AtLeast(out.max_custom_fields, 0, JoinPath(map.path(), "max_custom_fields")));
  return AtLeast(out.max_id_bytes, 16, JoinPath(map.path(), "max_id_bytes"));
}

absl::Status ParseCors(YamlMap& map, CorsOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("allowed_origins", out.allowed_origins));
  return map.Read("max_age", out.max_age);
}

}  // namespace

absl::Status ParseServerOptions(YamlMap& map, ServerOptions& out) {
  const std::string& path = map.path();
  DEBRIEF_RETURN_IF_ERROR(map.Read("grpc_listen", out.grpc_listen));
  DEBRIEF_RETURN_IF_ERROR(map.Read("http_listen", out.http_listen));
  DEBRIEF_RETURN_IF_ERROR(map.Read("reflection", out.reflection));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_message_bytes", out.max_message_bytes));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_http_body_bytes", out.max_http_body_bytes));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_inflight", out.max_inflight));
  DEBRIEF_RETURN_IF_ERROR(map.Read("worker_threads", out.worker_threads));
  DEBRIEF_RETURN_IF_ERROR(map.Read("http_threads", out.http_threads));
  DEBRIEF_RETURN_IF_ERROR(map.Read("http_timeout", out.http_timeout));
  DEBRIEF_RETURN_IF_ERROR(map.Read("drain_timeout", out.drain_timeout));

  DEBRIEF_RETURN_IF_ERROR(
      map.ReadSection("limits", [&](YamlMap& limits) { return ParseLimits(limits, out.limits); }));
  DEBRIEF_RETURN_IF_ERROR(
      map.ReadSection("cors", [&](YamlMap& cors) { return ParseCors(cors, out.cors); }));
  DEBRIEF_RETURN_IF_ERROR(CheckListenAddress(out.grpc_listen, JoinPath(path, "grpc_listen")));
  DEBRIEF_RETURN_IF_ERROR(CheckListenAddress(out.http_listen, JoinPath(path, "http_listen")));
  if (out.reflection != "loopback" && out.reflection != "on" && out.reflection != "off") {
    return ConfigError(JoinPath(path, "reflection"), "must be loopback, on or off");
  }
  DEBRIEF_RETURN_IF_ERROR(
      AtLeast(out.max_message_bytes, 4096, JoinPath(path, "max_message_bytes")));
  DEBRIEF_RETURN_IF_ERROR(
      AtLeast(out.max_http_body_bytes, 4096, JoinPath(path, "max_http_body_bytes")));
  DEBRIEF_RETURN_IF_ERROR(AtLeast(out.max_inflight, 1, JoinPath(path, "max_inflight")));
  DEBRIEF_RETURN_IF_ERROR(AtLeast(out.worker_threads, 1, JoinPath(path, "worker_threads")));
  DEBRIEF_RETURN_IF_ERROR(AtLeast(out.http_threads, 1, JoinPath(path, "http_threads")));
  return absl::OkStatus();
}

}  // namespace debrief::config
