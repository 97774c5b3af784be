#include "server/config/competitor_options.h"

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/config/phrase_list.h"
#include "server/config/section_parsers.h"

namespace debrief::config {

absl::Status ParseCompetitorsOptions(YamlMap& map, CompetitorsOptions& out) {
  std::map<std::string, std::string> owner;
  return map.ReadEach("tracked", [&](YamlMap& item) {
    CompetitorOptions competitor;
    DEBRIEF_RETURN_IF_ERROR(item.Read("name", competitor.name));
    DEBRIEF_RETURN_IF_ERROR(ReadPhrases(item, "aliases", competitor.aliases));
    DEBRIEF_RETURN_IF_ERROR(ReadPhrases(item, "products", competitor.products));
    DEBRIEF_RETURN_IF_ERROR(item.Read("case_sensitive", competitor.case_sensitive));
    if (absl::StripAsciiWhitespace(competitor.name).empty()) {
      return ConfigError(JoinPath(item.path(), "name"), "is required");
    }
    std::vector<std::string> names = {competitor.name};
    names.insert(names.end(), competitor.aliases.begin(), competitor.aliases.end());
    names.insert(names.end(), competitor.products.begin(), competitor.products.end());
    for (const std::string& name : names) {
      const std::string key = absl::AsciiStrToLower(absl::StripAsciiWhitespace(name));
      auto [it, inserted] = owner.emplace(key, competitor.name);
      if (!inserted && it->second != competitor.name) {
        return ConfigError(item.path(), absl::StrCat("\"", name, "\" already names competitor \"",
                                                     it->second, "\""));
      }
    }
    out.competitors.push_back(std::move(competitor));
    return absl::OkStatus();
  });
}

}  // namespace debrief::config
