// `debriefd accounts import FILE.csv`: CRM account data from a CSV file into the store,
// all rows in one commit or none. The file has a header row naming its columns (any
// order, case-insensitive): id (or account_id, required), name (or account_name), plan,
// arr (major units, e.g. 120000.50) or arr_cents, currency, renewal_date (YYYY-MM-DD),
// segment. Quoting follows RFC 4180. Empty cells keep the stored value.
//
//   auto accounts = ParseAccountsCsv(text, "crm.csv", limits);   // "crm.csv:7: arr: ..."
#ifndef DEBRIEF_SERVER_APP_ACCOUNTS_IMPORT_H_
#define DEBRIEF_SERVER_APP_ACCOUNTS_IMPORT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/app/debriefd.h"
#include "server/config/server_options.h"
#include "server/core/account_memory.h"
#include "server/core/ticket.h"

namespace debrief::app {

// The accounts of CSV `text`. INVALID_ARGUMENT "<file_name>:<line>: <column>: <problem>"
// for the first bad header, row or value (unknown column, missing id, duplicate id, bad
// number, currency or date, invalid UTF-8, unterminated quote).
absl::StatusOr<std::vector<core::Account>> ParseAccountsCsv(absl::string_view text,
                                                            absl::string_view file_name,
                                                            const config::LimitsOptions& limits);

// Reads `csv_path`, validates every row, and upserts them into the store of the effective
// configuration (`overrides`) in one durable commit; a running debriefd sees them at its
// next decision. NOT_FOUND when the file cannot be read.
absl::StatusOr<core::UpsertResult> ImportAccountsCsv(const Overrides& overrides,
                                                     const std::string& csv_path);

}  // namespace debrief::app

#endif  // DEBRIEF_SERVER_APP_ACCOUNTS_IMPORT_H_
