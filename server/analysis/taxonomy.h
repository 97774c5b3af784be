// The compiled tag taxonomy: node lookup, hierarchy and the mapping from helpdesk tag
// names (aliases) to nodes. Immutable once built; shared by the taggers.
//
//   auto taxonomy = Taxonomy::Create(config.taxonomy);
//   std::optional<std::string> node = (*taxonomy)->MapHelpdeskTag("double_charge");
#ifndef DEBRIEF_SERVER_ANALYSIS_TAXONOMY_H_
#define DEBRIEF_SERVER_ANALYSIS_TAXONOMY_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/config/taxonomy_options.h"

namespace debrief::analysis {

// Thread-safe (immutable).
class Taxonomy {
 public:
  struct Node {
    std::string id;
    std::string description;
    // Index of the parent node, or -1 for a root. Implicit parents are materialized.
    int parent = -1;
    // Whether rules and models may suggest it.
    bool suggest = true;
    // Index into options.tags, or -1 for an implicit parent.
    int options_index = -1;
  };

  // INVALID_ARGUMENT for an inconsistent taxonomy (config validation normally catches it).
  static absl::StatusOr<std::shared_ptr<const Taxonomy>> Create(
      const config::TaxonomyOptions& options);

  const std::vector<Node>& nodes() const { return nodes_; }
  // Index of `id`, or -1.
  int Find(absl::string_view id) const;
  // The node `helpdesk_tag` means: a configured alias (case-insensitive), else a node id
  // written with '/', ':' or '__' separators. nullopt when unknown.
  std::optional<std::string> MapHelpdeskTag(absl::string_view helpdesk_tag) const;
  // True if `ancestor` is a strict ancestor of `node` (both indices).
  bool IsAncestor(int ancestor, int node) const;

 private:
  Taxonomy() = default;

  std::vector<Node> nodes_;
  std::unordered_map<std::string, int> index_;
  std::unordered_map<std::string, int> aliases_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_TAXONOMY_H_
