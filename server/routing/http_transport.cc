#include "server/routing/http_transport.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace debrief::routing {
namespace {

struct Sink {
  HttpResponse* response;
  int64_t limit;
  bool overflow = false;
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * count;
  if (static_cast<int64_t>(sink->response->body.size() + bytes) > sink->limit) {
    sink->overflow = true;
    return 0;
  }
  sink->response->body.append(data, bytes);
  return bytes;
}

size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  const absl::string_view line(data, size * count);
  const size_t colon = line.find(':');
  if (colon != absl::string_view::npos) {
    response->headers[absl::AsciiStrToLower(absl::StripAsciiWhitespace(line.substr(0, colon)))] =
        std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
  }
  return size * count;
}

}  // namespace

std::optional<absl::Duration> ParseRetryAfter(const std::map<std::string, std::string>& headers,
                                              absl::Time now) {
  auto it = headers.find("retry-after");
  if (it == headers.end()) return std::nullopt;
  int64_t seconds = 0;
  if (absl::SimpleAtoi(it->second, &seconds)) {
    if (seconds < 0) return std::nullopt;
    return absl::Seconds(seconds);
  }
  absl::Time at;
  std::string error;
  if (absl::ParseTime("%a, %d %b %Y %H:%M:%S GMT", it->second, absl::UTCTimeZone(), &at, &error)) {
    return std::max(absl::ZeroDuration(), at - now);
  }
  return std::nullopt;
}

absl::StatusOr<std::unique_ptr<CurlTransport>> CurlTransport::Create(const CurlTransportOptions& options) {
  static std::once_flag once;
  static CURLcode init = CURLE_OK;
  std::call_once(once, [] { init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init != CURLE_OK) return absl::InternalError(absl::StrCat("libcurl: ", curl_easy_strerror(init)));
  return std::unique_ptr<CurlTransport>(new CurlTransport(options));
}

CurlTransport::~CurlTransport() {
  absl::MutexLock lock(&mu_);
  for (void* handle : idle_) curl_easy_cleanup(static_cast<CURL*>(handle));
}

void* CurlTransport::Borrow() {
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      void* handle = idle_.back();
      idle_.pop_back();
      return handle;
    }
  }
  return curl_easy_init();
}

void CurlTransport::Return(void* handle) {
  absl::MutexLock lock(&mu_);
  idle_.push_back(handle);
}

absl::StatusOr<HttpResponse> CurlTransport::Send(const HttpRequest& request) {
  CURL* curl = static_cast<CURL*>(Borrow());
  if (curl == nullptr) return absl::UnavailableError("libcurl: cannot create a handle");
  // Reset clears the options but keeps the handle's connection cache: that is the reuse.
  curl_easy_reset(curl);
  HttpResponse response;
  Sink sink{&response, options_.max_response_bytes};
  curl_slist* raw_headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    raw_headers = curl_slist_append(raw_headers, absl::StrCat(name, ": ", value).c_str());
  }
  // Without it libcurl waits for "100 Continue" on larger bodies.
  raw_headers = curl_slist_append(raw_headers, "Expect:");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw_headers, curl_slist_free_all);
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method != "GET") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &WriteHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(options_.connect_timeout)));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(absl::ToInt64Milliseconds(options_.timeout)));
  const CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  Return(curl);
  if (sink.overflow) return absl::UnavailableError("answer larger than the response cap");
  if (code == CURLE_OPERATION_TIMEDOUT) return absl::DeadlineExceededError("timed out");
  if (code != CURLE_OK) return absl::UnavailableError(absl::StrCat("libcurl: ", curl_easy_strerror(code)));
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace debrief::routing
