#include "server/app/accounts_import.h"

#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "server/common/clock.h"
#include "server/common/ids.h"
#include "server/common/status_macros.h"
#include "server/storage/sqlite_account_store.h"
#include "server/storage/sqlite_database.h"

namespace debrief::app {
namespace {

// One CSV record and the line it starts on (1-based).
struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

// Splits RFC 4180 CSV into records; blank lines are skipped.
absl::StatusOr<std::vector<Record>> SplitRecords(absl::string_view text, absl::string_view file) {
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<Record> records;
  Record record{1, {}};
  std::string field;
  int line = 1;
  size_t i = 0;
  auto end_record = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    const bool blank = record.fields.size() == 1 &&
                       absl::StripAsciiWhitespace(record.fields[0]).empty();
    if (!blank) records.push_back(std::move(record));
    record = Record{line, {}};
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && absl::StripAsciiWhitespace(field).empty()) {
      field.clear();
      const int opened_on = line;
      ++i;
      while (true) {
        if (i >= text.size()) {
          return absl::InvalidArgumentError(
              absl::StrCat(file, ":", opened_on, ": a quoted value is never closed"));
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        return absl::InvalidArgumentError(
            absl::StrCat(file, ":", line, ": unexpected text after a closing quote"));
      }
      continue;
    }
    if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (c == '\n' || c == '\r') {
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      ++line;
      end_record();
    } else {
      field += c;
      ++i;
    }
  }
  if (!field.empty() || !record.fields.empty()) end_record();
  return records;
}

// The known columns and the header names that mean them.
enum class Column { kId, kName, kPlan, kArr, kArrCents, kCurrency, kRenewalDate, kSegment };

const std::map<std::string, Column>& ColumnNames() {
  static const auto* names = new std::map<std::string, Column>{
      {"id", Column::kId},
      {"account_id", Column::kId},
      {"name", Column::kName},
      {"account_name", Column::kName},
      {"plan", Column::kPlan},
      {"arr", Column::kArr},
      {"arr_cents", Column::kArrCents},
      {"currency", Column::kCurrency},
      {"renewal_date", Column::kRenewalDate},
      {"segment", Column::kSegment},
  };
  return *names;
}

// Parses a non-negative amount with at most two decimals ("120000", "99.5") into cents.
bool ParseCents(absl::string_view text, int64_t& cents) {
  const size_t dot = text.find('.');
  absl::string_view whole = text.substr(0, dot);
  absl::string_view fraction = dot == absl::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 15 || fraction.size() > 2) return false;
  if (dot != absl::string_view::npos && fraction.empty()) return false;
  for (const char c : whole) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  for (const char c : fraction) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  int64_t units = 0;
  int64_t hundredths = 0;
  if (!absl::SimpleAtoi(whole, &units)) return false;
  if (!fraction.empty() && !absl::SimpleAtoi(fraction, &hundredths)) return false;
  if (fraction.size() == 1) hundredths *= 10;
  cents = units * 100 + hundredths;
  return true;
}

// Checks one value; `at` is "<file>:<line>: <column>".
absl::Status CheckValue(Column column, const std::string& value, const std::string& at,
                        const config::LimitsOptions& limits, core::Account& account) {
  auto invalid = [&](absl::string_view problem) {
    return absl::InvalidArgumentError(absl::StrCat(at, ": ", problem));
  };
  if (!common::IsValidUtf8(value)) return invalid("is not valid UTF-8");
  switch (column) {
    case Column::kId:
      if (value.empty()) return invalid("is required");
      if (static_cast<int>(value.size()) > limits.max_id_bytes) {
        return invalid(absl::StrCat("is longer than ", limits.max_id_bytes, " bytes"));
      }
      for (const char c : value) {
        if (static_cast<unsigned char>(c) < 0x20) return invalid("contains control characters");
      }
      account.id = value;
      break;
    case Column::kName: account.name = value; break;
    case Column::kPlan: account.plan = value; break;
    case Column::kSegment: account.segment = value; break;
    case Column::kArr:
      if (!value.empty() && !ParseCents(value, account.arr_cents)) {
        return invalid("must be an amount like 120000 or 99.50 (no currency sign or separators)");
      }
      break;
    case Column::kArrCents:
      if (!value.empty() && (!absl::SimpleAtoi(value, &account.arr_cents) || account.arr_cents < 0)) {
        return invalid("must be a whole number of cents, 0 or more");
      }
      break;
    case Column::kCurrency: {
      bool iso = value.empty() || value.size() == 3;
      for (const char c : value) iso = iso && absl::ascii_isupper(c);
      if (!iso) return invalid("must be an ISO 4217 code like USD");
      account.currency = value;
      break;
    }
    case Column::kRenewalDate: {
      absl::CivilDay day;
      if (!value.empty() && !absl::ParseCivilTime(value, &day)) {
        return invalid("must be a date YYYY-MM-DD");
      }
      account.renewal_date = value;
      break;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<core::Account>> ParseAccountsCsv(absl::string_view text,
                                                            absl::string_view file_name,
                                                            const config::LimitsOptions& limits) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<Record> records, SplitRecords(text, file_name));
  if (records.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(file_name, ": is empty (a header row is needed)"));
  }
  const Record& header = records.front();
  std::vector<Column> columns;
  std::vector<std::string> names;
  bool has_id = false;
  for (const std::string& raw : header.fields) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
    auto it = ColumnNames().find(name);
    if (it == ColumnNames().end()) {
      std::vector<std::string> known;
      for (const auto& [known_name, column] : ColumnNames()) known.push_back(known_name);
      return absl::InvalidArgumentError(absl::StrCat(file_name, ":", header.line, ": unknown column \"",
                                                     name, "\" (known: ", absl::StrJoin(known, ", "),
                                                     ")"));
    }
    for (size_t k = 0; k < columns.size(); ++k) {
      const bool both_arr = (columns[k] == Column::kArr || columns[k] == Column::kArrCents) &&
                            (it->second == Column::kArr || it->second == Column::kArrCents);
      if (columns[k] == it->second || both_arr) {
        return absl::InvalidArgumentError(absl::StrCat(file_name, ":", header.line, ": columns \"",
                                                       names[k], "\" and \"", name,
                                                       "\" say the same thing; keep one"));
      }
    }
    has_id = has_id || it->second == Column::kId;
    columns.push_back(it->second);
    names.push_back(name);
  }
  if (!has_id) {
    return absl::InvalidArgumentError(
        absl::StrCat(file_name, ":", header.line, ": an id (or account_id) column is required"));
  }
  std::vector<core::Account> accounts;
  std::map<std::string, int> first_line;
  for (size_t r = 1; r < records.size(); ++r) {
    const Record& record = records[r];
    if (record.fields.size() != columns.size()) {
      return absl::InvalidArgumentError(absl::StrCat(file_name, ":", record.line, ": has ",
                                                     record.fields.size(), " values; the header has ",
                                                     columns.size(), " columns"));
    }
    core::Account account;
    for (size_t k = 0; k < columns.size(); ++k) {
      const std::string value(absl::StripAsciiWhitespace(record.fields[k]));
      DEBRIEF_RETURN_IF_ERROR(CheckValue(columns[k], value,
                                         absl::StrCat(file_name, ":", record.line, ": ", names[k]),
                                         limits, account));
    }
    auto [it, inserted] = first_line.emplace(account.id, record.line);
    if (!inserted) {
      return absl::InvalidArgumentError(absl::StrCat(file_name, ":", record.line,
                                                     ": id: repeats the account of line ", it->second));
    }
    accounts.push_back(std::move(account));
  }
  return accounts;
}

absl::StatusOr<core::UpsertResult> ImportAccountsCsv(const Overrides& overrides,
                                                     const std::string& csv_path) {
  std::ifstream in(csv_path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(csv_path, ": cannot read the file"));
  std::ostringstream text;
  text << in.rdbuf();
  DEBRIEF_ASSIGN_OR_RETURN(config::DebriefConfig config, LoadEffectiveConfig(overrides));
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<core::Account> accounts,
                           ParseAccountsCsv(text.str(), csv_path, config.server.limits));
  if (accounts.empty()) return core::UpsertResult{};
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<storage::SqliteDatabase> database,
                           storage::SqliteDatabase::Open(config.storage));
  storage::SqliteAccountStore store(*database);
  common::SystemClock clock;
  return store.UpsertAccounts(accounts, clock.Now());
}

}  // namespace debrief::app
