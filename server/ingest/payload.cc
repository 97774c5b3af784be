#include "server/ingest/payload.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "server/common/ids.h"

namespace debrief::ingest {
namespace {

// The earliest and latest times the v1 contract can carry (0001-01-01 .. 9999-12-31).
const absl::Time kEarliest = absl::FromUnixSeconds(-62135596800);
const absl::Time kLatest = absl::FromUnixSeconds(253402300799);

// Nesting depth of `body`, counting brackets outside strings; stops early past `limit`.
int NestingDepth(absl::string_view body, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

// The tokens of JSON pointer `pointer` ("/a/b~1c" -> {"a", "b/c"}); "" is the root.
std::vector<std::string> PointerTokens(absl::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  for (absl::string_view raw : absl::StrSplit(pointer.substr(1), '/')) {
    std::string token = absl::StrReplaceAll(raw, {{"~1", "/"}});
    tokens.push_back(absl::StrReplaceAll(token, {{"~0", "~"}}));
  }
  return tokens;
}

bool IsIndex(absl::string_view token) {
  if (token.empty() || token.size() > 9) return false;
  for (const char c : token) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

std::optional<absl::Time> FromEpoch(double value, EpochUnit unit) {
  const double micros = unit == EpochUnit::kSeconds ? value * 1e6 : value * 1e3;
  if (!std::isfinite(micros) || std::fabs(micros) > 2.5e17) return std::nullopt;
  const absl::Time time = absl::FromUnixMicros(static_cast<int64_t>(std::llround(micros)));
  if (time < kEarliest || time > kLatest) return std::nullopt;
  return time;
}

}  // namespace

absl::StatusOr<nlohmann::json> ParsePayload(absl::string_view body) {
  if (body.empty()) return absl::InvalidArgumentError("body: is empty");
  if (NestingDepth(body, kMaxPayloadDepth) > kMaxPayloadDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("body: is nested deeper than ", kMaxPayloadDepth, " levels"));
  }
  nlohmann::json payload;
  try {
    payload = nlohmann::json::parse(body.begin(), body.end());
  } catch (const nlohmann::json::parse_error& error) {
    return absl::InvalidArgumentError(
        absl::StrCat("body: is not valid JSON (error at byte ", error.byte, ")"));
  } catch (const nlohmann::json::exception&) {
    // E.g. out_of_range for a number like 1e99999 (found by the fuzzer).
    return absl::InvalidArgumentError("body: is not valid JSON (a number is out of range)");
  }
  if (!payload.is_object()) return absl::InvalidArgumentError("body: must be a JSON object");
  return payload;
}

absl::StatusOr<absl::Time> ParseRfc3339(absl::string_view text) {
  std::string value(absl::StripAsciiWhitespace(text));
  if (!value.empty() && (value.back() == 'Z' || value.back() == 'z')) {
    value.back() = '+';
    value += "00:00";
  }
  absl::Time time;
  std::string unused;
  const bool parsed =
      absl::ParseTime("%Y-%m-%d%ET%H:%M:%E*S%Ez", value, &time, &unused) ||
      absl::ParseTime("%Y-%m-%d%ET%H:%M:%E*S%z", value, &time, &unused);
  if (!parsed || time < kEarliest || time > kLatest) {
    return absl::InvalidArgumentError(
        absl::StrCat("must be an RFC 3339 time like 2024-04-17T17:18:10Z, got \"",
                     value.substr(0, 64), "\""));
  }
  return time;
}

PayloadReader::PayloadReader(const nlohmann::json& root)
    : root_(&root), error_(std::make_shared<absl::Status>()) {}

PayloadReader::PayloadReader(const nlohmann::json* root, std::string prefix,
                             std::shared_ptr<absl::Status> error)
    : root_(root), prefix_(std::move(prefix)), error_(std::move(error)) {}

const nlohmann::json* PayloadReader::Find(absl::string_view pointer) const {
  const nlohmann::json* node = root_;
  for (const std::string& token : PointerTokens(pointer)) {
    if (node == nullptr) return nullptr;
    if (node->is_object()) {
      const auto it = node->find(token);
      node = it == node->end() ? nullptr : &*it;
    } else if (node->is_array() && IsIndex(token)) {
      size_t index = 0;
      (void)absl::SimpleAtoi(token, &index);
      node = index < node->size() ? &(*node)[index] : nullptr;
    } else {
      return nullptr;
    }
  }
  return node;
}

std::string PayloadReader::PathOf(absl::string_view pointer) const {
  std::string path = "body";
  for (const std::string& token : PointerTokens(absl::StrCat(prefix_, pointer))) {
    absl::StrAppend(&path, IsIndex(token) ? absl::StrCat("[", token, "]") : absl::StrCat(".", token));
  }
  return path;
}

void PayloadReader::Fail(absl::string_view pointer, absl::string_view message) const {
  if (!error_->ok()) return;
  *error_ = absl::InvalidArgumentError(absl::StrCat(PathOf(pointer), ": ", message));
}

PayloadReader PayloadReader::At(absl::string_view pointer) const {
  return PayloadReader(Find(pointer), absl::StrCat(prefix_, pointer), error_);
}

std::vector<PayloadReader> PayloadReader::Items(absl::string_view pointer) const {
  std::vector<PayloadReader> items;
  const nlohmann::json* node = Find(pointer);
  if (node == nullptr || node->is_null()) return items;
  if (!node->is_array()) {
    Fail(pointer, "must be an array");
    return items;
  }
  items.reserve(node->size());
  for (size_t i = 0; i < node->size(); ++i) {
    items.push_back(PayloadReader(&(*node)[i], absl::StrCat(prefix_, pointer, "/", i), error_));
  }
  return items;
}

std::vector<std::string> PayloadReader::Keys(absl::string_view pointer) const {
  std::vector<std::string> keys;
  const nlohmann::json* node = Find(pointer);
  if (node == nullptr || node->is_null()) return keys;
  if (!node->is_object()) {
    Fail(pointer, "must be an object");
    return keys;
  }
  for (const auto& item : node->items()) keys.push_back(item.key());
  return keys;
}

bool PayloadReader::Has(absl::string_view pointer) const {
  const nlohmann::json* node = Find(pointer);
  return node != nullptr && !node->is_null();
}

std::string PayloadReader::Text(absl::string_view pointer) const {
  const nlohmann::json* node = Find(pointer);
  if (node == nullptr || node->is_null()) return "";
  if (node->is_string()) return node->get<std::string>();
  if (node->is_number_integer()) return node->dump();
  if (node->is_number_float()) {
    const double value = node->get<double>();
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
      return absl::StrCat(static_cast<int64_t>(value));
    }
    return node->dump();
  }
  if (node->is_boolean()) return node->get<bool>() ? "true" : "false";
  Fail(pointer, "must be a string or a number");
  return "";
}

std::string PayloadReader::RequiredId(absl::string_view pointer) const {
  std::string value = Text(pointer);
  if (value.empty() && error_->ok()) Fail(pointer, "is required");
  return value;
}

bool PayloadReader::Bool(absl::string_view pointer, bool fallback) const {
  const nlohmann::json* node = Find(pointer);
  if (node == nullptr || node->is_null()) return fallback;
  if (node->is_boolean()) return node->get<bool>();
  if (node->is_string()) {
    const std::string text = absl::AsciiStrToLower(node->get<std::string>());
    if (text == "true") return true;
    if (text == "false") return false;
    if (text.empty()) return fallback;
  }
  Fail(pointer, "must be true or false");
  return fallback;
}

std::optional<double> PayloadReader::Number(absl::string_view pointer) const {
  const nlohmann::json* node = Find(pointer);
  if (node == nullptr || node->is_null()) return std::nullopt;
  if (node->is_number()) return node->get<double>();
  if (node->is_string()) {
    const std::string text(absl::StripAsciiWhitespace(node->get<std::string>()));
    if (text.empty()) return std::nullopt;
    double value = 0;
    if (absl::SimpleAtod(text, &value) && std::isfinite(value)) return value;
  }
  Fail(pointer, "must be a number");
  return std::nullopt;
}

std::optional<absl::Time> PayloadReader::Time(absl::string_view pointer, EpochUnit unit) const {
  const nlohmann::json* node = Find(pointer);
  if (node == nullptr || node->is_null()) return std::nullopt;
  if (node->is_number()) {
    std::optional<absl::Time> time = FromEpoch(node->get<double>(), unit);
    if (!time.has_value()) Fail(pointer, "is not a time in range");
    return time;
  }
  if (node->is_string()) {
    const std::string text = node->get<std::string>();
    if (absl::StripAsciiWhitespace(text).empty()) return std::nullopt;
    double number = 0;
    if (absl::SimpleAtod(text, &number)) {
      std::optional<absl::Time> time = FromEpoch(number, unit);
      if (!time.has_value()) Fail(pointer, "is not a time in range");
      return time;
    }
    absl::StatusOr<absl::Time> time = ParseRfc3339(text);
    if (!time.ok()) {
      Fail(pointer, time.status().message());
      return std::nullopt;
    }
    return *time;
  }
  Fail(pointer, "must be a time (RFC 3339 text or a number)");
  return std::nullopt;
}

std::vector<std::string> PayloadReader::Words(absl::string_view pointer) const {
  std::vector<std::string> words;
  const nlohmann::json* node = Find(pointer);
  if (node == nullptr || node->is_null()) return words;
  if (node->is_array()) {
    for (const PayloadReader& item : Items(pointer)) {
      std::string word(absl::StripAsciiWhitespace(item.Text("")));
      if (!word.empty()) words.push_back(std::move(word));
    }
    return words;
  }
  for (absl::string_view word :
       absl::StrSplit(Text(pointer), absl::ByAnyChar(" ,\t\n"), absl::SkipEmpty())) {
    words.emplace_back(word);
  }
  return words;
}

std::string FallbackDeliveryId(const std::vector<std::string>& parts) {
  return absl::StrCat("sha256:", common::Sha256Hex(absl::StrJoin(parts, "\x1f")));
}

core::Priority PriorityFromLabel(absl::string_view label) {
  std::string text = absl::AsciiStrToLower(absl::StripAsciiWhitespace(label));
  // Zammad prefixes its priorities with their rank: "2 normal".
  if (text.size() > 2 && absl::ascii_isdigit(text[0]) && text[1] == ' ') text = text.substr(2);
  if (text == "low" || text == "lowest" || text == "1") return core::Priority::kLow;
  if (text == "normal" || text == "medium" || text == "2") return core::Priority::kNormal;
  if (text == "high" || text == "3") return core::Priority::kHigh;
  if (text == "urgent" || text == "highest" || text == "critical" || text == "4") {
    return core::Priority::kUrgent;
  }
  return core::Priority::kUnspecified;
}

bool LooksLikeHtml(absl::string_view text) {
  const size_t open = text.find('<');
  if (open == absl::string_view::npos || open + 1 >= text.size()) return false;
  const char next = text[open + 1];
  return (absl::ascii_isalpha(next) || next == '/' || next == '!') &&
         text.find('>', open) != absl::string_view::npos;
}

core::Message MessageWithBody(core::AuthorRole role, std::string author_id, std::string body,
                              bool is_public, std::optional<absl::Time> created_at) {
  core::Message message;
  message.author_role = role;
  message.author_id = std::move(author_id);
  if (LooksLikeHtml(body)) {
    message.body_html = std::move(body);
  } else {
    message.body_text = std::move(body);
  }
  message.is_public = is_public;
  message.created_at = created_at;
  return message;
}

}  // namespace debrief::ingest
