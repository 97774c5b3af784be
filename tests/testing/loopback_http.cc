#include "tests/testing/loopback_http.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "server/common/ids.h"
#include "tests/testing/wait_until.h"

namespace debrief::testing {

LoopbackHttpServer::LoopbackHttpServer(const std::function<void(httplib::Server&)>& routes) {
  routes(server_);
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  WaitUntil([this] { return server_.is_running(); }, absl::Seconds(10));
}

LoopbackHttpServer::~LoopbackHttpServer() {
  server_.stop();
  thread_.join();
}

std::string LoopbackHttpServer::url(absl::string_view path) const {
  return absl::StrCat("http://127.0.0.1:", port_, path);
}

bool HasValidStandardWebhookSignature(const httplib::Request& request,
                                      absl::string_view key_bytes) {
  const std::string expected =
      "v1," + absl::Base64Escape(common::HmacSha256(
                  key_bytes,
                  absl::StrCat(request.get_header_value("webhook-id"), ".",
                               request.get_header_value("webhook-timestamp"), ".", request.body)));
  for (const absl::string_view signature :
       absl::StrSplit(request.get_header_value("webhook-signature"), ' ')) {
    if (signature == expected) return true;
  }
  return false;
}

}  // namespace debrief::testing
