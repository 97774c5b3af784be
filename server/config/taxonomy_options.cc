#include "server/config/taxonomy_options.h"

#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "re2/re2.h"
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

bool IsValidSegment(absl::string_view segment) {
  if (segment.empty() || segment.size() > 64) return false;
  for (const char c : segment) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-' || c == '_')) return false;
  }
  return true;
}

absl::Status ParseNode(YamlMap& map, TaxonomyNode& node) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("id", node.id));
  DEBRIEF_RETURN_IF_ERROR(map.Read("description", node.description));
  DEBRIEF_RETURN_IF_ERROR(map.Read("keywords", node.keywords));
  DEBRIEF_RETURN_IF_ERROR(map.Read("patterns", node.patterns));
  DEBRIEF_RETURN_IF_ERROR(map.Read("helpdesk_tags", node.helpdesk_tags));
  DEBRIEF_RETURN_IF_ERROR(map.Read("suggest", node.suggest));
  const std::string& path = map.path();
  if (node.id.empty()) return ConfigError(JoinPath(path, "id"), "is required");
  for (const absl::string_view segment : absl::StrSplit(node.id, '/')) {
    if (!IsValidSegment(segment)) {
      return ConfigError(JoinPath(path, "id"),
                         absl::StrCat("\"", node.id,
                                      "\": each /-separated part must be 1-64 characters of "
                                      "a-z, 0-9, '-' or '_'"));
    }
  }
  for (size_t i = 0; i < node.keywords.size(); ++i) {
    if (absl::StripAsciiWhitespace(node.keywords[i]).empty()) {
      return ConfigError(absl::StrCat(JoinPath(path, "keywords"), "[", i, "]"), "is empty");
    }
  }
  for (size_t i = 0; i < node.patterns.size(); ++i) {
    RE2 re(node.patterns[i], RE2::Quiet);
    if (!re.ok()) {
      return ConfigError(absl::StrCat(JoinPath(path, "patterns"), "[", i, "]"),
                         absl::StrCat("invalid RE2 pattern: ", re.error()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseTaxonomyOptions(YamlMap& map, TaxonomyOptions& out) {
  std::vector<TaxonomyNode> nodes;
  DEBRIEF_RETURN_IF_ERROR(map.ReadEach("tags", [&](YamlMap& item) {
    TaxonomyNode node;
    DEBRIEF_RETURN_IF_ERROR(ParseNode(item, node));
    nodes.push_back(std::move(node));
    return absl::OkStatus();
  }));
  std::set<std::string> ids;
  std::map<std::string, std::string> alias_owner;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const std::string path = absl::StrCat(JoinPath(map.path(), "tags"), "[", i, "]");
    if (!ids.insert(nodes[i].id).second) {
      return ConfigError(JoinPath(path, "id"), absl::StrCat("duplicate id \"", nodes[i].id, "\""));
    }
    for (size_t k = 0; k < nodes[i].helpdesk_tags.size(); ++k) {
      const std::string alias = absl::AsciiStrToLower(nodes[i].helpdesk_tags[k]);
      auto [it, inserted] = alias_owner.emplace(alias, nodes[i].id);
      if (!inserted && it->second != nodes[i].id) {
        return ConfigError(absl::StrCat(JoinPath(path, "helpdesk_tags"), "[", k, "]"),
                           absl::StrCat("helpdesk tag \"", alias, "\" already maps to \"",
                                        it->second, "\""));
      }
    }
  }
  out.tags = std::move(nodes);
  return absl::OkStatus();
}

}  // namespace debrief::config
