#include "server/analysis/redactor.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/analysis/literal_set.h"
#include "server/analysis/scanned_text.h"
#include "server/analysis/tokenizer.h"

namespace debrief::analysis {
namespace {

// Detector priorities: when two findings overlap, the lower number wins.
enum Priority : int {
  kKeep = 0,  // an existing placeholder; never rewritten
  kSecret = 1,
  kEmail = 2,
  kIban = 3,
  kIntlPhone = 4,
  kCard = 5,
  kIp = 6,
  kPhone = 7,
  kEntropy = 8,
  kCustom = 9,
  kName = 10,
};

re2::StringPiece Piece(absl::string_view text) { return re2::StringPiece(text.data(), text.size()); }

const RE2& PlaceholderRe() {
  static const RE2* re =
      new RE2(R"(\[(?:EMAIL|PHONE|CARD|IBAN|IP|SECRET|NAME|CUSTOM:[A-Z0-9_]{1,32})\])");
  return *re;
}

// Secrets recognizable by their shape; the whole match is the secret.
const RE2& PrefixedSecretRe() {
  static const RE2* re = new RE2(
      R"((?s)-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----)"
      R"(|\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,})"
      R"(|\bgh[pousr]_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,})"
      R"(|\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}\b)"
      R"(|\bxox[abposr]-[A-Za-z0-9-]{10,}|\bxapp-[A-Za-z0-9-]{10,})"
      R"(|\bglpat-[A-Za-z0-9_-]{20,}|\bAIza[0-9A-Za-z_-]{35}|\bnpm_[A-Za-z0-9]{36})"
      R"(|\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,})"
      R"(|\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,})");
  return *re;
}

// Secrets named by a key; group 1 is the value.
const RE2& KeyedSecretRe() {
  static const RE2* re = new RE2(
      R"((?i)\b(?:password|passwd|pwd|passcode|passphrase|api[ _-]?key|secret|client[ _-]?secret|)"
      R"(access[ _-]?key|token|auth[ _-]?token)\s*[:=]\s*["']?([^\s"',;]{3,}))");
  return *re;
}

// "my password is Hunter22": the value must look like one (a digit or a symbol).
const RE2& StatedSecretRe() {
  static const RE2* re = new RE2(
      R"((?i)\b(?:password|passwd|passcode|pin)\s+(?:is|was|=)\s+["']?([^\s"',;]*[0-9!@#$%^&*_+=~][^\s"',;]*))");
  return *re;
}

const RE2& BearerRe() {
  static const RE2* re = new RE2(R"((?i)\bbearer\s+([A-Za-z0-9._~+/-]{16,}=*))");
  return *re;
}

const RE2& EmailRe() {
  static const RE2* re =
      new RE2(R"([A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)");
  return *re;
}

const RE2& IbanRe() {
  static const RE2* re = new RE2(R"(\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30})");
  return *re;
}

const RE2& IpRe() {
  static const RE2* re = new RE2(
      R"(\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\b)"
      R"(|\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b)"
      R"(|\b(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?\b)");
  return *re;
}

const RE2& IntlPhoneRe() {
  static const RE2* re =
      new RE2(R"((?:\+|\b00)[1-9][0-9]{0,3}(?:[ .-]?\(?[0-9]{1,5}\)?){1,6})");
  return *re;
}

// IntlPhoneRe matches at most 2 + 4 + 6 * 8 = 54 bytes.
constexpr size_t kMaxIntlPhone = 64;

const RE2& NationalPhoneRe() {
  static const RE2* re = new RE2(
      R"(\([0-9]{2,5}\)[ .-]?[0-9]{2,4}(?:[ .-]?[0-9]{2,4}){1,3})"
      R"(|\b[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{4}\b)"
      R"(|\b0[0-9]{1,4}[ /.-][0-9]{3,8}(?:[ .-][0-9]{2,6}){0,3}\b)");
  return *re;
}

// Words that announce a phone number; group 1 is the number.
constexpr absl::string_view kPhoneWords[] = {"phone", "tel", "mobile", "cell", "call", "reach",
                                             "whatsapp", "fax", "sms", "text me"};

const RE2& AnnouncedPhoneRe() {
  static const RE2* re = new RE2(
      R"((?i:\b(?:phone|tel|telephone|mobile|cell|call me|call us|reach me|whatsapp|fax|sms|text me)\b)[^0-9\n\[\]]{0,20}(\+?[0-9][0-9 ().-]{5,18}[0-9]))");
  return *re;
}

int CountDigits(absl::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(),
                                        [](char c) { return absl::ascii_isdigit(c); }));
}

// Letters, digits, '_', '-' and '+': the bytes of a token FindHighEntropy measures.
constexpr std::array<bool, 256> kTokenBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[static_cast<size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                    c == '_' || c == '-' || c == '+';
  }
  return table;
}();

bool IsTokenChar(char c) { return kTokenBytes[static_cast<unsigned char>(c)]; }

bool LooksLikeUuid(absl::string_view token) {
  if (token.size() != 36) return false;
  for (size_t i = 0; i < token.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? token[i] != '-' : !absl::ascii_isxdigit(token[i])) return false;
  }
  return true;
}

}  // namespace

struct Redactor::Span {
  size_t start = 0;
  size_t end = 0;
  int priority = 0;
  absl::string_view placeholder;
};

bool LuhnValid(absl::string_view number) {
  int sum = 0;
  int digits = 0;
  bool doubled = false;
  for (size_t i = number.size(); i > 0; --i) {
    const char c = number[i - 1];
    if (!absl::ascii_isdigit(c)) continue;
    int d = c - '0';
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubled = !doubled;
    ++digits;
  }
  return digits > 0 && sum % 10 == 0;
}

bool IbanValid(absl::string_view iban) {
  std::string compact;
  for (const char c : iban) {
    if (c != ' ') compact += absl::ascii_toupper(c);
  }
  if (compact.size() < 15 || compact.size() > 34) return false;
  if (!absl::ascii_isalpha(compact[0]) || !absl::ascii_isalpha(compact[1]) ||
      !absl::ascii_isdigit(compact[2]) || !absl::ascii_isdigit(compact[3])) {
    return false;
  }
  const std::string rotated = compact.substr(4) + compact.substr(0, 4);
  int remainder = 0;
  for (const char c : rotated) {
    if (absl::ascii_isdigit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (absl::ascii_isupper(c)) {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

double ShannonEntropy(absl::string_view text) {
  if (text.empty()) return 0;
  std::array<int, 256> counts{};
  for (const char c : text) ++counts[static_cast<unsigned char>(c)];
  double bits = 0;
  const double n = static_cast<double>(text.size());
  for (const int count : counts) {
    if (count == 0) continue;
    const double p = count / n;
    bits -= p * std::log2(p);
  }
  return bits;
}

Redactor::Redactor(const config::RedactionOptions& options) : options_(options) {}
Redactor::~Redactor() = default;

absl::StatusOr<std::unique_ptr<Redactor>> Redactor::Create(const config::RedactionOptions& options) {
  std::unique_ptr<Redactor> redactor(new Redactor(options));
  RE2::Options re_options;
  re_options.set_log_errors(false);
  for (size_t i = 0; i < options.custom.size(); ++i) {
    auto re = std::make_unique<RE2>(options.custom[i].pattern, re_options);
    if (!re->ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "redaction.custom[", i, "].pattern: invalid RE2 pattern: ", re->error()));
    }
    redactor->custom_.push_back(
        {absl::StrCat("[CUSTOM:", options.custom[i].name, "]"), std::move(re)});
  }
  return redactor;
}

void Redactor::FindSecrets(absl::string_view text, absl::string_view lower,
                           std::vector<Span>& out) const {
  const re2::StringPiece input = Piece(text);
  re2::StringPiece match[2];
  // The prefixes PrefixedSecretRe needs; most texts have none.
  static const LiteralSet* kPrefixes = new LiteralSet(
      {"PRIVATE KEY", "sk_", "rk_", "pk_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "AKIA",
       "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "xox", "xapp-", "glpat-", "AIza", "npm_", "SG.", "eyJ"});
  const bool prefixed = kPrefixes->Find(text).any();
  for (size_t pos = 0;
       prefixed && PrefixedSecretRe().Match(input, pos, input.size(), RE2::UNANCHORED, match, 1);) {
    const size_t start = match[0].data() - text.data();
    out.push_back({start, start + match[0].size(), kSecret, "[SECRET]"});
    pos = start + std::max<size_t>(1, match[0].size());
  }
  // The keyed patterns all need one of these words; most texts have none.
  static const LiteralSet* kKeys =
      new LiteralSet({"pass", "pwd", "pin", "key", "secret", "token", "bearer"});
  const bool keyed = kKeys->Find(lower).any();
  if (!keyed) return;
  for (const RE2* re : {&KeyedSecretRe(), &StatedSecretRe(), &BearerRe()}) {
    for (size_t pos = 0; re->Match(input, pos, input.size(), RE2::UNANCHORED, match, 2);) {
      const size_t start = match[1].data() - text.data();
      if (match[1].size() > 0 && match[1] != re2::StringPiece("[SECRET]")) {
        out.push_back({start, start + match[1].size(), kSecret, "[SECRET]"});
      }
      pos = (match[0].data() - text.data()) + std::max<size_t>(1, match[0].size());
    }
  }
}

void Redactor::FindPhones(absl::string_view text, absl::string_view lower,
                          std::vector<Span>& out) const {
  // A phone number does not start inside a longer run of digit groups ("DE00 3704 0044"),
  // nor right after a placeholder that took the start of such a run ("[CARD]-0902-3894").
  auto continues_digits = [&](size_t start) {
    auto joined = [](char c) { return absl::ascii_isdigit(c) || c == ']'; };
    return (start >= 1 && joined(text[start - 1])) ||
           (start >= 2 && (text[start - 1] == ' ' || text[start - 1] == '-') && joined(text[start - 2]));
  };
  // The patterns are greedy: a number running into more digit groups (a card, a date)
  // gives back whole groups from its end until it is short enough to be a phone number,
  // so the result does not depend on what later detectors take.
  auto trim = [](absl::string_view found) {
    while (!found.empty() && !absl::ascii_isdigit(found.back())) found.remove_suffix(1);
    while (CountDigits(found) > 15) {
      const size_t cut = found.find_last_of(" .-/()");
      if (cut == absl::string_view::npos) return absl::string_view();
      found = found.substr(0, cut);
      while (!found.empty() && !absl::ascii_isdigit(found.back())) found.remove_suffix(1);
    }
    return found;
  };
  const re2::StringPiece input = Piece(text);
  re2::StringPiece match[2];
  // An international number starts with '+' or "00": the pattern runs anchored at each such
  // start, in a window longer than any match, instead of over the whole text.
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = text.find_first_of("+0", pos);
    if (start == absl::string_view::npos) break;
    if ((text[start] == '0' && text.substr(start, 2) != "00") ||
        !IntlPhoneRe().Match(input, start, std::min(text.size(), start + kMaxIntlPhone), RE2::ANCHOR_START,
                             match, 1)) {
      pos = start + 1;
      continue;
    }
    const absl::string_view found = trim(absl::string_view(match[0].data(), match[0].size()));
    const int digits = CountDigits(found);
    if (digits >= 8 && digits <= 15 && !continues_digits(start)) {
      out.push_back({start, start + found.size(), kIntlPhone, "[PHONE]"});
    }
    pos = start + std::max<size_t>(1, match[0].size());
  }
  const bool announced = std::any_of(std::begin(kPhoneWords), std::end(kPhoneWords),
                                     [&](absl::string_view word) { return absl::StrContains(lower, word); });
  for (const RE2* re : {&NationalPhoneRe(), &AnnouncedPhoneRe()}) {
    if (re == &AnnouncedPhoneRe() && !announced) continue;
    for (size_t pos = 0; re->Match(input, pos, input.size(), RE2::UNANCHORED, match, 2);) {
      const re2::StringPiece whole = match[1].data() != nullptr ? match[1] : match[0];
      const absl::string_view number = trim(absl::string_view(whole.data(), whole.size()));
      const size_t start = whole.data() - text.data();
      const int digits = CountDigits(number);
      if (digits >= 7 && digits <= 15 && !continues_digits(start)) {
        out.push_back({start, start + number.size(), kPhone, "[PHONE]"});
      }
      pos = (match[0].data() - text.data()) + std::max<size_t>(1, match[0].size());
    }
  }
}

void Redactor::FindHighEntropy(absl::string_view text, std::vector<Span>& out) const {
  const size_t min_length = static_cast<size_t>(options_.secret_min_length);
  size_t i = 0;
  while (i < text.size()) {
    if (!IsTokenChar(text[i])) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < text.size() && IsTokenChar(text[i])) ++i;
    size_t end = i;
    while (i < text.size() && text[i] == '=' && i - end < 2) ++i;  // base64 padding
    end = i;
    const absl::string_view token = text.substr(start, end - start);
    if (token.size() < min_length || LooksLikeUuid(token)) continue;
    bool letter = false;
    int digits = 0;
    for (const char c : token) {
      letter |= absl::ascii_isalpha(c) != 0;
      digits += absl::ascii_isdigit(c) ? 1 : 0;
    }
    // Identifiers and words joined by '_' or '-' have letters but (almost) no digits.
    if (!letter || digits < 3) continue;
    if (ShannonEntropy(token) >= options_.secret_min_entropy_bits) {
      out.push_back({start, end, kEntropy, "[SECRET]"});
    }
  }
}

std::string Redactor::RedactOnce(absl::string_view text, absl::Span<const std::string> names,
                                 bool& overlapped) const {
  std::vector<Span> spans;
  const re2::StringPiece input = Piece(text);
  re2::StringPiece match;
  auto find_all = [&](const RE2& re, int priority, absl::string_view placeholder) {
    for (size_t pos = 0; re.Match(input, pos, input.size(), RE2::UNANCHORED, &match, 1);) {
      const size_t start = match.data() - text.data();
      if (!match.empty()) spans.push_back({start, start + match.size(), priority, placeholder});
      pos = start + std::max<size_t>(1, match.size());
    }
  };
  if (text.find('[') != absl::string_view::npos) find_all(PlaceholderRe(), kKeep, "");
  // The cheap shape checks that decide which detectors run: counts first (one loop without
  // exits, which the compiler vectorizes), then the shapes only where they can occur.
  int digit_count = 0;
  int colons = 0;
  for (const char c : text) {
    digit_count += static_cast<int>(static_cast<unsigned char>(c - '0') < 10);
    colons += static_cast<int>(c == ':');
  }
  bool iban_shape = false;  // two capitals then two digits
  for (size_t i = 2; digit_count >= 2 && i + 1 < text.size() && !iban_shape; ++i) {
    iban_shape = absl::ascii_isdigit(text[i]) && absl::ascii_isdigit(text[i + 1]) &&
                 absl::ascii_isupper(text[i - 1]) && absl::ascii_isupper(text[i - 2]);
  }
  bool ip_shape = false;  // "1.2" (IPv4); IPv6 needs colons
  for (size_t dot = digit_count >= 2 ? text.find('.') : absl::string_view::npos;
       dot != absl::string_view::npos && !ip_shape; dot = text.find('.', dot + 1)) {
    ip_shape = dot > 0 && dot + 1 < text.size() && absl::ascii_isdigit(text[dot - 1]) &&
               absl::ascii_isdigit(text[dot + 1]);
  }
  const bool has_digit = digit_count > 0;
  const std::string lower = LowerAscii(text);
  if (options_.secrets) FindSecrets(text, lower, spans);
  if (options_.emails && text.find('@') != absl::string_view::npos) find_all(EmailRe(), kEmail, "[EMAIL]");
  if (options_.ibans && iban_shape) {
    for (size_t pos = 0; IbanRe().Match(input, pos, input.size(), RE2::UNANCHORED, &match, 1);) {
      const size_t start = match.data() - text.data();
      // The pattern is greedy; the IBAN is the longest prefix that passes mod-97.
      absl::string_view candidate(match.data(), match.size());
      while (candidate.size() >= 15 && !IbanValid(candidate)) {
        candidate.remove_suffix(1);
        while (!candidate.empty() && candidate.back() == ' ') candidate.remove_suffix(1);
      }
      if (candidate.size() >= 15) {
        spans.push_back({start, start + candidate.size(), kIban, "[IBAN]"});
        pos = start + candidate.size();
      } else {
        pos = start + 1;
      }
    }
  }
  if (options_.cards && has_digit) {
    // Runs of digits joined by single spaces or dashes, split into groups; any run of
    // consecutive groups with 12-19 digits that passes Luhn is a card.
    size_t i = 0;
    std::vector<std::pair<size_t, size_t>> groups;
    while (i < text.size()) {
      if (!absl::ascii_isdigit(text[i])) {
        ++i;
        continue;
      }
      groups.clear();
      size_t j = i;
      while (true) {
        const size_t group_start = j;
        while (j < text.size() && absl::ascii_isdigit(text[j])) ++j;
        groups.emplace_back(group_start, j);
        if (j + 1 < text.size() && (text[j] == ' ' || text[j] == '-') &&
            absl::ascii_isdigit(text[j + 1])) {
          ++j;
          continue;
        }
        break;
      }
      for (size_t g = 0; g < groups.size(); ++g) {
        int digits = 0;
        size_t best_end = 0;
        for (size_t h = g; h < groups.size(); ++h) {
          digits += static_cast<int>(groups[h].second - groups[h].first);
          if (digits > 19) break;
          if (digits >= 12 && LuhnValid(text.substr(groups[g].first, groups[h].second - groups[g].first))) {
            best_end = groups[h].second;
          }
        }
        if (best_end != 0) {
          spans.push_back({groups[g].first, best_end, kCard, "[CARD]"});
          while (g + 1 < groups.size() && groups[g + 1].first < best_end) ++g;
        }
      }
      i = j;
    }
  }
  if (options_.ips && (ip_shape || colons >= 2)) find_all(IpRe(), kIp, "[IP]");
  if (options_.phones && digit_count >= 7) FindPhones(text, lower, spans);
  if (options_.secrets) FindHighEntropy(text, spans);
  for (const Custom& custom : custom_) find_all(*custom.re, kCustom, custom.placeholder);
  if (options_.names) {
    for (const std::string& full_name : names) {
      std::vector<absl::string_view> forms = {full_name};
      for (absl::string_view part : absl::StrSplit(full_name, ' ', absl::SkipWhitespace())) {
        if (part.size() >= 3) forms.push_back(part);
      }
      for (const absl::string_view form : forms) {
        if (form.empty() || form.find('[') != absl::string_view::npos) continue;
        for (size_t pos = text.find(form); pos != absl::string_view::npos;
             pos = text.find(form, pos + 1)) {
          const size_t end = pos + form.size();
          const bool left = pos == 0 || !absl::ascii_isalnum(text[pos - 1]);
          const bool right = end == text.size() || !absl::ascii_isalnum(text[end]);
          if (left && right) spans.push_back({pos, end, kName, "[NAME]"});
        }
      }
    }
  }

  // Resolve overlaps: the highest priority wins, then the earliest, then the longest.
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    if (a.priority != b.priority) return a.priority < b.priority;
    if (a.start != b.start) return a.start < b.start;
    return a.end > b.end;
  });
  std::vector<Span> chosen;
  chosen.reserve(spans.size());
  for (const Span& span : spans) {
    const bool overlaps = std::any_of(chosen.begin(), chosen.end(), [&](const Span& kept) {
      return span.start < kept.end && kept.start < span.end;
    });
    if (!overlaps) {
      chosen.push_back(span);
    } else if (span.priority != kKeep) {
      overlapped = true;
    }
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Span& a, const Span& b) { return a.start < b.start; });
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const Span& span : chosen) {
    if (span.priority == kKeep) continue;
    out.append(text.data() + at, span.start - at);
    out.append(span.placeholder.data(), span.placeholder.size());
    at = span.end;
  }
  out.append(text.data() + at, text.size() - at);
  // A placeholder glued to letters or digits (or to a digit group after a separator)
  // changes word boundaries for the patterns around it; check such text once more.
  auto glued = [&](size_t i) { return i < text.size() && absl::ascii_isalnum(text[i]); };
  for (const Span& span : chosen) {
    if (span.priority == kKeep) continue;
    const bool before = span.start > 0 && (glued(span.start - 1) ||
                                           (span.start > 1 && !absl::ascii_isalnum(text[span.start - 1]) &&
                                            absl::ascii_isdigit(text[span.start - 2])));
    const bool after = glued(span.end) || (span.end + 1 < text.size() && !absl::ascii_isalnum(text[span.end]) &&
                                           absl::ascii_isdigit(text[span.end + 1]));
    overlapped |= before || after;
  }
  return out;
}

std::string Redactor::Redact(absl::string_view text, absl::Span<const std::string> names) const {
  // Placeholders are kept as they are and match no detector, so a pass is idempotent
  // unless a finding lost an overlap to a stronger one (its pattern may then match
  // elsewhere once the winner is a placeholder) or a placeholder touches letters or
  // digits (word boundaries around it change). Only then is the text passed again; the
  // property test in redactor_test.cc checks idempotency over generated inputs.
  bool overlapped = false;
  std::string out = RedactOnce(text, names, overlapped);
  for (int pass = 0; overlapped && pass < 3; ++pass) {
    overlapped = false;
    std::string again = RedactOnce(out, names, overlapped);
    out = std::move(again);
  }
  return out;
}

core::Ticket Redactor::RedactTicket(core::Ticket ticket) const {
  std::vector<std::string> names;
  for (const core::Party* party : {&ticket.requester, &ticket.assignee}) {
    if (!party->name.empty() && party->name.find('[') == std::string::npos) {
      names.push_back(party->name);
    }
  }
  auto redact = [&](std::string& field) {
    if (!field.empty()) field = Redact(field, names);
  };
  // Ids and URLs are machine text: long numeric ids must not be mistaken for cards or
  // phones, so only e-mail addresses and secrets are removed from them.
  auto redact_identifier = [&](std::string& field) {
    if (field.empty()) return;
    std::vector<Span> spans;
    if (options_.emails && field.find('@') != std::string::npos) {
      const re2::StringPiece input = Piece(field);
      re2::StringPiece match;
      for (size_t pos = 0; EmailRe().Match(input, pos, input.size(), RE2::UNANCHORED, &match, 1);) {
        const size_t start = match.data() - field.data();
        spans.push_back({start, start + match.size(), kEmail, "[EMAIL]"});
        pos = start + std::max<size_t>(1, match.size());
      }
    }
    if (options_.secrets) FindSecrets(field, LowerAscii(field), spans);
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    std::string out;
    size_t at = 0;
    for (const Span& span : spans) {
      if (span.start < at) continue;
      out.append(field, at, span.start - at);
      out.append(span.placeholder.data(), span.placeholder.size());
      at = span.end;
    }
    out.append(field, at, std::string::npos);
    field = std::move(out);
  };
  redact(ticket.subject);
  for (core::Message& message : ticket.messages) {
    redact(message.body_text);
    redact(message.body_html);
    redact_identifier(message.author_id);
  }
  for (core::Party* party : {&ticket.requester, &ticket.assignee}) {
    if (!party->name.empty()) party->name = "[NAME]";
    if (!party->email.empty()) party->email = "[EMAIL]";
    redact_identifier(party->id);
    redact_identifier(party->external_id);
  }
  for (auto& [key, value] : ticket.custom_fields) redact(value);
  if (ticket.satisfaction.has_value()) redact(ticket.satisfaction->comment);
  redact_identifier(ticket.url);
  return ticket;
}

}  // namespace debrief::analysis
