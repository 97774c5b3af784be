#include "server/learning/labelled_data.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace debrief::learning {

absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(absl::string_view contents) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  int line = 1;
  int quote_line = 0;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  for (size_t i = 0; i < contents.size(); ++i) {
    const char c = contents[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < contents.size() && contents[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < contents.size() && contents[i + 1] == '\n') ++i;
      ++line;
      if (!row.empty() || field_started || !field.empty()) {
        end_field();
        rows.push_back(std::move(row));
        row.clear();
      }
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", quote_line, ": quoted field is never closed"));
  }
  if (!row.empty() || field_started || !field.empty()) {
    end_field();
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::StatusOr<std::vector<LabelledText>> ReadLabelledCsv(absl::string_view contents,
                                                          const CsvColumns& columns) {
  absl::StatusOr<std::vector<std::vector<std::string>>> rows = ParseCsv(contents);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InvalidArgumentError("line 1: no header row");
  const std::vector<std::string>& header = rows->front();
  auto find = [&](absl::string_view name) -> int {
    for (size_t i = 0; i < header.size(); ++i) {
      if (absl::AsciiStrToLower(absl::StripAsciiWhitespace(header[i])) == absl::AsciiStrToLower(name)) {
        return static_cast<int>(i);
      }
    }
    return -1;
  };
  const int text = find(columns.text_column);
  if (text < 0) {
    return absl::InvalidArgumentError(absl::StrCat("line 1: no text column \"", columns.text_column,
                                                   "\" (columns: ", absl::StrJoin(header, ", "), ")"));
  }
  int label = -1;
  if (!columns.label_column.empty()) {
    label = find(columns.label_column);
  } else {
    for (const char* name : {"label", "labels", "category", "tags"}) {
      if ((label = find(name)) >= 0) break;
    }
  }
  if (label < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("line 1: no label column \"",
                     columns.label_column.empty() ? "label" : columns.label_column,
                     "\" (columns: ", absl::StrJoin(header, ", "), "; choose with --label-column)"));
  }
  std::vector<LabelledText> out;
  out.reserve(rows->size() - 1);
  for (size_t r = 1; r < rows->size(); ++r) {
    const std::vector<std::string>& row = (*rows)[r];
    if (row.size() != header.size()) {
      return absl::InvalidArgumentError(absl::StrCat("row ", r + 1, ": ", row.size(),
                                                     " fields, the header has ", header.size()));
    }
    LabelledText item;
    item.text = row[static_cast<size_t>(text)];
    for (absl::string_view value : absl::StrSplit(row[static_cast<size_t>(label)], '|')) {
      value = absl::StripAsciiWhitespace(value);
      if (!value.empty()) item.labels.emplace_back(value);
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace debrief::learning
