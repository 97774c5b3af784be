// libFuzzer target: arbitrary text through close-time analysis with the shipped config.
// The input is split at 0x1E (record separator) into the subject and messages, which
// alternate customer / agent. Invariants: preparing is idempotent (the contract every
// destination relies on), and every piece of evidence (facets and tags) lies inside the
// prepared text it names and quotes it exactly. A crash or sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "server/analysis/analyzer.h"
#include "server/analysis/rule_tagger.h"
#include "server/analysis/scanned_text.h"
#include "server/analysis/taxonomy.h"
#include "server/config/config_loader.h"

namespace debrief::fuzz {
namespace {

void Require(bool condition, const char* what) {
  if (!condition) {
    std::cerr << "analysis invariant broken: " << what << std::endl;
    std::abort();
  }
}

struct Pipeline {
  Pipeline() {
    auto config =
        config::LoadConfigFile(std::string(DEBRIEF_SOURCE_DIR_DEFAULT) + "/config/debrief.yaml");
    Require(config.ok(), "the shipped config loads");
    auto taxonomy = analysis::Taxonomy::Create(config->taxonomy);
    Require(taxonomy.ok(), "the shipped taxonomy builds");
    auto built_analyzer = analysis::Analyzer::Create(*config);
    Require(built_analyzer.ok(), "the analyzer builds");
    analyzer = std::move(*built_analyzer);
    auto built_tagger = analysis::RuleTagger::Create(config->taxonomy, *taxonomy);
    Require(built_tagger.ok(), "the rule tagger builds");
    tagger = std::move(*built_tagger);
  }
  std::unique_ptr<analysis::Analyzer> analyzer;
  std::unique_ptr<analysis::RuleTagger> tagger;
};

void RequireInside(const core::Ticket& ticket, const core::Evidence& evidence) {
  Require(evidence.message_index == core::kSubjectIndex ||
              (evidence.message_index >= 0 &&
               static_cast<size_t>(evidence.message_index) < ticket.messages.size()),
          "evidence names a message of the ticket");
  const std::string& text =
      evidence.message_index == core::kSubjectIndex
          ? ticket.subject
          : ticket.messages[static_cast<size_t>(evidence.message_index)].body_text;
  Require(evidence.start >= 0 && evidence.start <= evidence.end &&
              static_cast<size_t>(evidence.end) <= text.size(),
          "evidence lies inside its text");
  Require(text.compare(static_cast<size_t>(evidence.start),
                       static_cast<size_t>(evidence.end - evidence.start), evidence.quote) == 0,
          "evidence quotes its text exactly");
}

}  // namespace
}  // namespace debrief::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace debrief;  // NOLINT: a fuzz entry point
  static const fuzz::Pipeline* pipeline = new fuzz::Pipeline();
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  core::Ticket ticket;
  ticket.ticket_id = "fuzz";
  ticket.requester = {.id = "u-1", .email = "dana@acme-corp.com", .name = "Dana Whitfield"};
  bool first = true;
  for (const absl::string_view part : absl::StrSplit(input, '\x1e')) {
    if (first) {
      ticket.subject = std::string(part);
      first = false;
      continue;
    }
    core::Message message;
    message.author_role =
        ticket.messages.size() % 2 == 0 ? core::AuthorRole::kCustomer : core::AuthorRole::kAgent;
    message.body_text = std::string(part);
    ticket.messages.push_back(std::move(message));
  }

  const core::Ticket prepared = pipeline->analyzer->Prepare(ticket);
  const core::Ticket again = pipeline->analyzer->Prepare(prepared);
  fuzz::Require(again.subject == prepared.subject, "preparing the subject twice changes nothing");
  fuzz::Require(again.messages.size() == prepared.messages.size(), "preparing keeps the messages");
  for (size_t i = 0; i < prepared.messages.size(); ++i) {
    if (again.messages[i].body_text != prepared.messages[i].body_text) {
      std::cerr << "once:  \"" << absl::CHexEscape(prepared.messages[i].body_text)
                << "\"\ntwice: \"" << absl::CHexEscape(again.messages[i].body_text) << "\""
                << std::endl;
      fuzz::Require(false, "preparing a message twice changes nothing");
    }
  }

  const std::vector<analysis::ScannedSegment> scanned = analysis::ScanTicket(prepared);
  const core::Debriefing facets = pipeline->analyzer->Analyze(prepared, scanned);
  auto inside = [&](const core::Evidence& evidence) { fuzz::RequireInside(prepared, evidence); };
  for (const core::Label& tag : pipeline->tagger->Score(prepared, scanned)) {
    for (const core::Evidence& evidence : tag.evidence) inside(evidence);
  }
  for (const auto* label : {&facets.fix_category, &facets.root_cause}) {
    if (label->has_value()) {
      for (const core::Evidence& evidence : (*label)->evidence) inside(evidence);
    }
  }
  for (const core::MessageSentiment& message : facets.sentiment.messages) {
    for (const core::Evidence& evidence : message.evidence) inside(evidence);
  }
  for (const core::CompetitorMention& mention : facets.competitors) inside(mention.evidence);
  for (const core::ProductFeedback& feedback : facets.product_feedback) inside(feedback.evidence);
  for (const core::ErrorSignature& error : facets.errors) inside(error.evidence);
  for (const core::Signal& signal : facets.relationship.signals) inside(signal.evidence);
  return 0;
}
