// Outbound HTTP for the vendor API clients (enrichment and write-back): an interface, and
// its libcurl implementation with connect and total timeouts, a response size cap, no
// redirects and http/https only.
//
//   auto client = CurlHttpClient::Create({.timeout = absl::Seconds(10)});
//   absl::StatusOr<HttpReply> reply = (*client)->Send({.method = "GET", .url = url,
//                                                      .headers = {{"Accept", "application/json"}}});
#ifndef DEBRIEF_SERVER_INGEST_HTTP_CLIENT_H_
#define DEBRIEF_SERVER_INGEST_HTTP_CLIENT_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace debrief::ingest {

struct HttpCall {
  // GET, POST, PUT.
  std::string method = "GET";
  std::string url = "";
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::string body = "";
};

struct HttpReply {
  int status = 0;
  std::string body;
};

// Implementations are thread-safe.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends `call`. Any HTTP answer is OK (check `status`); UNAVAILABLE when the server cannot
  // be reached or the answer is too big, DEADLINE_EXCEEDED on timeout.
  virtual absl::StatusOr<HttpReply> Send(const HttpCall& call) = 0;
};

// The status for a non-2xx `reply` to `what` ("GET ticket 42"): NOT_FOUND for 404,
// PERMISSION_DENIED for 401/403, ABORTED for 409, UNAVAILABLE for 429 and 5xx,
// FAILED_PRECONDITION otherwise; OK for 2xx. The message names the status, never the body.
absl::Status ReplyStatus(const HttpReply& reply, const std::string& what);

struct CurlHttpClientOptions {
  // Time to connect. Default 2s.
  absl::Duration connect_timeout = absl::Seconds(2);
  // Time for the whole call. Default 10s.
  absl::Duration timeout = absl::Seconds(10);
  // Largest response body read, in bytes. Default 8 MiB.
  int64_t max_response_bytes = 8 << 20;
  // User-Agent header. Default "debrief".
  std::string user_agent = "debrief";
};

// Thread-safe: each call uses its own curl handle.
class CurlHttpClient final : public HttpClient {
 public:
  static absl::StatusOr<std::unique_ptr<CurlHttpClient>> Create(const CurlHttpClientOptions& options);
  absl::StatusOr<HttpReply> Send(const HttpCall& call) override;

 private:
  explicit CurlHttpClient(const CurlHttpClientOptions& options) : options_(options) {}
  const CurlHttpClientOptions options_;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_HTTP_CLIENT_H_
