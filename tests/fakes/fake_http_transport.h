// An HttpTransport that records each request and answers from a responder the test sets
// (default: 200 with an empty body). Thread-safe.
//
//   FakeHttpTransport http;
//   http.Respond([](const HttpRequest& r) { return HttpResponse{.status = 201, .body = "{}"}; });
#ifndef DEBRIEF_TESTS_FAKES_FAKE_HTTP_TRANSPORT_H_
#define DEBRIEF_TESTS_FAKES_FAKE_HTTP_TRANSPORT_H_

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "server/routing/http_transport.h"

namespace debrief::testing {

class FakeHttpTransport final : public routing::HttpTransport {
 public:
  using Responder = std::function<absl::StatusOr<routing::HttpResponse>(const routing::HttpRequest&)>;

  // Shares its state with `this`, for handing to a destination that takes ownership.
  std::unique_ptr<routing::HttpTransport> Handle() { return std::make_unique<Forwarder>(*this); }

  void Respond(Responder responder) {
    absl::MutexLock lock(&mu_);
    responder_ = std::move(responder);
  }
  // Answers every request with `status`, `body` and `headers` (names lower-cased).
  void Answer(int status, std::string body = "", std::map<std::string, std::string> headers = {}) {
    Respond([=](const routing::HttpRequest&) -> absl::StatusOr<routing::HttpResponse> {
      return routing::HttpResponse{.status = status, .body = body, .headers = headers};
    });
  }
  std::vector<routing::HttpRequest> requests() {
    absl::MutexLock lock(&mu_);
    return requests_;
  }

  absl::StatusOr<routing::HttpResponse> Send(const routing::HttpRequest& request) override {
    Responder responder;
    {
      absl::MutexLock lock(&mu_);
      requests_.push_back(request);
      responder = responder_;
    }
    if (!responder) return routing::HttpResponse{.status = 200, .body = "", .headers = {}};
    return responder(request);
  }

 private:
  class Forwarder final : public routing::HttpTransport {
   public:
    explicit Forwarder(FakeHttpTransport& target) : target_(target) {}
    absl::StatusOr<routing::HttpResponse> Send(const routing::HttpRequest& request) override {
      return target_.Send(request);
    }

   private:
    FakeHttpTransport& target_;
  };

  absl::Mutex mu_;
  Responder responder_ ABSL_GUARDED_BY(mu_);
  std::vector<routing::HttpRequest> requests_ ABSL_GUARDED_BY(mu_);
};

// The value of header `name` in `request` ("" when absent).
inline std::string HeaderOf(const routing::HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "";
}

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_FAKES_FAKE_HTTP_TRANSPORT_H_
