// Wording shared by the Markdown and HTML digests: titles, money, changes and figures.
#ifndef DEBRIEF_SERVER_DIGEST_DIGEST_FORMAT_H_
#define DEBRIEF_SERVER_DIGEST_DIGEST_FORMAT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/digest.h"

namespace debrief::digest {

// "Product digest — 2026-W47".
std::string DigestTitle(const core::Digest& digest);
// "Mon 16 Nov – Sun 22 Nov 2026 (Europe/Paris)".
std::string PeriodText(const core::Digest& digest, const absl::TimeZone& zone);
// ARR from minor units: "1,234,567" (major units; ARR is stored without a currency).
std::string FormatArr(int64_t arr_cents);
// "▲ +20", "▼ -3" or "= 0" for count against previous.
std::string ChangeText(int64_t count, int64_t previous);
// A one-line quote: whitespace collapsed, at most 240 bytes.
std::string OneLine(absl::string_view text);
// The figures of `item` worth showing, "renewal risk 72 · switching 3".
std::string FiguresText(const core::DigestItem& item);

}  // namespace debrief::digest

#endif  // DEBRIEF_SERVER_DIGEST_DIGEST_FORMAT_H_
