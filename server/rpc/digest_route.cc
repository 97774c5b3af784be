#include "server/rpc/digest_route.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "server/codec/digest_codec.h"
#include "server/digest/html_renderer.h"
#include "server/digest/iso_week.h"
#include "server/digest/markdown_renderer.h"
#include "server/rpc/http_api.h"

namespace debrief::rpc {

absl::StatusOr<core::Team> ValidateDigestRequest(const v1::GetDigestRequest& request) {
  const auto audience = static_cast<core::Team>(request.audience());
  if (audience != core::Team::kProduct && audience != core::Team::kSuccess &&
      audience != core::Team::kSales) {
    return absl::InvalidArgumentError(
        "audience: must be TEAM_PRODUCT, TEAM_SUCCESS or TEAM_SALES");
  }
  if (!request.period().empty()) {
    absl::StatusOr<digest::IsoWeek> week = digest::ParseIsoWeek(request.period(), "period");
    if (!week.ok()) return week.status();
  }
  return audience;
}

void RegisterDigestRoutes(HttpServer& server, core::DigestSource& digests, Admission& admission,
                          const absl::TimeZone& zone) {
  server.Route(
      "GET", R"(/v1/digests/([^/]+))",
      [&digests, &admission, zone](const httplib::Request& request, httplib::Response& response) {
        const std::string name = request.matches[1];
        const std::string format =
            request.has_param("format") ? request.get_param_value("format") : "json";
        v1::GetDigestRequest body;
        body.set_period(request.get_param_value("period"));
        absl::Status status;
        std::optional<core::Team> team = core::TeamFromName(name);
        if (!team.has_value()) {
          status = absl::InvalidArgumentError(
              absl::StrCat("audience: \"", name, "\" is not product, success or sales"));
        } else if (format != "json" && format != "md" && format != "html") {
          status = absl::InvalidArgumentError(
              absl::StrCat("format: \"", format, "\" is not json, md or html"));
        } else {
          body.set_audience(static_cast<v1::Team>(*team));
          status = ValidateDigestRequest(body).status();
        }
        if (!status.ok()) {
          admission.RecordRejected("GetDigest", status.code());
          WriteHttpError(response, status);
          return;
        }
        std::optional<Admission::Ticket> admitted = admission.TryEnter("GetDigest");
        if (!admitted.has_value()) {
          WriteHttpError(response,
                         absl::ResourceExhaustedError("too many calls in flight; retry with backoff"));
          return;
        }
        absl::StatusOr<core::Digest> digest = digests.BuildDigest(*team, body.period());
        admitted->Finish(digest.status().code());
        if (!digest.ok()) {
          WriteHttpError(response, digest.status());
          return;
        }
        if (format == "md") {
          response.status = 200;
          response.set_content(digest::RenderMarkdown(*digest, zone), "text/markdown; charset=utf-8");
        } else if (format == "html") {
          response.status = 200;
          response.set_content(digest::RenderHtml(*digest, zone), "text/html; charset=utf-8");
        } else {
          v1::GetDigestResponse answer;
          codec::DigestToProto(*digest, *answer.mutable_digest());
          WriteJson(response, answer);
        }
      });
}

}  // namespace debrief::rpc
