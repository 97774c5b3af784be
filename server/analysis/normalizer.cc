#include "server/analysis/normalizer.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"

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
  std::string out;
  out.reserve(text.size());
  int newlines = 0;
  bool pending_space = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      pending_space = false;
      if (++newlines <= 3 && !out.empty()) out += '\n';
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = true;
      continue;
    }
    if (byte < 0x20 || byte == 0x7F) continue;
    if (pending_space && !out.empty() && out.back() != '\n') out += ' ';
    pending_space = false;
    newlines = 0;
    out += c;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

core::Ticket Normalize(core::Ticket ticket) {
  ticket.subject = TidyText(ticket.subject);
  for (core::Message& message : ticket.messages) {
    if (message.body_text.empty() && !message.body_html.empty()) {
      message.body_text = HtmlToText(message.body_html);
    } else {
      message.body_text = TidyText(message.body_text);
    }
    message.body_html.clear();
  }
  return ticket;
}

}  // namespace debrief::analysis
