#include "server/ingest/field_map.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(FieldMapTest, OverridesVendorDefaultsFromJsonPointers) {
  config::SourceOptions options;
  options.name = "zendesk";
  options.field_map = {{"account.id", "/ticket/organization/external_id"},
                       {"custom_fields.plan", "/ticket/ticket_field_1"},
                       {"tags", "/ticket/labels"},
                       {"account.arr_cents", "/ticket/arr"},
                       {"priority", "/ticket/missing"}};
  options.custom_field_labels = {{"360001", "region"}};
  absl::StatusOr<FieldMap> map = FieldMap::Create(options);
  ASSERT_TRUE(map.ok()) << map.status();
  const nlohmann::json payload = nlohmann::json::parse(R"({"ticket": {
      "organization": {"external_id": "acct-77"}, "ticket_field_1": "enterprise",
      "labels": "a b", "arr": "4800000"}})");
  core::Ticket ticket;
  ticket.priority = core::Priority::kHigh;
  ticket.custom_fields["360001"] = "emea";
  ASSERT_TRUE(map->Apply(payload, ticket).ok());
  EXPECT_EQ(ticket.account.id, "acct-77");
  EXPECT_EQ(ticket.custom_fields.at("plan"), "enterprise");
  EXPECT_EQ(ticket.custom_fields.at("region"), "emea");
  EXPECT_FALSE(ticket.custom_fields.contains("360001"));
  EXPECT_THAT(ticket.tags, ElementsAre("a", "b"));
  EXPECT_EQ(ticket.account.arr_cents, 4800000);
  // Absent in the payload: the vendor's value stays.
  EXPECT_EQ(ticket.priority, core::Priority::kHigh);
}

TEST(FieldMapTest, RejectsUnknownTargetsNamingTheKey) {
  config::SourceOptions options;
  options.name = "freshdesk";
  options.field_map = {{"acount.id", "/x"}};
  EXPECT_THAT(FieldMap::Create(options).status().message(),
              HasSubstr("sources.freshdesk.field_map.acount.id: unknown field"));
}

TEST(FieldMapTest, NamesAMappedValueOfTheWrongType) {
  config::SourceOptions options;
  options.field_map = {{"subject", "/ticket"}};
  absl::StatusOr<FieldMap> map = FieldMap::Create(options);
  ASSERT_TRUE(map.ok());
  core::Ticket ticket;
  EXPECT_EQ(map->Apply(nlohmann::json::parse(R"({"ticket": {"a": 1}})"), ticket).message(),
            "body.ticket: must be a string or a number");
}

}  // namespace
}  // namespace debrief::ingest
