#include "server/rpc/backfill_reactor.h"

#include "absl/strings/str_cat.h"
#include "server/codec/ticket_codec.h"
#include "server/rpc/request_validation.h"
#include "server/rpc/status_conversion.h"

namespace debrief::rpc {
namespace {

// Rejections reported in full; later ones are only counted.
constexpr int kMaxReportedErrors = 100;

}  // namespace

BackfillReactor::BackfillReactor(core::CloseHandler& closer, common::WorkerPool& workers,
                                 Admission::Ticket call, const config::LimitsOptions& limits,
                                 v1::BackfillResponse* response)
    : closer_(closer), workers_(workers), call_(std::move(call)), limits_(limits), response_(response) {
  StartRead(&request_);
}

void BackfillReactor::OnReadDone(bool ok) {
  if (!ok) {
    // The client half-closed (or went away): everything read has been handled.
    End(absl::OkStatus());
    return;
  }
  const int64_t index = response_->received();
  response_->set_received(index + 1);
  if (absl::Status status = ValidateTicket(request_.ticket(), TicketUse::kClose, limits_, "ticket");
      !status.ok()) {
    Reject(index, request_.ticket().ticket_id(), status);
    StartRead(&request_);
    return;
  }
  const bool queued = workers_.TrySubmit(common::WorkerTask{
      .run = [this, index] { Record(index, request_.ticket()); },
      .cancel = [this] { End(absl::UnavailableError("server is shutting down; resume the backfill later")); },
  });
  if (!queued) End(absl::ResourceExhaustedError("server is busy; retry the backfill with backoff"));
}

void BackfillReactor::Record(int64_t index, const v1::Ticket& ticket) {
  absl::StatusOr<core::Debriefing> debriefing =
      closer_.Close(codec::TicketFromProto(ticket), core::CloseMode::kBackfill);
  if (debriefing.ok()) {
    if (debriefing->replayed) {
      response_->set_duplicates(response_->duplicates() + 1);
    } else {
      response_->set_recorded(response_->recorded() + 1);
      // Tags that map to taxonomy nodes are the labels learned.
      const int64_t known = static_cast<int64_t>(ticket.tags_size()) -
                            static_cast<int64_t>(debriefing->unknown_helpdesk_tags.size());
      response_->set_trained(response_->trained() + std::max<int64_t>(0, known));
    }
  } else if (debriefing.status().code() == absl::StatusCode::kInvalidArgument) {
    Reject(index, ticket.ticket_id(), debriefing.status());
  } else {
    // Storage is failing: stop, so the client resumes from what is recorded (closes are
    // idempotent, a resent ticket counts as a duplicate).
    End(absl::Status(debriefing.status().code(),
                     absl::StrCat("ticket ", index, ": ", debriefing.status().message(),
                                  "; the ", response_->recorded(),
                                  " recorded before it stay recorded")));
    return;
  }
  StartRead(&request_);
}

void BackfillReactor::Reject(int64_t index, const std::string& ticket_id, const absl::Status& status) {
  response_->set_rejected(response_->rejected() + 1);
  if (response_->errors_size() >= kMaxReportedErrors) return;
  v1::BackfillError* error = response_->add_errors();
  error->set_index(index);
  error->set_ticket_id(ticket_id);
  error->set_error(std::string(status.message()));
}

void BackfillReactor::End(const absl::Status& status) {
  call_.Finish(status.code());
  Finish(ToGrpcStatus(status));
}

}  // namespace debrief::rpc
