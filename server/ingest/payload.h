// Reading vendor payloads: JSON parsing with a nesting limit, and PayloadReader, which
// reads typed values at JSON pointers, tolerates what vendors leave out (absent and null
// read as empty), and remembers the first value of the wrong type as an INVALID_ARGUMENT
// naming its place in the body ("body.detail.id: must be a string or a number").
//
//   PayloadReader in(payload);
//   ticket.ticket_id = in.RequiredId("/detail/id");
//   ticket.subject = in.Text("/detail/subject");
//   for (const PayloadReader& tag : in.Items("/detail/tags")) ticket.tags.push_back(tag.Text(""));
//   DEBRIEF_RETURN_IF_ERROR(in.status());
#ifndef DEBRIEF_SERVER_INGEST_PAYLOAD_H_
#define DEBRIEF_SERVER_INGEST_PAYLOAD_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "server/core/ticket.h"

namespace debrief::ingest {

// Deepest nesting of arrays and objects accepted in a body.
inline constexpr int kMaxPayloadDepth = 64;

// Parses `body` as JSON. INVALID_ARGUMENT "body: ..." when it is not JSON (with the byte
// offset), is nested deeper than kMaxPayloadDepth, or is not an object.
absl::StatusOr<nlohmann::json> ParsePayload(absl::string_view body);

// Parses an RFC 3339 / ISO 8601 time: "2024-04-17T17:18:10Z", any fractional seconds,
// offsets "+01:00" or "+0100" (Jira). INVALID_ARGUMENT when it is none of those.
absl::StatusOr<absl::Time> ParseRfc3339(absl::string_view text);

// How a numeric time is counted.
enum class EpochUnit { kSeconds, kMillis };

// Reads a parsed payload. Thread-compatible; a reader and the readers it hands out share
// the first error and must not outlive the payload.
class PayloadReader {
 public:
  explicit PayloadReader(const nlohmann::json& root);

  // A reader rooted at `pointer` (absent when missing); errors name the full path.
  PayloadReader At(absl::string_view pointer) const;
  // Readers for the elements of the array at `pointer`; none when absent or null, and an
  // error when it is not an array.
  std::vector<PayloadReader> Items(absl::string_view pointer) const;
  // The member names of the object at `pointer`; none when absent, an error when not an object.
  std::vector<std::string> Keys(absl::string_view pointer) const;

  // True when `pointer` holds a value other than null.
  bool Has(absl::string_view pointer) const;
  // A string, number or boolean as text; "" when absent or null.
  std::string Text(absl::string_view pointer) const;
  // Like Text, but absent/empty is an error ("... is required").
  std::string RequiredId(absl::string_view pointer) const;
  // A boolean (true/false, or the strings "true"/"false"); `fallback` when absent.
  bool Bool(absl::string_view pointer, bool fallback) const;
  // A number (or numeric string); nullopt when absent or "".
  std::optional<double> Number(absl::string_view pointer) const;
  // A time: an RFC 3339 string, or a number counted in `unit` since the epoch; nullopt when
  // absent or "".
  std::optional<absl::Time> Time(absl::string_view pointer,
                                 EpochUnit unit = EpochUnit::kSeconds) const;
  // Strings of the array at `pointer`, or of a string split on spaces and commas (Zendesk
  // and Freshdesk render tag lists as one string).
  std::vector<std::string> Words(absl::string_view pointer) const;

  // The raw value at `pointer`, or nullptr when absent.
  const nlohmann::json* Find(absl::string_view pointer) const;
  // "body.detail.id" for the pointer "/detail/id" under this reader.
  std::string PathOf(absl::string_view pointer) const;

  // Records an INVALID_ARGUMENT "<path of pointer>: <message>" unless an error is recorded.
  void Fail(absl::string_view pointer, absl::string_view message) const;
  // The first error, or OK.
  absl::Status status() const { return *error_; }

 private:
  PayloadReader(const nlohmann::json* root, std::string prefix,
                std::shared_ptr<absl::Status> error);

  const nlohmann::json* root_;  // nullptr: absent
  std::string prefix_;          // JSON pointer of root_ in the body
  std::shared_ptr<absl::Status> error_;
};

// The documented fallback delivery id for vendors that send none: "sha256:" + hex
// SHA-256 of `parts` (e.g. source, ticket id, status, updated-at).
std::string FallbackDeliveryId(const std::vector<std::string>& parts);

// Maps a vendor priority label ("HIGH", "Medium", "2 normal", "urgent") onto the
// normalized priority; unknown labels map to kUnspecified.
core::Priority PriorityFromLabel(absl::string_view label);

// True when `text` looks like HTML (has a tag), so it belongs in body_html.
bool LooksLikeHtml(absl::string_view text);

// A message with `body` as text or HTML as it looks.
core::Message MessageWithBody(core::AuthorRole role, std::string author_id, std::string body,
                              bool is_public, std::optional<absl::Time> created_at);

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_PAYLOAD_H_
