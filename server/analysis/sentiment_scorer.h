// Customer sentiment: a score in [-1, 1], a label and its evidence for every customer
// message, and the ticket's trajectory (start, end, delta = the change in the customer's
// confidence). Lexical: the VADER lexicon (third_party/vader-sentiment, MIT/Apache-2.0)
// with VADER's rules for negation, intensifiers, capitals, exclamation and "but", plus
// support language: idioms ("still not working" is worse than "not working", "that fixed
// it" is praise), words that carry no sentiment in a support desk ("support", "help",
// "please"), politeness that does not make an angry message positive ("Thanks, but this
// is the third time..."), questions, and sarcasm markers that turn praise around.
//
//   SentimentScorer scorer;
//   core::Sentiment sentiment = scorer.Score(ScanTicket(prepared));
#ifndef DEBRIEF_SERVER_ANALYSIS_SENTIMENT_SCORER_H_
#define DEBRIEF_SERVER_ANALYSIS_SENTIMENT_SCORER_H_

#include <vector>

#include "absl/types/span.h"
#include "server/analysis/phrase_matcher.h"
#include "server/analysis/scanned_text.h"
#include "server/core/debriefing.h"

namespace debrief::analysis {

// The sentiment of one text.
struct TextSentiment {
  // [-1, 1].
  double score = 0;
  core::SentimentLabel label = core::SentimentLabel::kNeutral;
  // 0..1.
  double confidence = 0;
  // Byte ranges of the phrases that moved the score most, strongest first (at most 3).
  std::vector<TextRange> evidence;
};

// Immutable after construction; thread-safe.
class SentimentScorer {
 public:
  // Scores at or above this are positive.
  static constexpr double kPositiveAt = 0.3;
  // Scores at or below this are negative.
  static constexpr double kNegativeAt = -0.25;

  SentimentScorer();

  TextSentiment ScoreText(const ScannedText& scan) const;

  // Sentiment of the customer messages among `segments` (subject and other authors are
  // ignored). Empty (no messages, label unspecified) when the customer wrote nothing.
  core::Sentiment Score(absl::Span<const ScannedSegment> segments) const;

 private:
  PhraseMatcher idioms_;
  std::vector<double> idiom_valence_;
  PhraseMatcher sarcasm_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_SENTIMENT_SCORER_H_
