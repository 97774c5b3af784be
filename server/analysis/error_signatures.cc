#include "server/analysis/error_signatures.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>

#include "absl/container/inlined_vector.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "re2/re2.h"
#include "server/analysis/ticket_text.h"
#include "server/common/ids.h"

namespace debrief::analysis {
namespace {

re2::StringPiece Piece(absl::string_view text) { return re2::StringPiece(text.data(), text.size()); }

struct Finding {
  size_t start = 0;
  size_t end = 0;
  std::string kind;
  std::string normalized;
  double confidence = 0;
};

// Lengths of messages are bounded in code (kMaxMessage, kMinMessage, kMinQuoted), not with
// counted repetition: "{3,200}" compiles to hundreds of instructions that every submatch
// pass walks.
constexpr size_t kMaxMessage = 200;
constexpr size_t kMinMessage = 3;
constexpr size_t kMinQuoted = 6;

const RE2& ExceptionRe() {
  static const RE2* re = new RE2(
      R"(\b((?:[A-Za-z_$][\w$]*\.)*[A-Z][\w$]*(?:Exception|Error|Fault|Panic))\b(?:(?::[ \t]+|: )([^\n]+))?)");
  return *re;
}

const RE2& HttpStatusRe() {
  static const RE2* re = new RE2(
      R"((?i)\b(?:HTTP(?:/[0-9](?:\.[0-9])?)?|status(?: code)?|error|response(?: code)?|returned|returns|returning|got(?: an?)?|threw(?: an?)?)[ \t]*[:=#]?[ \t]*([45][0-9][0-9])\b((?:[ \t]*[-:(]?[ \t]*)(?:bad request|unauthorized|payment required|forbidden|not found|method not allowed|not acceptable|request timeout|conflict|gone|payload too large|unsupported media type|unprocessable entity|too many requests|internal server error|not implemented|bad gateway|service unavailable|gateway timeout)\)?)?)"
      R"(|\b([45][0-9][0-9])[ \t]*[-:(]?[ \t]*(bad request|unauthorized|payment required|forbidden|not found|method not allowed|not acceptable|request timeout|conflict|gone|payload too large|unsupported media type|unprocessable entity|too many requests|internal server error|not implemented|bad gateway|service unavailable|gateway timeout)\b)");
  return *re;
}

// ExceptionRe's whole match m[0] split into the name (m[1]) and, after ':' and blanks, the
// message (m[2]; null when there is none). Parsing the match beats asking RE2 for
// submatches, which runs a second engine over it; names hold no ':'.
void SplitException(re2::StringPiece* m) {
  const absl::string_view whole(m[0].data(), m[0].size());
  const size_t colon = whole.find(':');
  if (colon == absl::string_view::npos) {
    m[1] = m[0];
    m[2] = re2::StringPiece();
    return;
  }
  m[1] = re2::StringPiece(whole.data(), colon);
  size_t message = colon + 1;
  while (message < whole.size() && (whole[message] == ' ' || whole[message] == '\t')) ++message;
  m[2] = re2::StringPiece(whole.data() + message, whole.size() - message);
}

// How far HttpStatusRe reaches around the number: its longest keyword ("response code")
// before it, its longest reason phrase and ')' ("unsupported media type)") after it.
constexpr size_t kStatusLead = 13;
constexpr size_t kStatusTrail = 23;

const RE2& ErrorCodeRe() {
  static const RE2* re = new RE2(
      R"((?i:\b(?:error code|error_code|errno|error|err)[ \t]*[:#=]?[ \t]*)([A-Z][A-Z0-9_]*[-_]?[0-9]{2,6}|[A-Z]{2,}_[A-Z0-9_]{2,}|[0-9]{4,6}|0x[0-9A-Fa-f]{4,8})\b)"
      R"(|\b(E(?:CONNREFUSED|CONNRESET|CONNABORTED|TIMEDOUT|NOTFOUND|ACCES|PERM|PIPE|HOSTUNREACH|ADDRINUSE|NOENT|AI_AGAIN|MFILE|NOSPC))\b)"
      R"(|\b(ERR_[A-Z][A-Z0-9_]{2,})\b)"
      R"(|\b((?:ORA|SQLSTATE|PGSQL|MYSQL|AADSTS)[- ]?[0-9A-Z]{4,6})\b)");
  return *re;
}

const RE2& ErrorMessageRe() {
  static const RE2* re = new RE2(
      R"((?i)\b(?:fatal error|error|fatal|failure)[ \t]*:[ \t]*([^\n]+))"
      R"(|["`]([^"`\n]+)["`])");
  return *re;
}

const RE2& ErrorWordRe() {
  static const RE2* re = new RE2(
      R"((?i)\b(?:error|fail|failed|failure|invalid|denied|unable|cannot|can't|could not|not found|timeout|timed out|refused|forbidden|unauthorized|exceeded|expired|missing|required|unexpected|went wrong|not allowed|rejected|declined)\b)");
  return *re;
}

// One stack-frame format: a pattern for a whole line, with the file or method path in
// group 1 and, for some, a function in group 2. Each has its own small pattern, tried only
// on lines of its shape: one pattern for all four made every match pay for the others.
enum class FrameFormat { kJavaOrDotNet, kJavaScript, kPython, kRuby };

const RE2& FramePattern(FrameFormat format) {
  static const auto* kPatterns = new std::array<RE2, 4>{
      // at com.acme.Foo.bar(Foo.java:12)   at Acme.Foo.Bar() in C:\src\Foo.cs:line 42
      RE2(R"([ \t]*at[ \t]+([\w$.<>\[\]`]+)\([^)\n]*\)(?:[ \t]+in[ \t]+[^\n]+?:line[ \t]+[0-9]+)?[ \t]*)"),
      // at handler (/srv/app/index.js:10:5)   at /srv/app/index.js:10:5
      RE2(R"([ \t]*at[ \t]+(?:([^\s(][^(\n]*?)[ \t]+\()?([^()\s]+):[0-9]+:[0-9]+\)?[ \t]*)"),
      // File "/srv/app/db.py", line 98, in fetch
      RE2(R"re([ \t]*File[ \t]+"([^"\n]+)",[ \t]+line[ \t]+[0-9]+,[ \t]+in[ \t]+(\S+)[ \t]*)re"),
      // app/models/user.rb:42:in `save'
      RE2(R"([ \t]*(?:from[ \t]+)?([^\s:]+\.rb):[0-9]+:in[ \t]+[`']([^'`\n]+)'[ \t]*)"),
  };
  return (*kPatterns)[static_cast<size_t>(format)];
}

// The format of the frame line [line_start, line_end) of `text` holds, with its groups in
// f[0..2], or nullopt.
std::optional<FrameFormat> MatchFrame(const re2::StringPiece& text, size_t line_start, size_t line_end,
                                      re2::StringPiece* f) {
  const absl::string_view line(text.data() + line_start, line_end - line_start);
  const absl::string_view body = absl::StripLeadingAsciiWhitespace(line);
  auto starts_word = [&](absl::string_view word) {
    return body.size() > word.size() && absl::StartsWith(body, word) &&
           (body[word.size()] == ' ' || body[word.size()] == '\t');
  };
  auto match = [&](FrameFormat format) {
    return FramePattern(format).Match(text, line_start, line_end, RE2::ANCHOR_BOTH, f, 3);
  };
  if (starts_word("at")) {
    for (const FrameFormat format : {FrameFormat::kJavaOrDotNet, FrameFormat::kJavaScript}) {
      if (match(format)) return format;
    }
  }
  if (starts_word("File") && match(FrameFormat::kPython)) return FrameFormat::kPython;
  if (absl::StrContains(line, ".rb:") && match(FrameFormat::kRuby)) return FrameFormat::kRuby;
  return std::nullopt;
}

std::string BaseName(absl::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return std::string(slash == absl::string_view::npos ? path : path.substr(slash + 1));
}

std::string Trimmed(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  while (!text.empty() && (text.back() == '.' || text.back() == ',' || text.back() == ';')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace

std::string NormalizeErrorText(absl::string_view verbatim) {
  struct Rule {
    RE2* re;
    const char* placeholder;
    // The rule runs only when the text has one of these characters (empty: always) and,
    // if set, a digit: most error texts are short and have few of them.
    absl::string_view needs_any;
    bool needs_digit;
  };
  static const auto* kRules = new std::vector<Rule>{
      {new RE2(R"(\b[A-Za-z][A-Za-z0-9+.-]*://\S+)"), "<url>", ":", false},
      {new RE2(R"(\[(?:EMAIL|NAME)\]|[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})"), "<email>", "@[", false},
      {new RE2(R"(\[(?:PHONE|CARD|IBAN|SECRET|CUSTOM:[A-Z0-9_]+)\])"), "<redacted>", "[", false},
      {new RE2(R"(\[IP\]|\b[0-9]{1,3}(?:\.[0-9]{1,3}){3}\b)"), "<ip>", "[.", false},
      {new RE2(R"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)"), "<uuid>", "-", true},
      {new RE2(R"(\b[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?)"), "<ts>", "-", true},
      {new RE2(R"(\b[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:\s?[AaPp][Mm])?\b)"), "<ts>", ":", true},
      {new RE2(R"(\b[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}\b)"), "<ts>", "/", true},
      {new RE2(R"([A-Za-z]:\\[^\s"']+|(?:~|\.{1,2})?(?:/[\w.@%+-]+){2,}/?)"), "<path>", "/\\", false},
      {new RE2(R"('[^'\n]*'|"[^"\n]*")"), "<str>", "'\"", false},
      {new RE2(R"(\b0[xX][0-9a-fA-F]+\b|\b[0-9a-fA-F]*[0-9][0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\b|\b[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*[0-9][0-9a-fA-F]*\b)"), "<hex>", "", true},
      {new RE2(R"(\b[0-9]+(?:\.[0-9]+)*\b)"), "<n>", "", true},
  };
  std::string text(verbatim);
  for (const Rule& rule : *kRules) {
    if (!rule.needs_any.empty() &&
        text.find_first_of(rule.needs_any.data(), 0, rule.needs_any.size()) == std::string::npos) {
      continue;
    }
    if (rule.needs_digit &&
        std::none_of(text.begin(), text.end(), [](char c) { return absl::ascii_isdigit(c); })) {
      continue;
    }
    RE2::GlobalReplace(&text, *rule.re, rule.placeholder);
  }
  // <hex> must not swallow ordinary words made of a-f ("dead", "cafe"): the rule above
  // only fires on mixed digits and letters, so "decade" stays.
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (const char c : text) {
    if (absl::ascii_isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > 200) out.resize(200);
  return out;
}

std::string ErrorFingerprint(absl::string_view kind, absl::string_view normalized) {
  return absl::StrCat("err_", common::Sha256Hex(absl::StrCat(kind, "\n", normalized)).substr(0, 16));
}

std::vector<core::ErrorSignature> ErrorSignatureExtractor::Extract(
    absl::Span<const ScannedSegment> segments) const {
  std::vector<core::ErrorSignature> out;
  std::set<std::string> fingerprints;
  for (const ScannedSegment& scanned : segments) {
    const TextSegment& segment = scanned.segment;
    const absl::string_view text = segment.text;
    const re2::StringPiece input = Piece(text);
    std::vector<Finding> findings;
    auto offset = [&](const re2::StringPiece& piece) {
      return static_cast<size_t>(piece.data() - text.data());
    };
    re2::StringPiece m[6];
    const std::string& lower = scanned.scan.lower();
    // Line by line, each pattern only where a cheap check says it can match: most lines
    // of most tickets hold no error at all.
    for (size_t line_start = 0; line_start < text.size();) {
      size_t line_end = text.find('\n', line_start);
      if (line_end == absl::string_view::npos) line_end = text.size();
      const absl::string_view line_text = text.substr(line_start, line_end - line_start);
      const absl::string_view line_lower = absl::string_view(lower).substr(line_start, line_end - line_start);
      const re2::StringPiece line = Piece(line_text);
      line_start = line_end + 1;
      if (line_text.empty()) continue;

      if (absl::StrContains(line_text, "Exception") || absl::StrContains(line_text, "Error") ||
          absl::StrContains(line_text, "Fault") || absl::StrContains(line_text, "Panic")) {
        for (size_t pos = 0; ExceptionRe().Match(line, pos, line.size(), RE2::UNANCHORED, m, 1);) {
          SplitException(m);
          if (m[2].data() != nullptr && m[2].size() > kMaxMessage) {
            m[2] = re2::StringPiece(m[2].data(), kMaxMessage);
            m[0] = re2::StringPiece(m[0].data(), static_cast<size_t>(m[2].data() + m[2].size() - m[0].data()));
          }
          const std::string name(m[1].data(), m[1].size());
          const std::string message =
              m[2].data() != nullptr ? Trimmed(absl::string_view(m[2].data(), m[2].size())) : "";
          const size_t start = offset(m[1]);
          const size_t end =
              message.empty() ? start + m[1].size()
                              : offset(m[2]) + absl::string_view(m[2].data(), m[2].size()).find(message) +
                                    message.size();
          findings.push_back({start, end, "exception",
                              message.empty() ? name : absl::StrCat(name, ": ", NormalizeErrorText(message)),
                              0.9});
          pos = (m[0].data() - line.data()) + std::max<size_t>(1, m[0].size());
        }
      }
      // One pass over the line: a bounded [45]xx number, a run of 3+ capitals (ECONNRESET,
      // ORA-, SQLSTATE), quotes.
      absl::InlinedVector<size_t, 4> status_at;  // offsets of [45]xx numbers in the line
      bool capitals = false;
      int run = 0;
      for (size_t i = 0; i < line_text.size(); ++i) {
        const char c = line_text[i];
        run = absl::ascii_isupper(c) ? run + 1 : 0;
        capitals |= run >= 3;
        if ((c == '4' || c == '5') && i + 2 < line_text.size() &&
            absl::ascii_isdigit(line_text[i + 1]) && absl::ascii_isdigit(line_text[i + 2]) &&
            (i == 0 || !absl::ascii_isdigit(line_text[i - 1])) &&
            (i + 3 == line_text.size() || !absl::ascii_isdigit(line_text[i + 3]))) {
          status_at.push_back(i);
        }
      }
      // HttpStatusRe runs only on a window around each number: the keyword before it, the
      // reason phrase after it. Word boundaries still see the whole line.
      size_t status_searched = 0;
      for (const size_t at : status_at) {
        if (at < status_searched) continue;
        size_t from = at;
        while (from > 0 && absl::string_view(" \t:=#").find(line_text[from - 1]) != absl::string_view::npos) --from;
        from = std::max(status_searched, from > kStatusLead ? from - kStatusLead : 0);
        size_t to = at + 3;
        while (to < line_text.size() && absl::string_view(" \t-:(").find(line_text[to]) != absl::string_view::npos) ++to;
        to = std::min(line_text.size(), to + kStatusTrail);
        if (!HttpStatusRe().Match(line, from, to, RE2::UNANCHORED, m, 1)) continue;
        // The code is the first number found above inside the match; a reason phrase is
        // any letter after it (parsed, not captured: see SplitException).
        const size_t match_start = static_cast<size_t>(m[0].data() - line.data());
        const size_t match_end = match_start + m[0].size();
        const auto code = std::find_if(status_at.begin(), status_at.end(),
                                       [&](size_t number) { return number >= match_start; });
        if (code == status_at.end() || *code >= match_end) continue;  // cannot happen: every match has one
        const size_t code_at = *code;
        const bool with_reason = std::any_of(line_text.begin() + code_at + 3, line_text.begin() + match_end,
                                             [](char c) { return absl::ascii_isalpha(c); });
        findings.push_back({offset(m[0]), offset(m[0]) + m[0].size(), "http_status",
                            absl::StrCat("HTTP ", line_text.substr(code_at, 3)), with_reason ? 0.9 : 0.75});
        status_searched = (m[0].data() - line.data()) + std::max<size_t>(1, m[0].size());
      }
      const bool has_err = absl::StrContains(line_lower, "err");
      const bool may_code = has_err || capitals;
      if (may_code) {
        for (size_t pos = 0; ErrorCodeRe().Match(line, pos, line.size(), RE2::UNANCHORED, m, 5);) {
          re2::StringPiece code;
          for (int g = 1; g <= 4; ++g) {
            if (m[g].data() != nullptr) code = m[g];
          }
          const std::string value = absl::AsciiStrToUpper(absl::string_view(code.data(), code.size()));
          findings.push_back({offset(code), offset(code) + code.size(), "error_code", value, 0.75});
          pos = (m[0].data() - line.data()) + std::max<size_t>(1, m[0].size());
        }
      }
      const bool may_message = has_err || absl::StrContains(line_lower, "fatal") ||
                               absl::StrContains(line_lower, "failure") ||
                               line_text.find('"') != absl::string_view::npos ||
                               line_text.find('`') != absl::string_view::npos;
      if (may_message) {
        for (size_t pos = 0; ErrorMessageRe().Match(line, pos, line.size(), RE2::UNANCHORED, m, 3);) {
          const bool quoted = m[2].data() != nullptr;
          re2::StringPiece body = quoted ? m[2] : m[1];
          if (body.size() < (quoted ? kMinQuoted : kMinMessage) || (quoted && body.size() > kMaxMessage)) {
            // Not a match here (the bounds the pattern leaves to code): search on after its start.
            pos = static_cast<size_t>(m[0].data() - line.data()) + 1;
            continue;
          }
          if (body.size() > kMaxMessage) {
            body = re2::StringPiece(body.data(), kMaxMessage);
            m[0] = re2::StringPiece(m[0].data(), static_cast<size_t>(body.data() + body.size() - m[0].data()));
          }
          const absl::string_view message(body.data(), body.size());
          if (!quoted || RE2::PartialMatch(Piece(message), ErrorWordRe())) {
            const std::string trimmed = Trimmed(message);
            const size_t start = offset(body) + message.find(trimmed.empty() ? message : trimmed);
            if (!trimmed.empty()) {
              findings.push_back({start, start + trimmed.size(), "error_message", NormalizeErrorText(trimmed),
                                  quoted ? 0.7 : 0.75});
            }
          }
          pos = (m[0].data() - line.data()) + std::max<size_t>(1, m[0].size());
        }
      }
    }
    // Stack frames: the first frame of each trace (the last one for Python, whose
    // innermost frame comes last). Only lines shaped like a frame are searched; a frame
    // never spans lines.
    size_t previous_frame_end = SIZE_MAX;
    re2::StringPiece f[3];
    auto group = [&](int g) {
      return f[g].data() == nullptr ? absl::string_view() : absl::string_view(f[g].data(), f[g].size());
    };
    for (size_t next_line = 0; next_line < text.size();) {
      const size_t line_start = next_line;
      size_t line_end = text.find('\n', line_start);
      if (line_end == absl::string_view::npos) line_end = text.size();
      next_line = line_end + 1;
      const std::optional<FrameFormat> format = MatchFrame(input, line_start, line_end, f);
      if (!format.has_value()) continue;
      const size_t start = offset(f[0]);
      const absl::string_view line(f[0].data(), f[0].size());
      const bool continues = previous_frame_end != SIZE_MAX && start <= previous_frame_end + 1;
      const bool python = *format == FrameFormat::kPython;
      std::string normalized;
      switch (*format) {
        case FrameFormat::kJavaOrDotNet: normalized = absl::StrCat("at ", group(1)); break;
        case FrameFormat::kJavaScript: normalized = absl::StrCat("at ", group(1), " ", BaseName(group(2))); break;
        case FrameFormat::kPython:
        case FrameFormat::kRuby: normalized = absl::StrCat(BaseName(group(1)), " in ", group(2)); break;
      }
      const std::string trimmed(absl::StripAsciiWhitespace(line));
      const size_t frame_start = start + line.find(trimmed);
      Finding frame{frame_start, frame_start + trimmed.size(), "stack_frame", NormalizeErrorText(normalized), 0.85};
      if (!continues) {
        findings.push_back(std::move(frame));
      } else if (python && !findings.empty() && findings.back().kind == "stack_frame") {
        findings.back() = std::move(frame);
      }
      previous_frame_end = start + f[0].size();
    }

    // Overlaps: an exception or status beats a code or message inside it.
    std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    std::vector<const Finding*> kept;
    for (const Finding& finding : findings) {
      bool inside = false;
      for (const Finding* other : kept) {
        inside |= finding.start >= other->start && finding.end <= other->end &&
                  finding.kind != "stack_frame" && other->kind != "error_message";
      }
      if (!inside) kept.push_back(&finding);
    }
    for (const Finding* finding : kept) {
      if (out.size() >= kMaxSignatures) break;
      core::ErrorSignature signature;
      signature.kind = finding->kind;
      signature.normalized = finding->normalized;
      signature.fingerprint = ErrorFingerprint(finding->kind, finding->normalized);
      if (!fingerprints.insert(signature.fingerprint).second) continue;
      signature.evidence = MakeEvidence(segment, finding->start, finding->end);
      signature.verbatim = signature.evidence.quote;
      signature.confidence = finding->confidence;
      out.push_back(std::move(signature));
    }
  }
  return out;
}

}  // namespace debrief::analysis
