#include "server/codec/insight_codec.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "server/codec/ticket_codec.h"

namespace debrief::codec {
namespace {

constexpr absl::string_view kCursorPrefix = "seq_";

}  // namespace

void InsightToProto(const core::Insight& insight, v1::Insight& out) {
  out.set_insight_id(insight.insight_id);
  out.set_kind(insight.kind);
  out.set_audience(static_cast<v1::Team>(insight.audience));
  out.set_account_id(insight.account_id);
  out.set_ticket_id(insight.ticket_id);
  out.set_decision_id(insight.decision_id);
  TimeToProto(insight.created_at, *out.mutable_created_at());
  if (!google::protobuf::util::JsonStringToMessage(insight.body_json, out.mutable_body()).ok()) {
    out.clear_body();
  }
  out.set_cursor(InsightCursor(insight.sequence));
}

std::string InsightCursor(int64_t sequence) { return absl::StrCat(kCursorPrefix, sequence); }

absl::StatusOr<int64_t> ParseInsightCursor(absl::string_view cursor, absl::string_view path) {
  if (cursor.empty()) return 0;
  int64_t sequence = 0;
  if (!absl::StartsWith(cursor, kCursorPrefix) ||
      !absl::SimpleAtoi(cursor.substr(kCursorPrefix.size()), &sequence) || sequence < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": \"", cursor.substr(0, 64),
                     "\" is not a cursor from this server (pass an Insight.cursor back as it is)"));
  }
  return sequence;
}

}  // namespace debrief::codec
