#include "server/digest/markdown_renderer.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "server/digest/digest_format.h"

namespace debrief::digest {
namespace {

// Markdown-significant characters in inline text escaped.
std::string Inline(absl::string_view text) {
  return absl::StrReplaceAll(OneLine(text), {{"\\", "\\\\"},
                                             {"*", "\\*"},
                                             {"_", "\\_"},
                                             {"`", "\\`"},
                                             {"[", "\\["},
                                             {"]", "\\]"},
                                             {"<", "&lt;"},
                                             {">", "&gt;"}});
}

void AppendItem(const core::DigestItem& item, int rank, std::string& out) {
  absl::StrAppend(&out, rank, ". **", Inline(item.title), "** — ", item.count,
                  item.count == 1 ? " ticket" : " tickets", " (", ChangeText(item.count, item.previous_count),
                  " vs ", item.previous_count, " the week before)");
  if (item.accounts > 0) {
    absl::StrAppend(&out, ", ", item.accounts, item.accounts == 1 ? " account" : " accounts");
  }
  if (item.arr_cents > 0) absl::StrAppend(&out, ", ARR ", FormatArr(item.arr_cents));
  out += "\n";
  const std::string figures = FiguresText(item);
  if (!figures.empty()) absl::StrAppend(&out, "   ", Inline(figures), "\n");
  for (const std::string& note : item.notes) absl::StrAppend(&out, "   - ", Inline(note), "\n");
  for (const std::string& quote : item.quotes) absl::StrAppend(&out, "   > “", Inline(quote), "”\n");
  if (!item.account_ids.empty() && item.account_ids.size() > 1) {
    std::vector<std::string> ids;
    for (const std::string& id : item.account_ids) ids.push_back(Inline(id));
    absl::StrAppend(&out, "   Accounts: ", absl::StrJoin(ids, ", "), "\n");
  }
  if (!item.ticket_urls.empty()) {
    std::vector<std::string> links;
    for (size_t i = 0; i < item.ticket_urls.size(); ++i) {
      const std::string& url = item.ticket_urls[i];
      const bool linkable = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
      links.push_back(linkable ? absl::StrCat("[#", i + 1, "](", absl::StrReplaceAll(url, {{")", "%29"}, {" ", "%20"}}), ")")
                               : absl::StrCat("`", absl::StrReplaceAll(url, {{"`", "'"}}), "`"));
    }
    absl::StrAppend(&out, "   Tickets: ", absl::StrJoin(links, " "), "\n");
  }
}

}  // namespace

std::string RenderMarkdown(const core::Digest& digest, const absl::TimeZone& zone) {
  std::string out = absl::StrCat("# ", DigestTitle(digest), "\n\n");
  absl::StrAppend(&out, "_", PeriodText(digest, zone), "_ · ", digest.tickets,
                  " tickets closed (", ChangeText(digest.tickets, digest.previous_tickets),
                  " vs the week before)\n");
  for (const core::DigestSection& section : digest.sections) {
    absl::StrAppend(&out, "\n## ", section.title, "\n\n");
    if (section.items.empty()) {
      out += "Nothing this week.\n";
      continue;
    }
    int rank = 0;
    for (const core::DigestItem& item : section.items) AppendItem(item, ++rank, out);
  }
  return out;
}

}  // namespace debrief::digest
