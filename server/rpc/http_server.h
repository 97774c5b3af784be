// The HTTP listener: routes with JSON error bodies for every 4xx/5xx (including the ones
// the HTTP library produces itself, such as 413 for an oversize body), CORS for the
// configured origins, the probes GET /healthz (alive) and GET /readyz (ready to serve),
// and GET /metrics (Prometheus text). API routes are added by their owners before Start.
//
//   auto http = HttpServer::Create(options, metrics, [&] { return ready; });
//   (*http)->Route("POST", "/v1/tickets:debrief", handler);
//   DEBRIEF_RETURN_IF_ERROR((*http)->Start());
#ifndef DEBRIEF_SERVER_RPC_HTTP_SERVER_H_
#define DEBRIEF_SERVER_RPC_HTTP_SERVER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "httplib.h"
#include "server/common/metrics.h"
#include "server/config/server_options.h"

namespace debrief::rpc {

using HttpHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Writes `status` as the JSON error body with its HTTP status code.
void WriteHttpError(httplib::Response& response, const absl::Status& status);

// Thread-safe after Start. Handlers run on the server's thread pool and may block.
class HttpServer {
 public:
  // `ready` answers /readyz; it must be thread-safe and outlive the server.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Create(const config::ServerOptions& options,
                                                            common::MetricsRegistry& metrics,
                                                            std::function<bool()> ready);
  ~HttpServer();

  // Adds a route; `pattern` is a regular expression over the path. Call before Start.
  void Route(const std::string& method, const std::string& pattern, HttpHandler handler);

  // Binds options.http_listen and starts serving on a background thread (owned here).
  // UNAVAILABLE when the address cannot be bound.
  absl::Status Start();
  int port() const { return port_; }
  // Stops accepting, finishes requests being served, joins the thread. Idempotent.
  void Shutdown();

 private:
  HttpServer(const config::ServerOptions& options, common::MetricsRegistry& metrics,
             std::function<bool()> ready);
  void ApplyCors(const httplib::Request& request, httplib::Response& response) const;

  const config::ServerOptions options_;
  common::MetricsRegistry& metrics_;
  const std::function<bool()> ready_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_HTTP_SERVER_H_
