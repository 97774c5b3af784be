// The one converter between core::Insight and the wire debrief.v1.Insight, and the
// StreamInsights cursor: an opaque string on the wire ("seq_" + the insight's feed
// sequence), parsed back here.
#ifndef DEBRIEF_SERVER_CODEC_INSIGHT_CODEC_H_
#define DEBRIEF_SERVER_CODEC_INSIGHT_CODEC_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "debrief/v1/insight.pb.h"
#include "server/core/insight.h"

namespace debrief::codec {

// `insight` with its cursor; a body that is not a JSON object is sent as an empty Struct.
void InsightToProto(const core::Insight& insight, v1::Insight& out);

// The cursor of the insight at feed position `sequence`.
std::string InsightCursor(int64_t sequence);
// The feed position `cursor` stands for; 0 for an empty cursor (from the start).
// INVALID_ARGUMENT naming `path` when it is not a cursor this server gave out.
absl::StatusOr<int64_t> ParseInsightCursor(absl::string_view cursor, absl::string_view path);

}  // namespace debrief::codec

#endif  // DEBRIEF_SERVER_CODEC_INSIGHT_CODEC_H_
