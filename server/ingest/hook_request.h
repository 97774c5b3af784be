// A webhook request as the adapters see it: the raw body exactly as received (signatures
// are computed over these bytes, before any parsing), the headers with case-insensitive
// lookup, and the arrival time. Built by the HTTP route; independent of the HTTP library.
#ifndef DEBRIEF_SERVER_INGEST_HOOK_REQUEST_H_
#define DEBRIEF_SERVER_INGEST_HOOK_REQUEST_H_

#include <map>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace debrief::ingest {

// Value type; thread-compatible. `body` is not owned.
struct HookRequest {
  // The raw body bytes.
  absl::string_view body;
  // Headers by lowercased name (the last value wins when repeated).
  std::map<std::string, std::string> headers;
  // The `token` query parameter, if any (for helpdesks that cannot send headers).
  std::string token_param;
  absl::Time received_at;

  // The value of header `name` (any case), or "" when absent.
  absl::string_view Header(absl::string_view name) const {
    const auto it = headers.find(absl::AsciiStrToLower(name));
    return it == headers.end() ? absl::string_view() : absl::string_view(it->second);
  }
  // Sets header `name` (any case).
  void SetHeader(absl::string_view name, absl::string_view value) {
    headers[absl::AsciiStrToLower(name)] = std::string(value);
  }
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_HOOK_REQUEST_H_
