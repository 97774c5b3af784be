// End to end through the real server: a realistic closed ticket sent to OnTicketClosed
// comes back with all five facets (fix category, root cause, sentiment, competitive
// information, product feedback) plus error signatures and relationship signals, each
// with evidence that points at the right words of the recorded (redacted) ticket; the
// raw e-mail address, card number and name from the input appear nowhere in the
// response, the database files or the logs.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_replace.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/test_env.h"
#include "tests/testing/test_server.h"

namespace debrief {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kEmail[] = "dana.whitfield@acme-corp.com";
constexpr char kCard[] = "4111 1111 1111 1111";
constexpr char kCardDigits[] = "4111111111111111";
constexpr char kSurname[] = "Whitfield";

v1::Ticket RealisticClosedTicket() {
  v1::Ticket ticket;
  ticket.set_source(v1::SOURCE_ZENDESK);
  ticket.set_ticket_id("ZD-4711");
  ticket.set_delivery_id("facets-1");
  ticket.set_subject("CSV export broken again");
  ticket.mutable_requester()->set_email(kEmail);
  ticket.mutable_requester()->set_name("Dana Whitfield");
  ticket.mutable_account()->set_id("acme");
  ticket.mutable_account()->set_name("Acme Corp");
  (*ticket.mutable_custom_fields())["billing_contact"] = kEmail;

  v1::Message* first = ticket.add_messages();
  first->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  first->set_is_public(true);
  first->set_body_html(
      "<p>Hi team,</p>"
      "<p>Since Monday the CSV export crashes with <code>HTTP 500 Internal Server Error</code>. "
      "We&rsquo;re really frustrated, this is the third time this month. Also my card "
      "4111 1111 1111 1111 was charged twice for March. Honestly, Looker Studio is half the "
      "price.</p>"
      "<p>It would be great if the export could run in the background.</p>"
      "<p>Best regards,<br>Dana Whitfield<br>dana.whitfield@acme-corp.com</p>");
  v1::Message* reply = ticket.add_messages();
  reply->set_author_role(v1::AUTHOR_ROLE_AGENT);
  reply->set_is_public(true);
  reply->set_body_text(
      "Hi Dana, sorry about this. It was a bug on our side: we deployed a fix this morning. Our "
      "billing team will look at the March invoice separately.\n\nOn Tue, 4 Jun 2024 at 09:12, Dana Whitfield "
      "<dana.whitfield@acme-corp.com> wrote:\n> Since Monday the CSV export crashes");
  v1::Message* last = ticket.add_messages();
  last->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  last->set_is_public(true);
  last->set_body_text(
      "That fixed it, thank you so much! We also need to add 10 more seats next month.\n"
      "Sent from my iPhone");
  return ticket;
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The stored ticket JSON of the one recorded close.
nlohmann::json StoredTicket(const std::string& db_path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT ticket_json FROM tickets", -1, &statement, nullptr), SQLITE_OK);
  nlohmann::json ticket;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    ticket = nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return ticket;
}

// The recorded text that `evidence` points at.
std::string Pointed(const nlohmann::json& ticket, const v1::Evidence& evidence) {
  const std::string text = evidence.message_index() < 0
                               ? ticket.value("subject", "")
                               : ticket["messages"][evidence.message_index()].value("body_text", "");
  if (evidence.end() > static_cast<int>(text.size()) || evidence.start() > evidence.end()) return "<out of range>";
  return text.substr(evidence.start(), evidence.end() - evidence.start());
}

void ExpectNoRawPersonalData(const std::string& where, const std::string& text) {
  EXPECT_THAT(text, Not(HasSubstr(kEmail))) << where;
  EXPECT_THAT(text, Not(HasSubstr(kCard))) << where;
  EXPECT_THAT(text, Not(HasSubstr(kCardDigits))) << where;
  EXPECT_THAT(text, Not(HasSubstr(kSurname))) << where;
}

TEST(FacetsTest, ClosedTicketGetsAllFiveFacetsWithEvidenceAndNoRawPersonalData) {
  std::string config = testing::ShippedConfig();
  // Log everything the server would ever log about a close.
  config = absl::StrReplaceAll(config, {{"  level: info\n", "  level: trace\n"}});
  ::testing::internal::CaptureStderr();
  auto server = testing::TestServer::Start(config);
  ASSERT_NE(server, nullptr);
  auto stub = v1::Debrief::NewStub(server->channel());

  v1::OnTicketClosedRequest request;
  *request.mutable_ticket() = RealisticClosedTicket();
  v1::OnTicketClosedResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  const grpc::Status status = stub->OnTicketClosed(&context, request, &response);
  const std::string data_dir = server->data_dir();
  server->Stop();
  const std::string logs = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Debriefing& debriefing = response.debriefing();
  const nlohmann::json stored = StoredTicket(data_dir + "/debrief.db");
  ASSERT_TRUE(stored.contains("messages")) << "no recorded ticket";
  ASSERT_EQ(stored["messages"].size(), 3u);

  // Fix category and root cause, from the agent's reply.
  EXPECT_EQ(debriefing.fix_category().value(), "bug-fix");
  ASSERT_GT(debriefing.fix_category().evidence_size(), 0);
  EXPECT_EQ(debriefing.fix_category().evidence(0).message_index(), 1);
  EXPECT_EQ(Pointed(stored, debriefing.fix_category().evidence(0)), "deployed a fix");
  EXPECT_EQ(debriefing.root_cause().value(), "product-defect");
  ASSERT_GT(debriefing.root_cause().evidence_size(), 0);
  for (const v1::Evidence& evidence : debriefing.root_cause().evidence()) {
    EXPECT_EQ(Pointed(stored, evidence), evidence.quote());
  }

  // Sentiment per customer message and the trajectory: frustrated, then relieved.
  const v1::Sentiment& sentiment = debriefing.sentiment();
  ASSERT_EQ(sentiment.messages_size(), 2);
  EXPECT_EQ(sentiment.messages(0).message_index(), 0);
  EXPECT_EQ(sentiment.messages(0).label(), v1::SENTIMENT_LABEL_NEGATIVE);
  EXPECT_EQ(sentiment.messages(1).message_index(), 2);
  EXPECT_EQ(sentiment.messages(1).label(), v1::SENTIMENT_LABEL_POSITIVE);
  EXPECT_GT(sentiment.delta(), 0.5);
  std::vector<std::string> first_words;
  for (const v1::Evidence& evidence : sentiment.messages(0).evidence()) {
    first_words.push_back(Pointed(stored, evidence));
  }
  EXPECT_THAT(first_words, Contains("really frustrated"));
  EXPECT_EQ(Pointed(stored, sentiment.messages(1).evidence(0)), "That fixed it");

  // Competitive information.
  ASSERT_EQ(debriefing.competitors_size(), 1);
  EXPECT_EQ(debriefing.competitors(0).competitor(), "Looker");
  EXPECT_EQ(debriefing.competitors(0).alias(), "Looker Studio");
  EXPECT_EQ(debriefing.competitors(0).context(), v1::COMPETITOR_CONTEXT_PRICING);
  EXPECT_EQ(Pointed(stored, debriefing.competitors(0).evidence()),
            "Honestly, Looker Studio is half the price.");

  // Product feedback: the feature request with its area and words, and the defect.
  bool request_found = false;
  for (const v1::ProductFeedback& feedback : debriefing.product_feedback()) {
    EXPECT_EQ(Pointed(stored, feedback.evidence()), feedback.evidence().quote());
    if (feedback.kind() == v1::FEEDBACK_KIND_FEATURE_REQUEST) {
      request_found = true;
      EXPECT_EQ(feedback.product_area(), "bug/export");
      EXPECT_EQ(Pointed(stored, feedback.evidence()),
                "It would be great if the export could run in the background.");
    }
  }
  EXPECT_TRUE(request_found);

  // Error signatures, verbatim and normalized.
  ASSERT_GT(debriefing.errors_size(), 0);
  EXPECT_EQ(debriefing.errors(0).normalized(), "HTTP 500");
  EXPECT_EQ(debriefing.errors(0).kind(), "http_status");
  EXPECT_EQ(Pointed(stored, debriefing.errors(0).evidence()), "HTTP 500 Internal Server Error");
  EXPECT_EQ(debriefing.errors(0).fingerprint().size(), 20u);

  // Relationship signals in the customer's words.
  bool seats = false;
  for (const v1::Signal& signal : debriefing.relationship().signals()) {
    if (signal.kind() != "expansion.seats") continue;
    seats = true;
    EXPECT_EQ(Pointed(stored, signal.evidence()), "We also need to add 10 more seats next month.");
  }
  EXPECT_TRUE(seats);

  // Normalization: the quoted earlier reply and the signatures are gone from the record.
  const std::string reply = stored["messages"][1]["body_text"];
  EXPECT_THAT(reply, Not(HasSubstr("wrote:")));
  EXPECT_THAT(std::string(stored["messages"][2]["body_text"]), Not(HasSubstr("iPhone")));

  // No raw personal data anywhere: the answer, every database file, the logs.
  ExpectNoRawPersonalData("response", response.DebugString());
  for (const auto& entry : std::filesystem::directory_iterator(data_dir)) {
    if (entry.is_regular_file()) ExpectNoRawPersonalData(entry.path().string(), ReadAll(entry.path()));
  }
  EXPECT_THAT(logs, HasSubstr("ZD-4711"));  // the capture did see the server's logs
  ExpectNoRawPersonalData("logs", logs);
}

}  // namespace
}  // namespace debrief
