#include "server/rpc/insight_stream_reactor.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/codec/insight_codec.h"
#include "server/rpc/status_conversion.h"

namespace debrief::rpc {
namespace {

absl::Status ShuttingDown() {
  return absl::UnavailableError("server is shutting down; resume from the last cursor received");
}

}  // namespace

absl::StatusOr<storage::InsightQuery> InsightQueryFrom(const v1::StreamInsightsRequest& request) {
  storage::InsightQuery query;
  for (int i = 0; i < request.audiences_size(); ++i) {
    const v1::Team team = request.audiences(i);
    if (team == v1::TEAM_UNSPECIFIED || !v1::Team_IsValid(team)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "audiences[", i, "]: must be a team (TEAM_SUCCESS, TEAM_PRODUCT, TEAM_SALES, "
          "TEAM_ENGINEERING, TEAM_SUPPORT)"));
    }
    query.audiences.push_back(static_cast<core::Team>(team));
  }
  for (int i = 0; i < request.kinds_size(); ++i) {
    if (!core::IsInsightKind(request.kinds(i))) {
      return absl::InvalidArgumentError(absl::StrCat("kinds[", i, "]: \"", request.kinds(i).substr(0, 64),
                                                     "\" is not an insight kind"));
    }
    query.kinds.push_back(request.kinds(i));
  }
  absl::StatusOr<int64_t> after = codec::ParseInsightCursor(request.cursor(), "cursor");
  if (!after.ok()) return after.status();
  query.after_sequence = *after;
  return query;
}

InsightStreamReactor::InsightStreamReactor(InsightFeed& feed, common::WorkerPool& workers,
                                           storage::InsightQuery query)
    : feed_(feed), workers_(workers), query_(std::move(query)) {
  query_.limit = feed_.options().page_size;
  Fetch();
}

void InsightStreamReactor::Fetch() {
  if (feed_.stopping()) {
    End(ShuttingDown());
    return;
  }
  const bool queued = workers_.TrySubmit(common::WorkerTask{
      .run = [this] { ReadPage(); },
      .cancel = [this] { End(ShuttingDown()); },
  });
  if (!queued) {
    End(absl::ResourceExhaustedError("server is busy; resume from the last cursor received"));
  }
}

void InsightStreamReactor::ReadPage() {
  bool cancelled;
  {
    absl::MutexLock lock(&mu_);
    cancelled = cancelled_;
  }
  if (cancelled) {
    End(absl::CancelledError("cancelled by the client"));
    return;
  }
  storage::OutboxStore& outbox = feed_.outbox();
  // Read the last sequence first: every insight up to it is committed, so a short page
  // below means nothing matching up to it is left.
  absl::StatusOr<int64_t> last = outbox.LastSequence();
  if (!last.ok()) {
    End(last.status());
    return;
  }
  absl::StatusOr<std::vector<core::Insight>> page = outbox.ReadInsights(query_);
  if (!page.ok()) {
    End(page.status());
    return;
  }
  for (const core::Insight& insight : *page) {
    codec::InsightToProto(insight, pending_.emplace_back());
    query_.after_sequence = std::max(query_.after_sequence, insight.sequence);
  }
  if (static_cast<int>(page->size()) < query_.limit) {
    query_.after_sequence = std::max(query_.after_sequence, *last);
  }
  if (!pending_.empty()) {
    WriteNext();
    return;
  }
  absl::Status ended;
  {
    absl::MutexLock lock(&mu_);
    if (cancelled_) {
      ended = absl::CancelledError("cancelled by the client");
    } else {
      // The wake or stop callback takes `mu_` first, so it runs after this block.
      waiter_ = feed_.Wait(
          query_.after_sequence,
          [this] {
            {
              absl::MutexLock wake_lock(&mu_);
              waiter_.reset();
            }
            Fetch();
          },
          [this] {
            {
              absl::MutexLock stop_lock(&mu_);
              waiter_.reset();
            }
            End(ShuttingDown());
          });
      if (!waiter_.has_value()) ended = ShuttingDown();
    }
  }
  if (!ended.ok()) End(ended);
}

void InsightStreamReactor::WriteNext() {
  writing_ = std::move(pending_.front());
  pending_.pop_front();
  StartWrite(&writing_);
}

void InsightStreamReactor::OnWriteDone(bool ok) {
  bool cancelled;
  {
    absl::MutexLock lock(&mu_);
    cancelled = cancelled_;
  }
  if (!ok || cancelled) {
    End(absl::CancelledError("the client went away"));
  } else if (!pending_.empty()) {
    WriteNext();
  } else {
    Fetch();
  }
}

void InsightStreamReactor::OnCancel() {
  bool withdrawn = false;
  {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
    if (waiter_.has_value() && feed_.Cancel(*waiter_)) {
      waiter_.reset();
      withdrawn = true;
    }
  }
  // Otherwise the step in flight sees `cancelled_` and ends the call.
  if (withdrawn) End(absl::CancelledError("cancelled by the client"));
}

void InsightStreamReactor::End(const absl::Status& status) {
  {
    absl::MutexLock lock(&mu_);
    if (finished_) return;
    finished_ = true;
  }
  feed_.CloseStream();
  Finish(ToGrpcStatus(status));
}

}  // namespace debrief::rpc
