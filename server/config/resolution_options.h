// The label spaces of fix category (how the ticket was resolved) and root cause (why the
// customer had to write), with the rules that assign them (`resolution:` section). The
// learned tagger may later serve the same label spaces.
#ifndef DEBRIEF_SERVER_CONFIG_RESOLUTION_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_RESOLUTION_OPTIONS_H_

#include <string>
#include <vector>

namespace debrief::config {

// One label and the rules that support it. Phrases are matched on word boundaries,
// case-insensitively ("*" ends a prefix, "#" is a number); a negated phrase ("not a bug")
// does not count.
struct ResolutionLabelOptions {
  // The label, e.g. "how-to" or "product-defect". Lowercase a-z, 0-9, '-', '_'. Required.
  std::string value;
  // What it means, returned as Label.description.
  std::string description;
  // Phrases that count in agent replies and internal notes; the agent's last public
  // reply counts most (it usually states the fix).
  std::vector<std::string> agent_phrases;
  // Phrases that count in the subject and customer messages.
  std::vector<std::string> customer_phrases;
  // RE2 patterns that count in any text.
  std::vector<std::string> patterns;
};

struct ResolutionOptions {
  // Labels of `fix_category:` in file order. Default none (fix category abstains).
  std::vector<ResolutionLabelOptions> fix_category;
  // Labels of `root_cause:` in file order. Default none (root cause abstains).
  std::vector<ResolutionLabelOptions> root_cause;
  // Confidence below which the classifier abstains. Default 0.5.
  double min_confidence = 0.5;
  // How much the best label's confidence must exceed the runner-up's; closer calls
  // abstain. Default 0.1.
  double min_margin = 0.1;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_RESOLUTION_OPTIONS_H_
