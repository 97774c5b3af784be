#include "server/storage/account_store.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/common/ids.h"

namespace debrief::storage {

std::string RequesterEmailKey(absl::string_view email) {
  const std::string normalized = absl::AsciiStrToLower(absl::StripAsciiWhitespace(email));
  if (normalized.empty()) return "";
  return common::Sha256Hex(absl::StrCat("requester-email:", normalized));
}

std::string RequesterIdKey(absl::string_view requester_id) {
  const absl::string_view id = absl::StripAsciiWhitespace(requester_id);
  if (id.empty()) return "";
  return common::Sha256Hex(absl::StrCat("requester-id:", id));
}

core::Account MergeAccount(const core::Account& stored, const core::Account& incoming) {
  core::Account merged = stored;
  if (merged.id.empty()) merged.id = incoming.id;
  auto take = [](std::string& field, const std::string& value) {
    if (!value.empty()) field = value;
  };
  take(merged.name, incoming.name);
  take(merged.plan, incoming.plan);
  take(merged.currency, incoming.currency);
  take(merged.renewal_date, incoming.renewal_date);
  take(merged.segment, incoming.segment);
  if (incoming.arr_cents != 0) merged.arr_cents = incoming.arr_cents;
  return merged;
}

}  // namespace debrief::storage
