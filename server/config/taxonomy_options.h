// The hierarchical tag taxonomy (`taxonomy:` section): the label space of suggested tags,
// with the rules that give a cold start before the learned model has data, and the
// helpdesk tag names each node maps to.
#ifndef DEBRIEF_SERVER_CONFIG_TAXONOMY_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_TAXONOMY_OPTIONS_H_

#include <string>
#include <vector>

namespace debrief::config {

// One node of the taxonomy.
struct TaxonomyNode {
  // Slash-separated path, e.g. "billing/refund/double-charge". Parents need not be listed;
  // they exist implicitly. Lowercase letters, digits, '-', '_' per segment.
  std::string id;
  // What the tag means, shown to agents.
  std::string description;
  // Words or phrases that suggest this tag, matched case-insensitively on word boundaries.
  std::vector<std::string> keywords;
  // RE2 patterns that suggest this tag (case-sensitive unless written with (?i)).
  std::vector<std::string> patterns;
  // Helpdesk tag names that mean this node (aliases), e.g. "double_charge".
  std::vector<std::string> helpdesk_tags;
  // Whether rules may suggest this tag; false for pure grouping nodes. Default true.
  bool suggest = true;
};

struct TaxonomyOptions {
  // The nodes, in file order.
  std::vector<TaxonomyNode> tags;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_TAXONOMY_OPTIONS_H_
