// Converters between the Debrief service's request/response messages and the core
// types the service hands to its backends.
#ifndef DEBRIEF_SERVER_CODEC_SERVICE_CODEC_H_
#define DEBRIEF_SERVER_CODEC_SERVICE_CODEC_H_

#include "debrief/v1/debrief_service.pb.h"
#include "server/core/tag_suggester.h"

namespace debrief::codec {

core::Feedback FeedbackFromProto(const v1::RecordFeedbackRequest& request);
void FeedbackResultToProto(const core::FeedbackResult& result, v1::RecordFeedbackResponse& out);
void SuggestionToProto(const core::Suggestion& suggestion, v1::SuggestTagsResponse& out);

}  // namespace debrief::codec

#endif  // DEBRIEF_SERVER_CODEC_SERVICE_CODEC_H_
