#include "server/app/digest_command.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "debrief/v1/digest.pb.h"
#include "google/protobuf/util/json_util.h"
#include "server/codec/digest_codec.h"
#include "server/common/status_macros.h"
#include "server/digest/digest_builder.h"
#include "server/digest/html_renderer.h"
#include "server/digest/iso_week.h"
#include "server/digest/markdown_renderer.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_digest_store.h"

namespace debrief::app {

absl::Status RunDigestCommand(const DigestCommand& command, const common::Clock& clock,
                              std::ostream& out) {
  std::optional<core::Team> audience = core::TeamFromName(command.audience);
  if (!audience.has_value() || (*audience != core::Team::kProduct &&
                                *audience != core::Team::kSuccess && *audience != core::Team::kSales)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--audience: \"", command.audience, "\" is not product, success or sales"));
  }
  if (command.format != "md" && command.format != "html" && command.format != "json") {
    return absl::InvalidArgumentError(
        absl::StrCat("--format: \"", command.format, "\" is not html, md or json"));
  }
  if (!command.period.empty()) {
    DEBRIEF_RETURN_IF_ERROR(digest::ParseIsoWeek(command.period, "--period").status());
  }
  DEBRIEF_ASSIGN_OR_RETURN(config::DebriefConfig config, LoadEffectiveConfig(command.overrides));
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<storage::SqliteDatabase> database,
                           storage::SqliteDatabase::Open(config.storage));
  storage::SqliteDigestStore store(*database);
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<digest::DigestBuilder> builder,
                           digest::DigestBuilder::Create(config.digests, store, clock));
  DEBRIEF_ASSIGN_OR_RETURN(core::Digest digest, builder->BuildDigest(*audience, command.period));
  if (command.format == "md") {
    out << digest::RenderMarkdown(digest, builder->zone());
  } else if (command.format == "html") {
    out << digest::RenderHtml(digest, builder->zone());
  } else {
    v1::Digest proto;
    codec::DigestToProto(digest, proto);
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    const google::protobuf::util::Status status =
        google::protobuf::util::MessageToJsonString(proto, &json, options);
    if (!status.ok()) return absl::InternalError("cannot encode the digest as JSON");
    out << json;
  }
  return absl::OkStatus();
}

}  // namespace debrief::app
