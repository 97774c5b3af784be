#include "server/rpc/insights_service.h"

#include <memory>
#include <utility>

#include "server/codec/account_codec.h"
#include "server/codec/digest_codec.h"
#include "server/rpc/digest_route.h"
#include "server/rpc/insight_stream_reactor.h"
#include "server/rpc/request_validation.h"
#include "server/rpc/status_conversion.h"
#include "server/rpc/unary_dispatch.h"

namespace debrief::rpc {
namespace {

constexpr int kDefaultTimelinePageSize = 50;

// A stream refused before it started.
class RefusedStream final : public grpc::ServerWriteReactor<v1::Insight> {
 public:
  explicit RefusedStream(const absl::Status& status) { Finish(ToGrpcStatus(status)); }
  void OnDone() override { delete this; }
};

}  // namespace

InsightsService::InsightsService(core::AccountMemory& accounts, core::DigestSource& digests,
                                 InsightFeed& feed, common::WorkerPool& workers,
                                 Admission& admission, const config::LimitsOptions& limits)
    : accounts_(accounts), digests_(digests), feed_(feed), workers_(workers), admission_(admission),
      limits_(limits) {}

grpc::ServerUnaryReactor* InsightsService::Dispatch(grpc::CallbackServerContext* context,
                                                    const char* method,
                                                    const absl::Status& validation,
                                                    std::function<absl::Status()> work) {
  return DispatchUnary(context, admission_, workers_, method, validation, std::move(work));
}

grpc::ServerUnaryReactor* InsightsService::GetAccountHealth(
    grpc::CallbackServerContext* context, const v1::GetAccountHealthRequest* request,
    v1::GetAccountHealthResponse* response) {
  return Dispatch(context, "GetAccountHealth", ValidateRequest(*request, limits_),
                  [this, request, response] {
                    const int page_size =
                        request->page_size() > 0 ? request->page_size() : kDefaultTimelinePageSize;
                    absl::StatusOr<core::AccountHealthPage> page =
                        accounts_.Health(request->account_id(), page_size, request->page_token());
                    if (page.ok()) codec::AccountHealthPageToProto(*page, *response);
                    return page.status();
                  });
}

grpc::ServerUnaryReactor* InsightsService::GetDigest(grpc::CallbackServerContext* context,
                                                     const v1::GetDigestRequest* request,
                                                     v1::GetDigestResponse* response) {
  absl::StatusOr<core::Team> audience = ValidateDigestRequest(*request);
  return Dispatch(context, "GetDigest", audience.status(), [this, request, response, audience] {
    absl::StatusOr<core::Digest> digest = digests_.BuildDigest(*audience, request->period());
    if (digest.ok()) codec::DigestToProto(*digest, *response->mutable_digest());
    return digest.status();
  });
}

grpc::ServerWriteReactor<v1::Insight>* InsightsService::StreamInsights(
    grpc::CallbackServerContext* /*context*/, const v1::StreamInsightsRequest* request) {
  absl::StatusOr<storage::InsightQuery> query = InsightQueryFrom(*request);
  if (!query.ok()) {
    admission_.RecordRejected("StreamInsights", query.status().code());
    return new RefusedStream(query.status());
  }
  if (!feed_.TryOpenStream()) {
    const absl::Status refused = feed_.stopping()
                                     ? absl::UnavailableError("server is shutting down; retry")
                                     : absl::ResourceExhaustedError("too many insight streams open");
    admission_.RecordRejected("StreamInsights", refused.code());
    return new RefusedStream(refused);
  }
  return new InsightStreamReactor(feed_, workers_, *std::move(query));
}

grpc::ServerUnaryReactor* InsightsService::ForgetCustomer(grpc::CallbackServerContext* context,
                                                          const v1::ForgetCustomerRequest* request,
                                                          v1::ForgetCustomerResponse* response) {
  return Dispatch(context, "ForgetCustomer", ValidateRequest(*request, limits_),
                  [this, request, response] {
                    absl::StatusOr<core::ForgetResult> result =
                        accounts_.Forget(codec::ForgetRequestFromProto(*request));
                    if (result.ok()) codec::ForgetResultToProto(*result, *response);
                    return result.status();
                  });
}

grpc::ServerUnaryReactor* InsightsService::UpsertAccounts(grpc::CallbackServerContext* context,
                                                          const v1::UpsertAccountsRequest* request,
                                                          v1::UpsertAccountsResponse* response) {
  return Dispatch(context, "UpsertAccounts", ValidateRequest(*request, limits_),
                  [this, request, response] {
                    absl::StatusOr<core::UpsertResult> result =
                        accounts_.UpsertAccounts(codec::AccountsFromProto(*request));
                    if (result.ok()) codec::UpsertResultToProto(*result, *response);
                    return result.status();
                  });
}

}  // namespace debrief::rpc
