#include "server/analysis/tag_scorer.h"

#include <algorithm>

namespace debrief::analysis {

std::vector<core::Label> SelectSuggestions(std::vector<core::Label> scored, const Taxonomy& taxonomy,
                                           double threshold, int max_tags) {
  std::vector<std::pair<int, core::Label>> kept;
  for (core::Label& label : scored) {
    const int index = taxonomy.Find(label.value);
    if (index < 0 || !taxonomy.nodes()[index].suggest || label.confidence < threshold) continue;
    kept.emplace_back(index, std::move(label));
  }
  std::vector<core::Label> out;
  for (size_t i = 0; i < kept.size(); ++i) {
    bool has_suggested_descendant = false;
    for (size_t j = 0; j < kept.size() && !has_suggested_descendant; ++j) {
      has_suggested_descendant = i != j && taxonomy.IsAncestor(kept[i].first, kept[j].first);
    }
    if (has_suggested_descendant) continue;
    core::Label label = std::move(kept[i].second);
    label.description = taxonomy.nodes()[kept[i].first].description;
    out.push_back(std::move(label));
  }
  std::stable_sort(out.begin(), out.end(), [](const core::Label& a, const core::Label& b) {
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return a.value < b.value;
  });
  if (max_tags >= 0 && static_cast<int>(out.size()) > max_tags) out.resize(max_tags);
  return out;
}

}  // namespace debrief::analysis
