#include "server/analysis/taxonomy.h"

#include "gtest/gtest.h"

namespace debrief::analysis {
namespace {

config::TaxonomyOptions Options() {
  config::TaxonomyOptions options;
  options.tags.push_back({.id = "billing/refund/double-charge",
                          .description = "Charged twice",
                          .helpdesk_tags = {"Double_Charge"}});
  options.tags.push_back({.id = "billing/invoice", .description = "Invoices"});
  return options;
}

TEST(TaxonomyTest, MaterializesImplicitParents) {
  auto taxonomy = Taxonomy::Create(Options());
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.status();
  const int billing = (*taxonomy)->Find("billing");
  const int refund = (*taxonomy)->Find("billing/refund");
  const int leaf = (*taxonomy)->Find("billing/refund/double-charge");
  ASSERT_GE(billing, 0);
  ASSERT_GE(refund, 0);
  ASSERT_GE(leaf, 0);
  EXPECT_FALSE((*taxonomy)->nodes()[refund].suggest);
  EXPECT_TRUE((*taxonomy)->IsAncestor(billing, leaf));
  EXPECT_TRUE((*taxonomy)->IsAncestor(refund, leaf));
  EXPECT_FALSE((*taxonomy)->IsAncestor(leaf, billing));
  EXPECT_FALSE((*taxonomy)->IsAncestor((*taxonomy)->Find("billing/invoice"), leaf));
}

TEST(TaxonomyTest, MapsHelpdeskTagsThroughAliasesAndSeparators) {
  auto taxonomy = Taxonomy::Create(Options());
  ASSERT_TRUE(taxonomy.ok());
  EXPECT_EQ((*taxonomy)->MapHelpdeskTag("double_charge"), "billing/refund/double-charge");
  EXPECT_EQ((*taxonomy)->MapHelpdeskTag(" DOUBLE_CHARGE "), "billing/refund/double-charge");
  EXPECT_EQ((*taxonomy)->MapHelpdeskTag("billing/invoice"), "billing/invoice");
  EXPECT_EQ((*taxonomy)->MapHelpdeskTag("billing::invoice"), "billing/invoice");
  EXPECT_EQ((*taxonomy)->MapHelpdeskTag("billing__invoice"), "billing/invoice");
  EXPECT_EQ((*taxonomy)->MapHelpdeskTag("vip"), std::nullopt);
}

}  // namespace
}  // namespace debrief::analysis
