#include "server/rpc/http_server.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/common/logging.h"
#include "server/rpc/status_conversion.h"

namespace debrief::rpc {
namespace {

absl::StatusCode CodeForHttp(int status) {
  switch (status) {
    case 400: return absl::StatusCode::kInvalidArgument;
    case 401: return absl::StatusCode::kUnauthenticated;
    case 403: return absl::StatusCode::kPermissionDenied;
    case 404: return absl::StatusCode::kNotFound;
    case 408: return absl::StatusCode::kDeadlineExceeded;
    case 413: return absl::StatusCode::kResourceExhausted;
    case 415: return absl::StatusCode::kInvalidArgument;
    case 429: return absl::StatusCode::kResourceExhausted;
    case 503: return absl::StatusCode::kUnavailable;
    default: return status >= 500 ? absl::StatusCode::kInternal : absl::StatusCode::kUnknown;
  }
}

std::string MessageForHttp(int status, const httplib::Request& request) {
  switch (status) {
    case 404: return absl::StrCat("no route for ", request.method, " ", request.path);
    case 413: return "request body is larger than server.max_http_body_bytes";
    case 400: return "malformed HTTP request";
    default: return absl::StrCat("HTTP ", status);
  }
}

}  // namespace

void WriteHttpError(httplib::Response& response, const absl::Status& status) {
  const int http_status = HttpStatusFor(status.code());
  response.status = http_status;
  if (http_status == 429 || http_status == 503) response.set_header("Retry-After", "1");
  response.set_content(ErrorJson(status, http_status), "application/json");
}

HttpServer::HttpServer(const config::ServerOptions& options, common::MetricsRegistry& metrics,
                       std::function<bool()> ready)
    : options_(options), metrics_(metrics), ready_(std::move(ready)) {}

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Create(const config::ServerOptions& options,
                                                               common::MetricsRegistry& metrics,
                                                               std::function<bool()> ready) {
  std::unique_ptr<HttpServer> http(new HttpServer(options, metrics, std::move(ready)));
  httplib::Server& server = http->server_;
  const int threads = options.http_threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(static_cast<size_t>(options.max_http_body_bytes));
  const auto timeout = absl::ToChronoSeconds(options.http_timeout);
  server.set_read_timeout(timeout);
  server.set_write_timeout(timeout);
  server.set_keep_alive_timeout(5);

  HttpServer* self = http.get();
  server.set_pre_routing_handler([self](const httplib::Request& request,
                                        httplib::Response& response) {
    self->ApplyCors(request, response);
    if (request.method == "OPTIONS") {
      response.status = 204;
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    const absl::Status status(CodeForHttp(response.status), MessageForHttp(response.status, request));
    response.set_content(ErrorJson(status, response.status), "application/json");
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& response,
                                  std::exception_ptr) {
    WriteHttpError(response, absl::InternalError("internal error"));
  });

  server.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("{\"status\":\"alive\"}", "application/json");
  });
  server.Get("/readyz", [self](const httplib::Request&, httplib::Response& response) {
    if (self->ready_()) {
      response.set_content("{\"status\":\"ready\"}", "application/json");
    } else {
      WriteHttpError(response, absl::UnavailableError("not ready: starting or draining"));
    }
  });
  server.Get("/metrics", [self](const httplib::Request&, httplib::Response& response) {
    response.set_content(self->metrics_.Exposition(), "text/plain; version=0.0.4; charset=utf-8");
  });
  return http;
}

HttpServer::~HttpServer() { Shutdown(); }

void HttpServer::ApplyCors(const httplib::Request& request, httplib::Response& response) const {
  const std::vector<std::string>& allowed = options_.cors.allowed_origins;
  if (allowed.empty() || !request.has_header("Origin")) return;
  const std::string origin = request.get_header_value("Origin");
  const bool any = std::find(allowed.begin(), allowed.end(), "*") != allowed.end();
  if (!any && std::find(allowed.begin(), allowed.end(), origin) == allowed.end()) return;
  response.set_header("Access-Control-Allow-Origin", any ? "*" : origin);
  response.set_header("Vary", "Origin");
  if (request.method == "OPTIONS") {
    response.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    response.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization");
    response.set_header("Access-Control-Max-Age",
                        absl::StrCat(absl::ToInt64Seconds(options_.cors.max_age)));
  }
}

void HttpServer::Route(const std::string& method, const std::string& pattern,
                       HttpHandler handler) {
  if (method == "GET") {
    server_.Get(pattern, std::move(handler));
  } else if (method == "POST") {
    server_.Post(pattern, std::move(handler));
  } else if (method == "PUT") {
    server_.Put(pattern, std::move(handler));
  } else if (method == "DELETE") {
    server_.Delete(pattern, std::move(handler));
  }
}

absl::Status HttpServer::Start() {
  const std::string& listen = options_.http_listen;
  const size_t colon = listen.rfind(':');
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const int requested = std::stoi(listen.substr(colon + 1));
  if (requested == 0) {
    port_ = server_.bind_to_any_port(host);
  } else {
    port_ = server_.bind_to_port(host, requested) ? requested : -1;
  }
  if (port_ <= 0) {
    return absl::UnavailableError(absl::StrCat("server.http_listen: cannot listen on ", listen));
  }
  // The socket already listens after bind; connections queue until the loop accepts them.
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // stop() is a no-op until the loop runs, so Shutdown right after Start would otherwise
  // leave the loop accepting forever: wait until it runs.
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (!server_.is_running()) {
    if (absl::Now() > deadline) {
      server_.stop();
      return absl::UnavailableError(absl::StrCat("server.http_listen: the HTTP loop on ", listen,
                                                 " did not start"));
    }
    absl::SleepFor(absl::Milliseconds(1));
  }
  common::ModuleLogger("rpc")->info("HTTP listening on port {}", port_);
  return absl::OkStatus();
}

void HttpServer::Shutdown() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace debrief::rpc
