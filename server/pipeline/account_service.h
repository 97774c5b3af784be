// Account memory as the Insights service offers it: an account's health (scores
// recomputed now, with reasons and rolling windows) and timeline pages, CRM upserts,
// and ForgetCustomer. Scoring comes from the current decision components, so a config
// reload changes how health is reported at once.
#ifndef DEBRIEF_SERVER_PIPELINE_ACCOUNT_SERVICE_H_
#define DEBRIEF_SERVER_PIPELINE_ACCOUNT_SERVICE_H_

#include "server/common/clock.h"
#include "server/common/snapshot.h"
#include "server/core/account_memory.h"
#include "server/pipeline/decision_components.h"
#include "server/storage/account_store.h"

namespace debrief::pipeline {

// Thread-safe. Every reference must outlive it.
class AccountService final : public core::AccountMemory {
 public:
  AccountService(const common::Snapshot<DecisionComponents>& components,
                 storage::AccountStore& accounts, const common::Clock& clock,
                 common::Random& random);

  absl::StatusOr<core::AccountHealthPage> Health(absl::string_view account_id, int page_size,
                                                 absl::string_view page_token) override;
  absl::StatusOr<core::UpsertResult> UpsertAccounts(
      const std::vector<core::Account>& accounts) override;
  absl::StatusOr<core::ForgetResult> Forget(const core::ForgetRequest& request) override;

 private:
  const common::Snapshot<DecisionComponents>& components_;
  storage::AccountStore& accounts_;
  const common::Clock& clock_;
  common::Random& random_;
};

}  // namespace debrief::pipeline

#endif  // DEBRIEF_SERVER_PIPELINE_ACCOUNT_SERVICE_H_
