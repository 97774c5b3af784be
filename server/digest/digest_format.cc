#include "server/digest/digest_format.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace debrief::digest {

std::string DigestTitle(const core::Digest& digest) {
  std::string audience(core::TeamName(digest.audience));
  if (!audience.empty()) audience[0] = absl::ascii_toupper(audience[0]);
  return absl::StrCat(audience, " digest — ", digest.period);
}

std::string PeriodText(const core::Digest& digest, const absl::TimeZone& zone) {
  return absl::StrCat(absl::FormatTime("%a %e %b", digest.period_start, zone), " – ",
                      absl::FormatTime("%a %e %b %Y", digest.period_end - absl::Seconds(1), zone),
                      " (", zone.name(), ")");
}

std::string FormatArr(int64_t arr_cents) {
  const int64_t major = arr_cents / 100;
  std::string digits = absl::StrCat(major < 0 ? -major : major);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return major < 0 ? absl::StrCat("-", out) : out;
}

std::string ChangeText(int64_t count, int64_t previous) {
  const int64_t change = count - previous;
  if (change > 0) return absl::StrCat("▲ +", change);
  if (change < 0) return absl::StrCat("▼ ", change);
  return "= 0";
}

std::string OneLine(absl::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > 240) {
    size_t cut = 240;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = absl::StrCat(out.substr(0, cut), "…");
  }
  return out;
}

std::string FiguresText(const core::DigestItem& item) {
  std::vector<std::string> parts;
  for (const auto& [name, value] : item.figures) {
    if (name == "change" || name == "new" || name == "baseline_mean" || name == "baseline_stddev" ||
        name == "threshold") {
      continue;
    }
    std::string label = name;
    for (absl::string_view prefix : {"context.", "area."}) {
      if (absl::StartsWith(label, prefix)) label = label.substr(prefix.size());
    }
    absl::StrReplaceAll({{"_", " "}}, &label);
    if (name == "change_percent" || name == "share_percent") {
      parts.push_back(absl::StrFormat("%s %.0f%%", absl::StrReplaceAll(label, {{" percent", ""}}), value));
    } else if (value == static_cast<double>(static_cast<int64_t>(value))) {
      parts.push_back(absl::StrCat(label, " ", static_cast<int64_t>(value)));
    } else {
      parts.push_back(absl::StrFormat("%s %.2f", label, value));
    }
  }
  return absl::StrJoin(parts, " · ");
}

}  // namespace debrief::digest
