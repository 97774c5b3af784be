#include "server/analysis/normalizer.h"

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace debrief::analysis {
namespace {

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

class QuotedReplyCases : public ::testing::TestWithParam<Case> {};

TEST_P(QuotedReplyCases, CutsTheEarlierConversation) {
  EXPECT_EQ(StripQuotedReply(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, QuotedReplyCases,
    ::testing::Values(
        Case{"gmail_attribution",
             "Still broken.\n\nOn Mon, 3 Jun 2024 at 10:15, Ann <ann@x.io> wrote:\n> Try again\n> please",
             "Still broken."},
        Case{"attribution_over_two_lines",
             "Works now!\nOn Tue, Jun 4, 2024 at 9:01 AM Support Team <help@acme.io>\nwrote:\n> old",
             "Works now!"},
        Case{"outlook_original_message",
             "See below.\n-----Original Message-----\nFrom: Bob\nSent: Monday\nold text", "See below."},
        Case{"outlook_header_block",
             "Thanks, that fixed it.\n\nFrom: Acme Support <help@acme.io>\nSent: 4 June 2024 10:00\nTo: me\nSubject: Re: export",
             "Thanks, that fixed it."},
        Case{"quoted_lines_anywhere", "> you said\nI did that\n> and this\nstill fails", "I did that\nstill fails"},
        Case{"french_attribution", "Merci\nLe 3 juin 2024, Ann a \xC3\xA9""crit :\n> bonjour", "Merci"},
        Case{"german_attribution", "Danke\nAm 03.06.2024 um 10:15 schrieb Ann <a@b.de>:\n> hallo", "Danke"},
        Case{"only_a_quote_is_kept", "> all quoted", "> all quoted"},
        Case{"text_mentioning_wrote_stays", "On Monday I wrote to sales, no answer.",
             "On Monday I wrote to sales, no answer."}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return std::string(param_info.param.name); });

class SignatureCases : public ::testing::TestWithParam<Case> {};

TEST_P(SignatureCases, CutsTheSignature) { EXPECT_EQ(StripSignature(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Table, SignatureCases,
    ::testing::Values(
        Case{"dash_delimiter", "The export fails.\n-- \nAnn Lee\nCTO, Acme", "The export fails."},
        Case{"sent_from_phone", "Any update?\n\nSent from my iPhone", "Any update?"},
        Case{"closing_and_block", "The export fails.\nBest regards,\nAnn Lee\nHead of Ops\nAcme Inc.\n+1 415 555 0132",
             "The export fails."},
        Case{"thanks_closing", "Please check the invoice.\nThanks,\nAnn", "Please check the invoice."},
        Case{"thanks_as_content_stays", "Thanks, that fixed it!", "Thanks, that fixed it!"},
        Case{"closing_followed_by_long_text_stays",
             "Hi.\nThanks\nAfter that I tried again and the export still failed with the same error message.",
             "Hi.\nThanks\nAfter that I tried again and the export still failed with the same error message."}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return std::string(param_info.param.name); });

TEST(NormalizerTest, FoldsTypographicPunctuation) {
  EXPECT_EQ(FoldPunctuation("can\xE2\x80\x99t \xE2\x80\x9C" "export\xE2\x80\x9D \xE2\x80\x94 ok\xE2\x80\xA6"),
            "can't \"export\" - ok...");
}

TEST(NormalizerTest, HtmlBlockQuotesAreDropped) {
  EXPECT_EQ(HtmlToText("<p>New text</p><blockquote>old <blockquote>older</blockquote> reply</blockquote><p>end</p>"),
            "New text\n\n\nend");
}

TEST(NormalizerTest, KeepsRoleTimeAndVisibilityWhileCleaningBodies) {
  core::Ticket ticket;
  ticket.subject = "  Export \xE2\x80\x9C" "broken\xE2\x80\x9D ";
  core::Message message;
  message.author_role = core::AuthorRole::kCustomer;
  message.author_id = "u1";
  message.is_public = false;
  message.created_at = absl::FromUnixSeconds(1700000000);
  message.body_html = "<div>It doesn&rsquo;t work.</div><div>Best regards,<br>Ann</div>";
  ticket.messages.push_back(message);
  const core::Ticket out = Normalize(ticket);
  EXPECT_EQ(out.subject, "Export \"broken\"");
  ASSERT_EQ(out.messages.size(), 1u);
  EXPECT_EQ(out.messages[0].body_text, "It doesn't work.");
  EXPECT_TRUE(out.messages[0].body_html.empty());
  EXPECT_EQ(out.messages[0].author_role, core::AuthorRole::kCustomer);
  EXPECT_EQ(out.messages[0].author_id, "u1");
  EXPECT_FALSE(out.messages[0].is_public);
  EXPECT_EQ(out.messages[0].created_at, absl::FromUnixSeconds(1700000000));
}

TEST(NormalizerTest, NormalizingTwiceChangesNothing) {
  // Each found by the analysis fuzz target: a control byte inside a zero-width space
  // (dropping it brings the character together), a zero-width space inside another, and a
  // closing that signs off only once the sign-off below it is cut.
  for (const std::string& body : {std::string("a\xE2\x01\x80\x8B" "b"), std::string("x\xE2\xE2\x80\x8B\x80\x8By"),
                                 std::string("Body text\nThanks,\nA\nB\nC\nD\nE\nBest regards,\nSam")}) {
    core::Ticket ticket;
    core::Message message;
    message.body_text = body;
    ticket.messages.push_back(message);
    const core::Ticket once = Normalize(ticket);
    EXPECT_EQ(Normalize(once).messages[0].body_text, once.messages[0].body_text) << absl::CHexEscape(body);
  }
  EXPECT_EQ(FoldPunctuation("x\xE2\xE2\x80\x8B\x80\x8By"), "xy");
  EXPECT_EQ(StripSignature("Body text\nThanks,\nA\nB\nC\nD\nE\nBest regards,\nSam"), "Body text");
  EXPECT_EQ(CutQuotesAndSignatures("Body text\nThanks,\nA\nB\nC\nD\nE\nBest regards,\nSam"), "Body text");
}

}  // namespace
}  // namespace debrief::analysis
