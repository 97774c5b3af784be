#include "server/learning/labelled_data.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace debrief::learning {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ReadLabelledCsvTest, ReadsQuotedTextAndFindsTheCategoryColumn) {
  absl::StatusOr<std::vector<LabelledText>> rows = ReadLabelledCsv(
      "text,category\n\"Where is my card, please?\",card_arrival\nplain text,\"a|b\"\n", {});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].text, "Where is my card, please?");
  EXPECT_THAT((*rows)[0].labels, ElementsAre("card_arrival"));
  EXPECT_THAT((*rows)[1].labels, ElementsAre("a", "b"));
}

TEST(ReadLabelledCsvTest, KeepsEscapedQuotesAndLineBreaksInsideQuotes) {
  absl::StatusOr<std::vector<LabelledText>> rows =
      ReadLabelledCsv("label,text\r\nx,\"He said \"\"hi\"\"\nthen left\"\r\n", {});
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ((*rows)[0].text, "He said \"hi\"\nthen left");
}

TEST(ReadLabelledCsvTest, NamesTheMissingColumn) {
  absl::StatusOr<std::vector<LabelledText>> rows =
      ReadLabelledCsv("body,category\nx,y\n", {.text_column = "text"});
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rows.status().message(), HasSubstr("line 1: no text column \"text\""));
  rows = ReadLabelledCsv("text,category\nx,y\n", {.label_column = "intent"});
  EXPECT_THAT(rows.status().message(), HasSubstr("no label column \"intent\""));
}

TEST(ReadLabelledCsvTest, RejectsRowsWithTheWrongFieldCountAndOpenQuotes) {
  EXPECT_THAT(ReadLabelledCsv("text,label\na,b,c\n", {}).status().message(),
              HasSubstr("row 2: 3 fields"));
  EXPECT_THAT(ReadLabelledCsv("text,label\n\"never closed,b\n", {}).status().message(),
              HasSubstr("line 2: quoted field is never closed"));
}

}  // namespace
}  // namespace debrief::learning
