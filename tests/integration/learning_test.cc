// The learned tagger in the real debriefd: online learning from closes and feedback,
// persistence across restarts (snapshot, and replay of what a snapshot missed), the
// Backfill stream, and the "unchanged at close" metric.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "server/config/storage_options.h"
#include "server/storage/sqlite_database.h"
#include "tests/testing/test_env.h"
#include "tests/testing/test_server.h"

namespace debrief {
namespace {

using ::testing::HasSubstr;

// Closes carrying a tag no rule of the shipped taxonomy finds in the texts below, after
// which it is the top suggestion for a new ticket on the subject.
constexpr int kClosesToLearnANewTag = 3;

// The shipped config with every update published at once (no coalescing), so each
// answer reflects every update acknowledged before it.
std::string LearningConfig() {
  std::string config = testing::ShippedConfig();
  const std::string from = "publish_interval: 250ms";
  EXPECT_NE(config.find(from), std::string::npos);
  return absl::StrReplaceAll(config, {{from, "publish_interval: 0s"}});
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return context;
}

v1::Ticket TicketWith(const std::string& id, const std::string& text,
                      const std::vector<std::string>& tags) {
  v1::Ticket ticket;
  ticket.set_source(v1::SOURCE_GENERIC);
  ticket.set_ticket_id(id);
  v1::Message* message = ticket.add_messages();
  message->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  message->set_body_text(text);
  for (const std::string& tag : tags) ticket.add_tags(tag);
  return ticket;
}

// Erasure requests in words none of data-privacy/gdpr's keywords match.
const std::vector<std::string>& ErasureTexts() {
  static const auto* texts = new std::vector<std::string>{
      "Please erase every record you hold about me and my colleagues.",
      "We want all records about our former employees erased from your systems.",
      "Erase the records you keep about my account holders, as required by law.",
      "Kindly erase every stored record about me before the end of the month.",
  };
  return *texts;
}
constexpr char kErasureQuery[] = "Could you erase all the records you hold about our staff?";

class LearnedTaggerTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(testing::TestServer::Start(LearningConfig())); }

  void Start(std::unique_ptr<testing::TestServer> server) {
    server_ = std::move(server);
    ASSERT_NE(server_, nullptr);
    stub_ = v1::Debrief::NewStub(server_->channel());
  }

  void Restart() {
    const std::string config = server_->config_path();
    const std::string data = server_->data_dir();
    server_->Stop();
    server_.reset();
    Start(testing::TestServer::Restart(config, data));
  }

  v1::Debriefing Close(const v1::Ticket& ticket) {
    v1::OnTicketClosedRequest request;
    *request.mutable_ticket() = ticket;
    v1::OnTicketClosedResponse response;
    const grpc::Status status = stub_->OnTicketClosed(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.debriefing();
  }

  v1::SuggestTagsResponse Suggest(const std::string& text, const std::string& id = "open-1") {
    v1::SuggestTagsRequest request;
    *request.mutable_ticket() = TicketWith(id, text, {});
    v1::SuggestTagsResponse response;
    const grpc::Status status = stub_->SuggestTags(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  double ConfidenceOf(const v1::SuggestTagsResponse& response, const std::string& tag) {
    for (const v1::Label& label : response.tags()) {
      if (label.value() == tag) return label.confidence();
    }
    return 0;
  }

  void LearnErasureTag(int closes) {
    for (int i = 0; i < closes; ++i) {
      Close(TicketWith(absl::StrCat("erase-", i), ErasureTexts()[static_cast<size_t>(i)], {"privacy"}));
    }
  }

  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<v1::Debrief::Stub> stub_;
};

TEST_F(LearnedTaggerTest, ANeverSeenTagBecomesTheTopSuggestionAfterThreeCloses) {
  EXPECT_EQ(ConfidenceOf(Suggest(kErasureQuery), "data-privacy/gdpr"), 0);
  for (int i = 0; i < kClosesToLearnANewTag; ++i) {
    const v1::SuggestTagsResponse before = Suggest(kErasureQuery);
    EXPECT_TRUE(before.tags().empty() || before.tags(0).value() != "data-privacy/gdpr")
        << "already suggested first after " << i << " closes";
    Close(TicketWith(absl::StrCat("erase-", i), ErasureTexts()[static_cast<size_t>(i)], {"privacy"}));
  }
  const v1::SuggestTagsResponse after = Suggest(kErasureQuery);
  ASSERT_GT(after.tags_size(), 0);
  EXPECT_EQ(after.tags(0).value(), "data-privacy/gdpr");
  EXPECT_EQ(after.tags(0).source(), v1::LABEL_SOURCE_MODEL);
  EXPECT_GE(after.tags(0).confidence(), 0.5);
  EXPECT_THAT(after.model_version(), HasSubstr("+model-"));
}

TEST_F(LearnedTaggerTest, ARejectedSuggestionLosesScore) {
  LearnErasureTag(kClosesToLearnANewTag);
  const v1::SuggestTagsResponse suggested = Suggest(kErasureQuery);
  const double before = ConfidenceOf(suggested, "data-privacy/gdpr");
  ASSERT_GT(before, 0);

  v1::RecordFeedbackRequest feedback;
  feedback.set_decision_id(suggested.decision_id());
  feedback.add_rejected("data-privacy/gdpr");
  v1::RecordFeedbackResponse result;
  const grpc::Status status = stub_->RecordFeedback(Context().get(), feedback, &result);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(result.model_updates(), 1);
  EXPECT_LT(ConfidenceOf(Suggest(kErasureQuery), "data-privacy/gdpr"), before);
}

TEST_F(LearnedTaggerTest, GivesTheSameSuggestionsAfterARestart) {
  LearnErasureTag(4);
  Close(TicketWith("refund-1", "Please send my money back for the unused months", {"refund"}));
  const v1::SuggestTagsResponse before = Suggest(kErasureQuery);
  ASSERT_GT(before.tags_size(), 0);

  Restart();
  const v1::SuggestTagsResponse after = Suggest(kErasureQuery);
  EXPECT_EQ(after.model_version(), before.model_version());
  ASSERT_EQ(after.tags_size(), before.tags_size());
  for (int i = 0; i < before.tags_size(); ++i) {
    EXPECT_EQ(after.tags(i).value(), before.tags(i).value());
    EXPECT_DOUBLE_EQ(after.tags(i).confidence(), before.tags(i).confidence());
    EXPECT_EQ(after.tags(i).source(), before.tags(i).source());
  }
}

TEST_F(LearnedTaggerTest, ReplaysClosesRecordedAfterTheLastSnapshot) {
  LearnErasureTag(4);
  const v1::SuggestTagsResponse before = Suggest(kErasureQuery);
  const std::string config = server_->config_path();
  const std::string data = server_->data_dir();
  server_->Stop();
  server_.reset();
  {
    // As if the process died before any snapshot: only the history remains.
    config::StorageOptions storage;
    storage.data_dir = data;
    auto database = storage::SqliteDatabase::Open(storage);
    ASSERT_TRUE(database.ok()) << database.status();
    ASSERT_TRUE((*database)
                    ->Write([](storage::SqliteDb& db) { return db.Exec("DELETE FROM model_snapshots"); })
                    .ok());
  }
  Start(testing::TestServer::Restart(config, data));
  const v1::SuggestTagsResponse after = Suggest(kErasureQuery);
  ASSERT_GT(after.tags_size(), 0);
  EXPECT_EQ(after.tags(0).value(), before.tags(0).value());
  EXPECT_NEAR(after.tags(0).confidence(), before.tags(0).confidence(), 1e-9);
}

TEST_F(LearnedTaggerTest, BackfillRecordsAndTrainsAndReportsWhatItRejected) {
  v1::BackfillResponse response;
  {
    auto context = Context();
    auto writer = stub_->Backfill(context.get(), &response);
    v1::BackfillRequest request;
    for (size_t i = 0; i < ErasureTexts().size(); ++i) {
      *request.mutable_ticket() = TicketWith(absl::StrCat("old-", i), ErasureTexts()[i], {"privacy", "legacy_tag"});
      ASSERT_TRUE(writer->Write(request));
    }
    // A repeat of the first (same close), and one without any message.
    *request.mutable_ticket() = TicketWith("old-0", ErasureTexts()[0], {"privacy", "legacy_tag"});
    ASSERT_TRUE(writer->Write(request));
    request.mutable_ticket()->clear_messages();
    request.mutable_ticket()->set_ticket_id("broken");
    ASSERT_TRUE(writer->Write(request));
    writer->WritesDone();
    const grpc::Status status = writer->Finish();
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(response.received(), 6);
  EXPECT_EQ(response.recorded(), 4);
  EXPECT_EQ(response.duplicates(), 1);
  EXPECT_EQ(response.rejected(), 1);
  EXPECT_EQ(response.trained(), 4);
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).index(), 5);
  EXPECT_EQ(response.errors(0).ticket_id(), "broken");
  EXPECT_THAT(response.errors(0).error(), HasSubstr("ticket.messages"));

  const v1::SuggestTagsResponse suggested = Suggest(kErasureQuery);
  ASSERT_GT(suggested.tags_size(), 0);
  EXPECT_EQ(suggested.tags(0).value(), "data-privacy/gdpr");
  httplib::Client http("127.0.0.1", server_->http_port());
  auto metrics = http.Get("/metrics");
  ASSERT_TRUE(metrics);
  // The unknown helpdesk tag of each recorded ticket was counted, not dropped silently.
  EXPECT_THAT(metrics->body, HasSubstr("debrief_unknown_helpdesk_tags_total 4"));
}

TEST_F(LearnedTaggerTest, ExposesTheShareOfSuggestionsUnchangedAtClosePerLabel) {
  const std::string text = "Hello, you charged me twice this month";
  const v1::SuggestTagsResponse suggested = Suggest(text, "t-77");
  ASSERT_GT(ConfidenceOf(suggested, "billing/refund/double-charge"), 0);
  // Feedback commits the logged suggestion before the ticket closes.
  v1::RecordFeedbackRequest feedback;
  feedback.set_decision_id(suggested.decision_id());
  feedback.add_accepted("billing/refund/double-charge");
  v1::RecordFeedbackResponse result;
  ASSERT_TRUE(stub_->RecordFeedback(Context().get(), feedback, &result).ok());

  Close(TicketWith("t-77", text, {"double_charge"}));
  httplib::Client http("127.0.0.1", server_->http_port());
  auto metrics = http.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_THAT(metrics->body,
              HasSubstr("debrief_suggestions_unchanged_at_close_ratio{label=\"billing/refund/double-charge\"} 1"));
  for (const v1::Label& label : suggested.tags()) {
    if (label.value() == "billing/refund/double-charge") continue;
    EXPECT_THAT(metrics->body, HasSubstr(absl::StrCat(
                                   "debrief_suggestions_unchanged_at_close_ratio{label=\"",
                                   label.value(), "\"} 0")));
  }
}

}  // namespace
}  // namespace debrief
