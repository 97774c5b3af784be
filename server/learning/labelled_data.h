// Labelled text for training from scratch and for scoring (debriefd eval, backfill of a
// CSV export): CSV with a header row, RFC 4180 quoting, a text column and a label
// column whose value may hold several labels separated by '|'.
//
//   absl::StatusOr<std::vector<LabelledText>> rows =
//       ReadLabelledCsv(contents, {.text_column = "text", .label_column = "category"});
#ifndef DEBRIEF_SERVER_LEARNING_LABELLED_DATA_H_
#define DEBRIEF_SERVER_LEARNING_LABELLED_DATA_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace debrief::learning {

// One text and its labels.
struct LabelledText {
  std::string text;
  std::vector<std::string> labels;
};

struct CsvColumns {
  // Header of the text column. Default "text".
  std::string text_column = "text";
  // Header of the label column; empty picks the first of "label", "labels", "category",
  // "tags" that exists. Default empty.
  std::string label_column;
};

// Parses CSV `contents`. INVALID_ARGUMENT naming the line for a missing column, an
// unterminated quote or a row with the wrong number of fields. Rows without a label
// are kept with none.
absl::StatusOr<std::vector<LabelledText>> ReadLabelledCsv(absl::string_view contents,
                                                          const CsvColumns& columns);

// The fields of CSV `contents`, row by row (quotes resolved). INVALID_ARGUMENT for an
// unterminated quote.
absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(absl::string_view contents);

}  // namespace debrief::learning

#endif  // DEBRIEF_SERVER_LEARNING_LABELLED_DATA_H_
