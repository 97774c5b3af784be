// core::WebhookInbox in memory, with a switch that makes writes fail like a full or broken
// disk (UNAVAILABLE), for the route's and the worker's unit tests.
#ifndef DEBRIEF_TESTS_FAKES_IN_MEMORY_WEBHOOK_INBOX_H_
#define DEBRIEF_TESTS_FAKES_IN_MEMORY_WEBHOOK_INBOX_H_

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "server/core/webhook_inbox.h"

namespace debrief::testing {

// Thread-safe.
class InMemoryWebhookInbox final : public core::WebhookInbox {
 public:
  struct Row {
    core::InboxDelivery delivery;
    core::DeliveryRecord record;
    int attempts = 0;
    absl::Time next_attempt;
    // False once Complete or Fail dropped the ticket payload.
    bool has_ticket = true;
  };

  absl::StatusOr<core::AcceptOutcome> Accept(const core::InboxDelivery& delivery) override {
    absl::MutexLock lock(&mu_);
    if (failing_) return absl::UnavailableError("disk full");
    for (auto& [id, row] : rows_) {
      if (row.delivery.source == delivery.source &&
          row.delivery.delivery_key == delivery.delivery_key) {
        return core::AcceptOutcome{row.record, true};
      }
    }
    const int64_t id = next_id_++;
    Row row;
    row.delivery = delivery;
    row.record.id = id;
    row.next_attempt = delivery.received_at;
    rows_[id] = row;
    return core::AcceptOutcome{row.record, false};
  }

  absl::StatusOr<std::vector<core::InboxEntry>> Due(absl::Time now, int limit,
                                                    const std::vector<int64_t>& skip) override {
    absl::MutexLock lock(&mu_);
    std::vector<core::InboxEntry> due;
    for (const auto& [id, row] : rows_) {
      if (static_cast<int>(due.size()) >= limit) break;
      if (row.record.state != core::DeliveryState::kPending || row.next_attempt > now) continue;
      if (std::find(skip.begin(), skip.end(), id) != skip.end()) continue;
      due.push_back({id, row.delivery, row.attempts});
    }
    return due;
  }

  absl::Status Complete(int64_t id, absl::string_view result_json, absl::Time) override {
    absl::MutexLock lock(&mu_);
    if (failing_) return absl::UnavailableError("disk full");
    Row& row = rows_.at(id);
    row.record.state = core::DeliveryState::kDone;
    row.record.result_json = std::string(result_json);
    row.delivery.ticket = core::Ticket{};
    row.has_ticket = false;
    return absl::OkStatus();
  }

  absl::Status Retry(int64_t id, absl::Time next_attempt, absl::string_view error) override {
    absl::MutexLock lock(&mu_);
    if (failing_) return absl::UnavailableError("disk full");
    Row& row = rows_.at(id);
    ++row.attempts;
    row.next_attempt = next_attempt;
    row.record.error = std::string(error);
    return absl::OkStatus();
  }

  absl::Status Fail(int64_t id, absl::string_view error, absl::Time) override {
    absl::MutexLock lock(&mu_);
    if (failing_) return absl::UnavailableError("disk full");
    Row& row = rows_.at(id);
    ++row.attempts;
    row.record.state = core::DeliveryState::kFailed;
    row.record.error = std::string(error);
    row.delivery.ticket = core::Ticket{};
    row.has_ticket = false;
    return absl::OkStatus();
  }

  absl::StatusOr<int64_t> Purge(absl::string_view, absl::Time) override { return 0; }

  absl::StatusOr<int64_t> PendingCount() override {
    absl::MutexLock lock(&mu_);
    int64_t pending = 0;
    for (const auto& [id, row] : rows_) pending += row.record.state == core::DeliveryState::kPending;
    return pending;
  }

  // Makes every write fail with UNAVAILABLE (true) or succeed again (false).
  void set_failing(bool failing) {
    absl::MutexLock lock(&mu_);
    failing_ = failing;
  }
  std::map<int64_t, Row> rows() const {
    absl::MutexLock lock(&mu_);
    return rows_;
  }

 private:
  mutable absl::Mutex mu_;
  std::map<int64_t, Row> rows_ ABSL_GUARDED_BY(mu_);
  int64_t next_id_ ABSL_GUARDED_BY(mu_) = 1;
  bool failing_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_FAKES_IN_MEMORY_WEBHOOK_INBOX_H_
