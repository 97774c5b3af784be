#include "server/codec/service_codec.h"

#include "server/codec/debriefing_codec.h"

namespace debrief::codec {

core::Feedback FeedbackFromProto(const v1::RecordFeedbackRequest& request) {
  core::Feedback feedback;
  feedback.decision_id = request.decision_id();
  feedback.accepted.assign(request.accepted().begin(), request.accepted().end());
  feedback.rejected.assign(request.rejected().begin(), request.rejected().end());
  feedback.added.assign(request.added().begin(), request.added().end());
  feedback.agent_id = request.agent_id();
  return feedback;
}

void FeedbackResultToProto(const core::FeedbackResult& result, v1::RecordFeedbackResponse& out) {
  out.set_model_updates(result.model_updates);
  for (const std::string& tag : result.unknown_tags) out.add_unknown_tags(tag);
}

void SuggestionToProto(const core::Suggestion& suggestion, v1::SuggestTagsResponse& out) {
  out.set_decision_id(suggestion.decision_id);
  out.set_model_version(suggestion.model_version);
  for (const core::Label& label : suggestion.tags) LabelToProto(label, *out.add_tags());
}

}  // namespace debrief::codec
