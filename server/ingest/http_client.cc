#include "server/ingest/http_client.h"

#include <curl/curl.h>

#include <mutex>

#include "absl/strings/str_cat.h"

namespace debrief::ingest {
namespace {

struct Sink {
  std::string* body;
  int64_t limit;
  bool overflow = false;
};

size_t Write(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t bytes = size * count;
  if (static_cast<int64_t>(sink->body->size() + bytes) > sink->limit) {
    sink->overflow = true;
    return 0;  // aborts the transfer
  }
  sink->body->append(data, bytes);
  return bytes;
}

}  // namespace

absl::Status ReplyStatus(const HttpReply& reply, const std::string& what) {
  if (reply.status >= 200 && reply.status < 300) return absl::OkStatus();
  const std::string message = absl::StrCat(what, ": HTTP ", reply.status);
  if (reply.status == 404) return absl::NotFoundError(message);
  if (reply.status == 401 || reply.status == 403) return absl::PermissionDeniedError(message);
  if (reply.status == 409) return absl::AbortedError(message);
  if (reply.status == 429 || reply.status >= 500) return absl::UnavailableError(message);
  return absl::FailedPreconditionError(message);
}

absl::StatusOr<std::unique_ptr<CurlHttpClient>> CurlHttpClient::Create(
    const CurlHttpClientOptions& options) {
  static std::once_flag once;
  static CURLcode init = CURLE_OK;
  std::call_once(once, [] { init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init != CURLE_OK) {
    return absl::InternalError(absl::StrCat("libcurl: ", curl_easy_strerror(init)));
  }
  return std::unique_ptr<CurlHttpClient>(new CurlHttpClient(options));
}

absl::StatusOr<HttpReply> CurlHttpClient::Send(const HttpCall& call) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (curl == nullptr) return absl::UnavailableError("libcurl: cannot create a handle");
  HttpReply reply;
  Sink sink{&reply.body, options_.max_response_bytes};
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : call.headers) {
    headers = curl_slist_append(headers, absl::StrCat(name, ": ", value).c_str());
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers,
                                                                          curl_slist_free_all);
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  if (call.method != "GET") {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, call.body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
  }
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &Write);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(options_.connect_timeout)));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(options_.timeout)));
  const CURLcode code = curl_easy_perform(handle);
  const std::string target = absl::StrCat(call.method, " ", call.url);
  if (sink.overflow) {
    return absl::UnavailableError(absl::StrCat(target, ": answer is larger than ",
                                               options_.max_response_bytes, " bytes"));
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    return absl::DeadlineExceededError(absl::StrCat(target, ": timed out"));
  }
  if (code != CURLE_OK) {
    return absl::UnavailableError(absl::StrCat(target, ": ", curl_easy_strerror(code)));
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  reply.status = static_cast<int>(status);
  return reply;
}

}  // namespace debrief::ingest
