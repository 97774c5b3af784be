#include "server/rpc/request_validation.h"

#include <functional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace debrief::rpc {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

v1::OnTicketClosedRequest ValidClose() {
  v1::OnTicketClosedRequest request;
  v1::Ticket* ticket = request.mutable_ticket();
  ticket->set_source(v1::SOURCE_ZENDESK);
  ticket->set_ticket_id("42");
  v1::Message* message = ticket->add_messages();
  message->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  message->set_body_text("My invoice is wrong");
  return request;
}

struct Case {
  std::string name;
  std::function<void(v1::Ticket&)> mutate;
  std::string path;    // the error must start with it
  std::string detail;  // and contain this
};

TEST(RequestValidationTest, AcceptsAMinimalClose) {
  config::LimitsOptions limits;
  EXPECT_TRUE(ValidateRequest(ValidClose(), limits).ok());
}

TEST(RequestValidationTest, RejectsBadClosesNamingTheField) {
  config::LimitsOptions limits;
  limits.max_messages = 3;
  limits.max_ticket_bytes = 2000;
  limits.max_tags = 2;
  const Case cases[] = {
      {"missing id", [](v1::Ticket& t) { t.clear_ticket_id(); }, "ticket.ticket_id", "required"},
      {"no source", [](v1::Ticket& t) { t.set_source(v1::SOURCE_UNSPECIFIED); }, "ticket.source", "required"},
      {"unknown source", [](v1::Ticket& t) { t.set_source(static_cast<v1::Source>(77)); }, "ticket.source", "unknown enum value 77"},
      {"no messages", [](v1::Ticket& t) { t.clear_messages(); }, "ticket.messages", "at least one message"},
      {"blank text", [](v1::Ticket& t) { t.mutable_messages(0)->set_body_text("   \n"); }, "ticket.messages", "at least one message"},
      {"bad utf8 body", [](v1::Ticket& t) { t.mutable_messages(0)->set_body_text("ok \xc3\x28"); }, "ticket.messages[0].body_text", "UTF-8"},
      {"bad utf8 subject", [](v1::Ticket& t) { t.set_subject("\xff"); }, "ticket.subject", "UTF-8"},
      {"bad role", [](v1::Ticket& t) { t.mutable_messages(0)->set_author_role(static_cast<v1::AuthorRole>(9)); }, "ticket.messages[0].author_role", "unknown enum"},
      {"bad priority", [](v1::Ticket& t) { t.set_priority(static_cast<v1::Priority>(12)); }, "ticket.priority", "unknown enum"},
      {"too many messages", [](v1::Ticket& t) { for (int i = 0; i < 3; ++i) t.add_messages()->set_body_text("x"); }, "ticket.messages", "at most 3"},
      {"too much text", [](v1::Ticket& t) { t.mutable_messages(0)->set_body_text(std::string(3000, 'a')); }, "ticket.messages", "at most 2000"},
      {"too many tags", [](v1::Ticket& t) { t.add_tags("a"); t.add_tags("b"); t.add_tags("c"); }, "ticket.tags", "at most 2"},
      {"empty tag", [](v1::Ticket& t) { t.add_tags(""); }, "ticket.tags[0]", "required"},
      {"long id", [](v1::Ticket& t) { t.set_ticket_id(std::string(300, '9')); }, "ticket.ticket_id", "longer than"},
      {"control chars in id", [](v1::Ticket& t) { t.set_delivery_id("a\nb"); }, "ticket.delivery_id", "control"},
      {"negative arr", [](v1::Ticket& t) { t.mutable_account()->set_arr_cents(-1); }, "ticket.account.arr_cents", "negative"},
      {"bad currency", [](v1::Ticket& t) { t.mutable_account()->set_currency("dollars"); }, "ticket.account.currency", "ISO 4217"},
      {"bad renewal", [](v1::Ticket& t) { t.mutable_account()->set_renewal_date("next year"); }, "ticket.account.renewal_date", "YYYY-MM-DD"},
      {"bad requester email", [](v1::Ticket& t) { t.mutable_requester()->set_email("\xc0\xaf"); }, "ticket.requester.email", "UTF-8"},
      {"satisfaction out of range", [](v1::Ticket& t) { t.mutable_satisfaction()->set_score(4); }, "ticket.satisfaction.score", "between 0 and 1"},
      {"timestamp out of range", [](v1::Ticket& t) { t.mutable_closed_at()->set_seconds(-99999999999); }, "ticket.closed_at", "out of range"},
      {"bad custom field", [](v1::Ticket& t) { (*t.mutable_custom_fields())["plan"] = "\xff"; }, "ticket.custom_fields[\"plan\"]", "UTF-8"},
  };
  for (const Case& c : cases) {
    v1::OnTicketClosedRequest request = ValidClose();
    c.mutate(*request.mutable_ticket());
    const absl::Status status = ValidateRequest(request, limits);
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_THAT(std::string(status.message()), StartsWith(c.path + ":")) << c.name;
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.detail)) << c.name;
  }
}

TEST(RequestValidationTest, MissingTicketIsNamed) {
  const absl::Status status = ValidateRequest(v1::OnTicketClosedRequest(), config::LimitsOptions());
  EXPECT_EQ(status.message(), "ticket: is required");
}

TEST(RequestValidationTest, SuggestAcceptsSubjectOnlyAndChecksMaxTags) {
  config::LimitsOptions limits;
  v1::SuggestTagsRequest request;
  request.mutable_ticket()->set_ticket_id("1");
  request.mutable_ticket()->set_subject("Charged twice");
  EXPECT_TRUE(ValidateRequest(request, limits).ok());
  request.set_max_tags(-1);
  EXPECT_THAT(std::string(ValidateRequest(request, limits).message()), StartsWith("max_tags:"));
  request.set_max_tags(3);
  request.mutable_ticket()->clear_subject();
  EXPECT_THAT(std::string(ValidateRequest(request, limits).message()),
              StartsWith("ticket.messages:"));
}

TEST(RequestValidationTest, FeedbackNeedsADecisionAndSomeTags) {
  config::LimitsOptions limits;
  v1::RecordFeedbackRequest request;
  EXPECT_THAT(std::string(ValidateRequest(request, limits).message()),
              StartsWith("decision_id: is required"));
  request.set_decision_id("dsg_1");
  EXPECT_THAT(std::string(ValidateRequest(request, limits).message()), StartsWith("accepted:"));
  request.add_rejected("");
  EXPECT_THAT(std::string(ValidateRequest(request, limits).message()), StartsWith("rejected[0]:"));
  request.set_rejected(0, "billing/invoice");
  EXPECT_TRUE(ValidateRequest(request, limits).ok());
}

}  // namespace
}  // namespace debrief::rpc
