// HTTP receivers for tests: an httplib server on loopback that serves from its own thread
// for its lifetime, and the check a Standard Webhooks receiver makes.
//
//   testing::LoopbackHttpServer http([&](httplib::Server& server) {
//     server.Post("/hooks", [&](const httplib::Request& req, httplib::Response& res) { ... });
//   });
//   config.url = http.url("/hooks");
#ifndef DEBRIEF_TESTS_TESTING_LOOPBACK_HTTP_H_
#define DEBRIEF_TESTS_TESTING_LOOPBACK_HTTP_H_

#include <functional>
#include <string>
#include <thread>

#include "absl/strings/string_view.h"
#include "httplib.h"

namespace debrief::testing {

// Serves on 127.0.0.1 at a free port from construction (once listening) until destruction.
// Declare it after everything its handlers use, so it stops first.
class LoopbackHttpServer {
 public:
  // `routes` registers the handlers; it runs before the server listens.
  explicit LoopbackHttpServer(const std::function<void(httplib::Server&)>& routes);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port>" followed by `path`.
  std::string url(absl::string_view path = "") const;

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// Whether `request` carries a Standard Webhooks signature made with the raw key
// `key_bytes`: "v1," + base64(HMAC-SHA256("<webhook-id>.<webhook-timestamp>.<body>")),
// among the space-separated signatures of the webhook-signature header.
bool HasValidStandardWebhookSignature(const httplib::Request& request, absl::string_view key_bytes);

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_TESTING_LOOPBACK_HTTP_H_
