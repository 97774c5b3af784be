// How product feedback is found and attributed (`feedback_kinds:` section): the taxonomy
// subtrees that are product areas, and cue phrases per kind on top of the built-in ones.
#ifndef DEBRIEF_SERVER_CONFIG_FEEDBACK_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_FEEDBACK_OPTIONS_H_

#include <string>
#include <vector>

namespace debrief::config {

// Extra cues for one kind of feedback.
struct FeedbackCues {
  // Phrases matched on word boundaries, case-insensitively ("*" ends a prefix, "#" is a
  // number), e.g. "would love to see".
  std::vector<std::string> phrases;
  // RE2 patterns (case-sensitive unless written with (?i)).
  std::vector<std::string> patterns;
};

struct FeedbackOptions {
  // Taxonomy ids whose subtrees are product areas; feedback is attributed to the most
  // specific such node whose keywords appear in the same sentence, else in the ticket.
  // Default: every taxonomy node.
  std::vector<std::string> product_areas;
  // Extra cues, added to the built-in ones, per kind.
  FeedbackCues feature_request;
  FeedbackCues bug;
  FeedbackCues ux;
  FeedbackCues pricing;
  FeedbackCues docs;
  FeedbackCues question;
  // Confidence below which a piece of feedback is dropped. Default 0.5.
  double min_confidence = 0.5;
  // Most feedback items per ticket (the strongest are kept). Default 10.
  int max_items = 10;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_FEEDBACK_OPTIONS_H_
