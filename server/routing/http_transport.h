// Outbound HTTP for the HTTP destinations: an interface, and its libcurl implementation
// that keeps a pool of easy handles so connections to a destination are reused, with
// connect and total timeouts, a response size cap, no redirects and http/https only.
//
//   auto http = CurlTransport::Create({.timeout = absl::Seconds(15)});
//   absl::StatusOr<HttpResponse> r = (*http)->Send({.url = url, .headers = {...}, .body = body});
#ifndef DEBRIEF_SERVER_ROUTING_HTTP_TRANSPORT_H_
#define DEBRIEF_SERVER_ROUTING_HTTP_TRANSPORT_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace debrief::routing {

struct HttpRequest {
  // POST, PUT, PATCH, GET.
  std::string method = "POST";
  std::string url = "";
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::string body = "";
};

struct HttpResponse {
  int status = 0;
  std::string body;
  // Header names lower-cased; the last value of a repeated header.
  std::map<std::string, std::string> headers;
};

// Retry-After as seconds ("120") or an HTTP date, relative to `now`; nullopt when absent
// or malformed. Never negative.
std::optional<absl::Duration> ParseRetryAfter(const std::map<std::string, std::string>& headers,
                                              absl::Time now);

// Implementations are thread-safe.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Any HTTP answer is OK (check `status`); UNAVAILABLE when the server cannot be reached
  // or the answer is too big, DEADLINE_EXCEEDED on timeout.
  virtual absl::StatusOr<HttpResponse> Send(const HttpRequest& request) = 0;
};

struct CurlTransportOptions {
  // Time to connect. Default 2s.
  absl::Duration connect_timeout = absl::Seconds(2);
  // Time for the whole request. Default 15s.
  absl::Duration timeout = absl::Seconds(15);
  // Largest response body read, in bytes. Default 1 MiB.
  int64_t max_response_bytes = 1 << 20;
  // User-Agent header. Default "debrief".
  std::string user_agent = "debrief";
};

// Thread-safe: each Send borrows an idle easy handle (its connection cache kept) or makes one.
class CurlTransport final : public HttpTransport {
 public:
  static absl::StatusOr<std::unique_ptr<CurlTransport>> Create(const CurlTransportOptions& options);
  ~CurlTransport() override;
  absl::StatusOr<HttpResponse> Send(const HttpRequest& request) override;

 private:
  explicit CurlTransport(const CurlTransportOptions& options) : options_(options) {}
  void* Borrow();
  void Return(void* handle);

  const CurlTransportOptions options_;
  absl::Mutex mu_;
  std::vector<void*> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_HTTP_TRANSPORT_H_
