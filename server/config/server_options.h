// Options of the gRPC and HTTP listeners and of request validation (`server:` section).
#ifndef DEBRIEF_SERVER_CONFIG_SERVER_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_SERVER_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace debrief::config {

// Limits every entry point enforces before anything is recorded.
struct LimitsOptions {
  // Most messages one ticket may carry. Default 1000.
  int max_messages = 1000;
  // Largest total text (subject + bodies, text and HTML) of one ticket, in bytes. Default 1 MiB.
  int64_t max_ticket_bytes = 1 << 20;
  // Most helpdesk tags on one ticket. Default 200.
  int max_tags = 200;
  // Most custom fields on one ticket. Default 500.
  int max_custom_fields = 500;
  // Longest ids (ticket, delivery, account, decision), in bytes. Default 256.
  int max_id_bytes = 256;
};

// Cross-origin access to the HTTP API, for agents' browser apps calling :suggest.
struct CorsOptions {
  // Origins allowed to call the HTTP API from a browser ("*" for any). Default: none.
  std::vector<std::string> allowed_origins;
  // How long browsers may cache a preflight answer. Default 10m.
  absl::Duration max_age = absl::Minutes(10);
};

// The listeners and their limits.
struct ServerOptions {
  // gRPC listen address HOST:PORT; port 0 picks a free port. Default 127.0.0.1:50051.
  std::string grpc_listen = "127.0.0.1:50051";
  // HTTP listen address HOST:PORT; port 0 picks a free port. Default 127.0.0.1:8080.
  std::string http_listen = "127.0.0.1:8080";
  // Server reflection: "loopback" (only when gRPC listens on loopback), "on" or "off".
  // Default "loopback".
  std::string reflection = "loopback";
  // Largest gRPC request message, in bytes. Default 4 MiB.
  int64_t max_message_bytes = 4 << 20;
  // Largest HTTP request body, in bytes. Default 2 MiB.
  int64_t max_http_body_bytes = 2 << 20;
  // Calls in flight (queued or running) across gRPC and HTTP beyond which new calls are
  // refused with RESOURCE_EXHAUSTED / 429. Default 256.
  int max_inflight = 256;
  // Threads that run debriefings (analysis and durable commit). Default 4.
  int worker_threads = 4;
  // Threads serving HTTP connections. Default 8.
  int http_threads = 8;
  // HTTP read and write timeout per request. Default 10s.
  absl::Duration http_timeout = absl::Seconds(10);
  // On SIGTERM, how long in-flight calls may take to finish before they are cancelled.
  // Default 20s.
  absl::Duration drain_timeout = absl::Seconds(20);
  // Request validation limits.
  LimitsOptions limits;
  // Browser access to the HTTP API.
  CorsOptions cors;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_SERVER_OPTIONS_H_
