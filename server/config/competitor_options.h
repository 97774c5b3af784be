// The competitors whose mentions Sales hears about (`competitors:` section): each with
// the names, aliases and product names that identify it in text.
#ifndef DEBRIEF_SERVER_CONFIG_COMPETITOR_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_COMPETITOR_OPTIONS_H_

#include <string>
#include <vector>

namespace debrief::config {

struct CompetitorOptions {
  // Canonical name, reported as CompetitorMention.competitor; also matched. Required.
  std::string name;
  // Other names for the company ("MSFT"). Matched on word boundaries.
  std::vector<std::string> aliases;
  // Its product names ("Power BI"). Matched on word boundaries.
  std::vector<std::string> products;
  // Match name, aliases and products only with this exact capitalization; for names that
  // are also common words ("Front", "Notion"). Default false (case-insensitive).
  bool case_sensitive = false;
};

struct CompetitorsOptions {
  // `tracked:` in file order. Default none (competitor mentions are not extracted).
  std::vector<CompetitorOptions> competitors;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_COMPETITOR_OPTIONS_H_
