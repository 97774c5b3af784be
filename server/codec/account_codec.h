// The one converter between account memory's core types (core/account.h,
// core/account_memory.h) and the Insights service's wire messages.
#ifndef DEBRIEF_SERVER_CODEC_ACCOUNT_CODEC_H_
#define DEBRIEF_SERVER_CODEC_ACCOUNT_CODEC_H_

#include <vector>

#include "debrief/v1/insights_service.pb.h"
#include "server/core/account_memory.h"

namespace debrief::codec {

core::Account AccountFromProto(const v1::Account& proto);
void AccountToProto(const core::Account& account, v1::Account& out);

// The accounts of a validated request.
std::vector<core::Account> AccountsFromProto(const v1::UpsertAccountsRequest& request);
void UpsertResultToProto(const core::UpsertResult& result, v1::UpsertAccountsResponse& out);

void AccountHealthPageToProto(const core::AccountHealthPage& page,
                              v1::GetAccountHealthResponse& out);

// The subject of a validated request (exactly one subject set).
core::ForgetRequest ForgetRequestFromProto(const v1::ForgetCustomerRequest& request);
void ForgetResultToProto(const core::ForgetResult& result, v1::ForgetCustomerResponse& out);

}  // namespace debrief::codec

#endif  // DEBRIEF_SERVER_CODEC_ACCOUNT_CODEC_H_
