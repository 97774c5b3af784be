// How suggestions are scored and cut off (`learning:` section).
#ifndef DEBRIEF_SERVER_CONFIG_LEARNING_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_LEARNING_OPTIONS_H_

namespace debrief::config {

struct LearningOptions {
  // Calibrated confidence below which a label is not suggested (the tagger abstains).
  // The same value means the same thing for every label and every source. Default 0.5.
  double threshold = 0.5;
  // Suggested tags returned when a request does not say. Default 5.
  int max_tags = 5;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_LEARNING_OPTIONS_H_
