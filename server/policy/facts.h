// Facts: the named values escalation rules are written against ("ticket.priority",
// "account.arr", "tags", "text.customer"...). The catalog lists every fact a rule may
// name, with its type; rules naming anything else are rejected when loaded.
#ifndef DEBRIEF_SERVER_POLICY_FACTS_H_
#define DEBRIEF_SERVER_POLICY_FACTS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/core/debriefing.h"

namespace debrief::policy {

enum class FactType {
  // A number; `levels` optionally names ordinal values (levels[i] == i + 1).
  kNumber,
  // A word or short string, compared case-insensitively.
  kWord,
  // A set of words (tags, competitor names, signal kinds).
  kList,
  // Free text searched with contains / matches, with evidence spans.
  kText,
  // true or false.
  kBool,
};

// One fact a rule may name.
struct FactSpec {
  std::string name;
  FactType type = FactType::kNumber;
  std::string description;
  // For ordinal numbers: the names of 1, 2, 3... (e.g. low, normal, high, urgent).
  std::vector<std::string> levels;
};

// Every fact rules may name, in documentation order.
const std::vector<FactSpec>& FactCatalog();
// The spec of `name`, or nullptr.
const FactSpec* FindFact(absl::string_view name);

// A span of text a text fact searches, with the message index evidence refers to.
struct TextPart {
  int message_index = core::kSubjectIndex;
  std::string text;
};

// The value of one fact for one decision. Only the member matching the type is used.
struct FactValue {
  double number = 0;
  std::string word;
  std::vector<std::string> items;
  std::vector<TextPart> text;
  bool boolean = false;
  // Evidence for list items, by item (e.g. a suggested tag's evidence).
  std::map<std::string, std::vector<core::Evidence>> item_evidence;
  // Evidence for the fact as a whole (numbers and words).
  std::vector<core::Evidence> evidence;
};

// The facts of one decision. Absent facts make every condition on them false except
// `exists`, which is false too. Thread-compatible.
class Facts {
 public:
  void SetNumber(std::string name, double value, std::vector<core::Evidence> evidence = {});
  void SetWord(std::string name, std::string value);
  void SetList(std::string name, std::vector<std::string> items,
               std::map<std::string, std::vector<core::Evidence>> item_evidence = {});
  void SetText(std::string name, std::vector<TextPart> parts);
  void SetBool(std::string name, bool value);

  // The value of `name`, or nullptr when absent.
  const FactValue* Get(absl::string_view name) const;
  // Display form of a fact for reason templates ("" when absent).
  std::string Display(absl::string_view name) const;

 private:
  std::map<std::string, FactValue, std::less<>> values_;
};

}  // namespace debrief::policy

#endif  // DEBRIEF_SERVER_POLICY_FACTS_H_
