#include "server/rpc/dead_letter_requests.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/codec/ticket_codec.h"
#include "server/core/insight.h"

namespace debrief::rpc {
namespace {

// Dead letters are listed oldest first by outbox row id; a page token is "dl_<last id>".
constexpr absl::string_view kPageTokenPrefix = "dl_";

absl::StatusOr<storage::DeadLetterQuery> FilterQuery(const v1::DeadLetterFilter& filter) {
  storage::DeadLetterQuery query;
  query.destination = filter.destination();
  query.kind = filter.kind();
  if (!query.kind.empty() && !core::IsInsightKind(query.kind)) {
    return absl::InvalidArgumentError(
        absl::StrCat("filter.kind: \"", query.kind.substr(0, 64), "\" is not an insight kind"));
  }
  if (filter.has_from()) {
    const google::protobuf::Timestamp& from = filter.from();
    if (from.nanos() < 0 || from.nanos() > 999999999) {
      return absl::InvalidArgumentError("filter.from: nanos must be in [0, 999999999]");
    }
    query.from = *codec::TimeFromProto(from, true);
  }
  if (filter.has_to()) {
    const google::protobuf::Timestamp& to = filter.to();
    if (to.nanos() < 0 || to.nanos() > 999999999) {
      return absl::InvalidArgumentError("filter.to: nanos must be in [0, 999999999]");
    }
    query.to = *codec::TimeFromProto(to, true);
  }
  if (query.to <= query.from) {
    return absl::InvalidArgumentError("filter.to: must be after filter.from");
  }
  return query;
}

}  // namespace

absl::StatusOr<storage::DeadLetterQuery> DeadLetterQueryFrom(const v1::ListDeadLettersRequest& request) {
  absl::StatusOr<storage::DeadLetterQuery> query = FilterQuery(request.filter());
  if (!query.ok()) return query.status();
  if (request.page_size() < 0 || request.page_size() > kMaxDeadLetterPageSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: must be in [0, ", kMaxDeadLetterPageSize, "] (0 means ",
                     kDefaultDeadLetterPageSize, ")"));
  }
  query->limit = request.page_size() > 0 ? request.page_size() : kDefaultDeadLetterPageSize;
  const std::string& token = request.page_token();
  if (!token.empty()) {
    int64_t after_id = 0;
    if (!absl::StartsWith(token, kPageTokenPrefix) ||
        !absl::SimpleAtoi(absl::string_view(token).substr(kPageTokenPrefix.size()), &after_id) ||
        after_id <= 0) {
      return absl::InvalidArgumentError("page_token: not a token from a previous response");
    }
    query->after_id = after_id;
  }
  return query;
}

absl::StatusOr<storage::DeadLetterQuery> DeadLetterQueryFrom(const v1::ReplayDeadLettersRequest& request) {
  if (request.enable_destination() && request.filter().destination().empty()) {
    return absl::InvalidArgumentError(
        "filter.destination: required with enable_destination (the destination to re-enable)");
  }
  return FilterQuery(request.filter());
}

void DeadLetterPageToProto(const std::vector<storage::OutboxEntry>& page,
                           const storage::DeadLetterQuery& query, v1::ListDeadLettersResponse& response) {
  for (const storage::OutboxEntry& entry : page) {
    v1::DeadLetter* out = response.add_dead_letters();
    out->set_id(entry.id);
    out->set_insight_id(entry.insight.insight_id);
    out->set_kind(entry.insight.kind);
    out->set_destination(entry.delivery.destination);
    out->set_account_id(entry.insight.account_id);
    out->set_attempts(entry.attempts);
    out->set_last_error(entry.last_error);
    codec::TimeToProto(entry.insight.created_at, *out->mutable_created_at());
    if (entry.finished_at.has_value()) codec::TimeToProto(*entry.finished_at, *out->mutable_dead_at());
  }
  if (!page.empty() && static_cast<int>(page.size()) >= query.limit) {
    response.set_next_page_token(absl::StrCat(kPageTokenPrefix, page.back().id));
  }
}

}  // namespace debrief::rpc
