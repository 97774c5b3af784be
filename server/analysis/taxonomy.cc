#include "server/analysis/taxonomy.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace debrief::analysis {

absl::StatusOr<std::shared_ptr<const Taxonomy>> Taxonomy::Create(
    const config::TaxonomyOptions& options) {
  std::shared_ptr<Taxonomy> taxonomy(new Taxonomy());
  // Materialize every prefix so the hierarchy is complete even when parents are implicit.
  auto ensure = [&](const std::string& id) -> int {
    int parent = -1;
    size_t pos = 0;
    while (true) {
      const size_t slash = id.find('/', pos);
      const std::string prefix = id.substr(0, slash);
      auto it = taxonomy->index_.find(prefix);
      if (it == taxonomy->index_.end()) {
        Node node;
        node.id = prefix;
        node.parent = parent;
        node.suggest = false;
        taxonomy->nodes_.push_back(node);
        it = taxonomy->index_.emplace(prefix, static_cast<int>(taxonomy->nodes_.size()) - 1).first;
      }
      parent = it->second;
      if (slash == std::string::npos) return parent;
      pos = slash + 1;
    }
  };
  for (size_t i = 0; i < options.tags.size(); ++i) {
    const config::TaxonomyNode& configured = options.tags[i];
    const int index = ensure(configured.id);
    Node& node = taxonomy->nodes_[index];
    if (node.options_index >= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("taxonomy: duplicate node \"", configured.id, "\""));
    }
    node.description = configured.description;
    node.suggest = configured.suggest;
    node.options_index = static_cast<int>(i);
    for (const std::string& alias : configured.helpdesk_tags) {
      taxonomy->aliases_[absl::AsciiStrToLower(alias)] = index;
    }
  }
  return std::shared_ptr<const Taxonomy>(std::move(taxonomy));
}

int Taxonomy::Find(absl::string_view id) const {
  auto it = index_.find(std::string(id));
  return it == index_.end() ? -1 : it->second;
}

std::optional<std::string> Taxonomy::MapHelpdeskTag(absl::string_view helpdesk_tag) const {
  const std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(helpdesk_tag));
  if (auto it = aliases_.find(lower); it != aliases_.end()) return nodes_[it->second].id;
  if (auto it = index_.find(lower); it != index_.end()) return nodes_[it->second].id;
  // Helpdesks that forbid '/' in tags: "billing::refund", "billing__refund".
  const std::string slashed = absl::StrReplaceAll(lower, {{"::", "/"}, {"__", "/"}, {":", "/"}});
  if (auto it = index_.find(slashed); it != index_.end()) return nodes_[it->second].id;
  return std::nullopt;
}

bool Taxonomy::IsAncestor(int ancestor, int node) const {
  for (int current = nodes_[node].parent; current >= 0; current = nodes_[current].parent) {
    if (current == ancestor) return true;
  }
  return false;
}

}  // namespace debrief::analysis
