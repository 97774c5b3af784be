#include "server/analysis/normalizer.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "re2/re2.h"
#include "server/analysis/literal_set.h"
#include "server/analysis/scanned_text.h"
#include "server/analysis/tokenizer.h"

namespace debrief::analysis {
namespace {

void AppendUtf8(uint32_t code, std::string& out) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// Decodes the entity starting at text[i] == '&'; returns characters consumed (0 if none).
size_t DecodeEntity(absl::string_view text, size_t i, std::string& out) {
  const size_t semicolon = text.find(';', i);
  if (semicolon == absl::string_view::npos || semicolon - i > 10) return 0;
  const absl::string_view name = text.substr(i + 1, semicolon - i - 1);
  static constexpr std::pair<absl::string_view, absl::string_view> kNamed[] = {
      {"amp", "&"},  {"lt", "<"},   {"gt", ">"},         {"quot", "\""},  {"apos", "'"},
      {"nbsp", " "}, {"ndash", "-"}, {"mdash", "-"},      {"hellip", "..."}, {"rsquo", "'"},
      {"lsquo", "'"}, {"rdquo", "\""}, {"ldquo", "\""}, {"copy", "(c)"}, {"euro", "EUR"}};
  for (const auto& [entity, replacement] : kNamed) {
    if (name == entity) {
      out.append(replacement.data(), replacement.size());
      return semicolon - i + 1;
    }
  }
  if (name.size() >= 2 && name[0] == '#') {
    uint32_t code = 0;
    bool ok = false;
    if (name[1] == 'x' || name[1] == 'X') {
      ok = absl::SimpleHexAtoi(name.substr(2), &code);
    } else {
      ok = absl::SimpleAtoi(name.substr(1), &code);
    }
    if (ok && code > 0 && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF)) {
      AppendUtf8(code, out);
      return semicolon - i + 1;
    }
  }
  return 0;
}

bool IsBlockTag(absl::string_view tag) {
  static constexpr absl::string_view kBlocks[] = {"p",  "div", "br", "li", "tr",  "h1",
                                                 "h2", "h3",  "h4", "h5", "h6",  "blockquote",
                                                 "ul", "ol",  "table", "pre", "hr", "section"};
  for (const auto block : kBlocks) {
    if (tag == block) return true;
  }
  return false;
}

}  // namespace

std::string HtmlToText(absl::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      const size_t close = html.find('>', i);
      if (close == absl::string_view::npos) break;
      absl::string_view inside = html.substr(i + 1, close - i - 1);
      const bool closing = !inside.empty() && inside[0] == '/';
      if (closing) inside.remove_prefix(1);
      size_t name_end = 0;
      while (name_end < inside.size() && absl::ascii_isalnum(inside[name_end])) ++name_end;
      const std::string tag = absl::AsciiStrToLower(inside.substr(0, name_end));
      if (!closing && tag == "blockquote") {
        // A block quote in a message is the earlier conversation; skip it, nested ones too.
        int depth = 1;
        size_t at = close + 1;
        while (depth > 0) {
          const size_t next = html.find('<', at);
          if (next == absl::string_view::npos) {
            at = html.size();
            break;
          }
          const size_t next_close = html.find('>', next);
          if (next_close == absl::string_view::npos) {
            at = html.size();
            break;
          }
          const absl::string_view inner = html.substr(next + 1, next_close - next - 1);
          if (absl::StartsWithIgnoreCase(inner, "blockquote")) ++depth;
          if (absl::StartsWithIgnoreCase(inner, "/blockquote")) --depth;
          at = next_close + 1;
        }
        out += '\n';
        i = at;
        continue;
      }
      if (!closing && (tag == "script" || tag == "style")) {
        const std::string end_tag = "</" + tag;
        size_t end = close;
        while (true) {
          end = html.find('<', end + 1);
          if (end == absl::string_view::npos) break;
          if (absl::StartsWithIgnoreCase(html.substr(end), end_tag)) break;
        }
        if (end == absl::string_view::npos) break;
        const size_t end_close = html.find('>', end);
        i = end_close == absl::string_view::npos ? html.size() : end_close + 1;
        continue;
      }
      if (IsBlockTag(tag)) out += '\n';
      i = close + 1;
    } else if (c == '&') {
      const size_t consumed = DecodeEntity(html, i, out);
      if (consumed == 0) {
        out += '&';
        ++i;
      } else {
        i += consumed;
      }
    } else {
      out += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
      ++i;
    }
  }
  return TidyText(out);
}

std::string TidyText(absl::string_view text) {
  // Written through a pointer into a buffer of the input's size: the output is never
  // longer (a space is only written for whitespace that wrote nothing).
  std::string out(text.size(), '\0');
  char* const begin = out.data();
  char* w = begin;
  int newlines = 0;
  bool pending_space = false;
  const auto visible = [](unsigned char byte) { return byte > ' ' && byte != 0x7F; };  // or UTF-8
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (visible(byte)) {
      if (pending_space && w != begin && w[-1] != '\n') *w++ = ' ';
      pending_space = false;
      newlines = 0;
      // A word at a time: the common case, copied in a tight loop.
      *w++ = text[i++];
      while (i < n && visible(static_cast<unsigned char>(text[i]))) *w++ = text[i++];
      continue;
    }
    ++i;
    if (byte == '\n') {
      while (w != begin && w[-1] == ' ') --w;
      pending_space = false;
      if (++newlines <= 3 && w != begin) *w++ = '\n';
      continue;
    }
    if (byte == ' ' || byte == '\t' || byte == '\r' || byte == '\f' || byte == '\v') pending_space = true;
    // Other control bytes are dropped.
  }
  while (w != begin && (w[-1] == '\n' || w[-1] == ' ')) --w;
  out.resize(static_cast<size_t>(w - begin));
  return out;
}

std::string FoldPunctuation(absl::string_view text) {
  static constexpr std::pair<absl::string_view, absl::string_view> kFolds[] = {
      {"\xE2\x80\x98", "'"}, {"\xE2\x80\x99", "'"},   {"\xE2\x80\x9C", "\""},
      {"\xE2\x80\x9D", "\""}, {"\xE2\x80\x93", "-"},  {"\xE2\x80\x94", "-"},
      {"\xE2\x80\xA6", "..."}, {"\xC2\xA0", " "},       {"\xE2\x80\x8B", ""}};
  // Every fold starts with one of these two bytes; most texts have neither.
  if (text.find('\xE2') == absl::string_view::npos && text.find('\xC2') == absl::string_view::npos) {
    return std::string(text);
  }
  // Byte by byte, folding a sequence as soon as its last byte is out. The output holds no
  // sequence before each byte, so one can only end at that byte, and dropping one (the
  // zero-width space) cannot leave another behind: folding the result changes nothing.
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    out += c;
    if (static_cast<unsigned char>(c) < 0x80) continue;  // every fold ends in a continuation byte
    for (const auto& [from, to] : kFolds) {
      if (absl::EndsWith(out, from)) {
        out.resize(out.size() - from.size());
        out.append(to.data(), to.size());
        break;
      }
    }
  }
  return out;
}

namespace {

std::vector<absl::string_view> Lines(absl::string_view text) {
  return absl::StrSplit(text, '\n');
}

std::string JoinLines(const std::vector<absl::string_view>& lines, size_t count) {
  std::string out;
  for (size_t i = 0; i < count && i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out.append(lines[i].data(), lines[i].size());
  }
  return out;
}

// Words of which every attribution line has one.
constexpr absl::string_view kAttributionWords[] = {"wrote", "crit", "schrieb", "escribi", "schreef", "--"};

bool MayBeAttribution(absl::string_view line, absl::string_view next) {
  for (const absl::string_view text : {line, next}) {
    for (const absl::string_view word : kAttributionWords) {
      if (ContainsIgnoreCase(text, word)) return true;
    }
  }
  return false;
}

bool IsAttribution(absl::string_view line, absl::string_view next) {
  if (!MayBeAttribution(line, next)) return false;
  static const RE2* re = new RE2(
      R"((?i)^\s*(?:on\s.{4,250}\swrote:|le\s.{4,250}\sa\s\x{e9}crit\s?:|am\s.{4,250}\sschrieb.{0,80}:|el\s.{4,250}\sescribi\x{f3}:|op\s.{4,250}\sschreef.{0,80}:)\s*$)");
  static const RE2* separator =
      new RE2(R"((?i)^\s*-{2,}\s*(?:original message|forwarded message|urspr\x{fc}ngliche nachricht)\s*-{2,}\s*$)");
  const std::string joined = absl::StrCat(line, " ", next);
  return RE2::FullMatch(re2::StringPiece(line.data(), line.size()), *re) ||
         (absl::StartsWithIgnoreCase(absl::StripLeadingAsciiWhitespace(line), "on ") &&
          RE2::FullMatch(joined, *re)) ||
         RE2::FullMatch(re2::StringPiece(line.data(), line.size()), *separator);
}

// An Outlook header block: "From: ..." followed within four lines by Sent:/Date:/To:/Subject:.
bool IsHeaderBlock(const std::vector<absl::string_view>& lines, size_t i) {
  const absl::string_view first = absl::StripLeadingAsciiWhitespace(lines[i]);
  if (!absl::StartsWithIgnoreCase(first, "from:") && !absl::StartsWithIgnoreCase(first, "de:") &&
      !absl::StartsWithIgnoreCase(first, "von:")) {
    return false;
  }
  for (size_t k = i + 1; k < lines.size() && k <= i + 4; ++k) {
    const absl::string_view line = absl::StripLeadingAsciiWhitespace(lines[k]);
    for (const absl::string_view key : {"sent:", "date:", "to:", "subject:", "gesendet:", "envoy\xC3\xA9:"}) {
      if (absl::StartsWithIgnoreCase(line, key)) return true;
    }
  }
  return false;
}

bool IsClosing(absl::string_view line);

// Whether lines[i] signs off the text that ends before lines[end]: a closing followed only
// by a short block (name, title, company, phone).
bool IsSignOff(const std::vector<absl::string_view>& lines, size_t i, size_t end) {
  return end - i - 1 <= 6 &&
         std::all_of(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, lines.begin() + static_cast<std::ptrdiff_t>(end),
                     [](absl::string_view l) { return l.size() <= 60; }) &&
         IsClosing(lines[i]);
}

bool IsClosing(absl::string_view line) {
  if (line.size() > 40) return false;
  static const RE2* re = new RE2(
      R"((?i)^\s*(?:best(?: regards| wishes)?|kind regards|warm regards|regards|many thanks|thanks(?: again| so much| a lot)?|thank you(?: so much)?|cheers|sincerely|yours(?: truly| sincerely)?|all the best|talk soon|br|mit freundlichen gr\x{fc}\x{df}en|viele gr\x{fc}\x{df}e|cordialement|saludos)\s*[,.!]?\s*$)");
  return RE2::FullMatch(re2::StringPiece(line.data(), line.size()), *re);
}

}  // namespace

std::string StripQuotedReply(absl::string_view text) {
  // Every quote marker has a ':' (attributions, header blocks), "--" (separators) or '>'
  // (quoted lines); most messages have none of them.
  if (text.find(':') == absl::string_view::npos && text.find('>') == absl::string_view::npos &&
      text.find("--") == absl::string_view::npos) {
    return std::string(text);
  }
  // Then the words every marker needs.
  const std::string lower = LowerAscii(text);
  // The attribution words (in kAttributionWords order), then the header keys.
  static const LiteralSet* kMarkers = new LiteralSet(
      {"wrote", "crit", "schrieb", "escribi", "schreef", "--", "from:", "de:", "von:"});
  static_assert(std::size(kAttributionWords) == 6);
  const LiteralSet::Found found = kMarkers->Find(lower);
  const bool may_attribute = (found & LiteralSet::Found(0b000111111)).any();
  const bool may_header = (found & LiteralSet::Found(0b111000000)).any();
  if (!may_attribute && !may_header && text.find('>') == absl::string_view::npos) {
    return std::string(text);
  }
  const std::vector<absl::string_view> lines = Lines(text);
  std::vector<absl::string_view> kept;
  for (size_t i = 0; i < lines.size(); ++i) {
    const absl::string_view next = i + 1 < lines.size() ? lines[i + 1] : absl::string_view();
    if ((may_attribute && IsAttribution(lines[i], next)) || (may_header && IsHeaderBlock(lines, i))) break;
    if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(lines[i]), ">")) continue;
    kept.push_back(lines[i]);
  }
  if (kept.size() == lines.size()) return std::string(text);  // nothing quoted; already tidy
  std::string out = TidyText(JoinLines(kept, kept.size()));
  return out.empty() ? std::string(text) : out;
}

std::string StripSignature(absl::string_view text) {
  if (text.find('\n') == absl::string_view::npos) return std::string(text);  // a signature follows a line break
  const std::vector<absl::string_view> lines = Lines(text);
  static const RE2* sent_from = new RE2(
      R"((?i)^\s*(?:sent from my \w+.*|sent from (?:outlook|mail) for \w+.*|get outlook for \w+.*|sent via \w+.*)$)");
  for (size_t i = 1; i < lines.size(); ++i) {
    const absl::string_view line = lines[i];
    const absl::string_view start = absl::StripLeadingAsciiWhitespace(line);
    bool cut = line == "--" || line == "-- " || line == "__" ||
               ((absl::StartsWithIgnoreCase(start, "sent ") || absl::StartsWithIgnoreCase(start, "get ")) &&
                RE2::FullMatch(re2::StringPiece(line.data(), line.size()), *sent_from));
    if (!cut) cut = IsSignOff(lines, i, lines.size());
    if (!cut) continue;
    std::string out = TidyText(JoinLines(lines, i));
    if (out.empty()) continue;
    // Cutting here can make a closing just above a sign-off too (what follows it is short
    // now): keep cutting, so that what is left has no signature.
    for (size_t earlier = i > 7 ? i - 7 : 1; earlier < i; ++earlier) {
      if (!IsSignOff(lines, earlier, i)) continue;
      std::string shorter = TidyText(JoinLines(lines, earlier));
      if (shorter.empty()) continue;
      out = std::move(shorter);
      i = earlier;
      earlier = i > 7 ? i - 8 : 0;  // look above the new cut (the loop adds one)
    }
    return out;
  }
  return std::string(text);
}

std::string CutQuotesAndSignatures(absl::string_view text) {
  std::string cut(text);
  // Each cut can expose another (a quoted line gone joins its neighbours; a shorter tail
  // makes a closing above it a sign-off), and each removes at least one line; a few rounds
  // reach the text no cut changes.
  for (int round = 0; round < 8; ++round) {
    std::string again = StripSignature(StripQuotedReply(cut));
    if (again == cut) break;
    cut = std::move(again);
  }
  return cut;
}

namespace {

// Plain text with typographic punctuation folded and whitespace tidied, such that doing it
// again changes nothing: control bytes go before folding (dropping one can bring the bytes
// of a typographic character together), and folding is tidied after (a non-breaking space
// becomes a space).
std::string CleanText(absl::string_view text) {
  if (text.find('\xE2') == absl::string_view::npos && text.find('\xC2') == absl::string_view::npos) {
    return TidyText(text);  // nothing to fold, now or after tidying
  }
  return TidyText(FoldPunctuation(TidyText(text)));
}

}  // namespace

core::Ticket Normalize(core::Ticket ticket) {
  ticket.subject = CleanText(ticket.subject);
  for (core::Message& message : ticket.messages) {
    // Entities are decoded first, so "&rsquo;" is folded like the character itself.
    const std::string text = CleanText(message.body_text.empty() && !message.body_html.empty()
                                           ? HtmlToText(message.body_html)
                                           : message.body_text);
    message.body_text = CutQuotesAndSignatures(text);
    message.body_html.clear();
  }
  return ticket;
}

}  // namespace debrief::analysis
