#include "server/learning/learner.h"

#include "gtest/gtest.h"
#include "tests/fakes/fake_clock.h"

namespace debrief::learning {
namespace {

Example Close(const std::string& text, const std::string& tag) {
  return {.text = text, .labels = {{"tags", {tag}}}};
}

TEST(LearnerTest, PublishesAnIsolatedUpdateAtOnce) {
  testing::FakeClock clock;
  config::LearningOptions options;
  std::unique_ptr<Learner> learner = Learner::Create(options, clock, nullptr);
  const std::shared_ptr<const LearnedModel> before = learner->model();
  EXPECT_EQ(learner->LearnClose(Close("refund please", "billing/refund/request"), 1), 1);
  EXPECT_EQ(before->examples(), 0);  // readers keep their snapshot, untouched
  EXPECT_EQ(learner->model()->examples(), 1);
}

TEST(LearnerTest, CoalescesABurstIntoOnePublicationPerInterval) {
  testing::FakeClock clock;
  config::LearningOptions options;
  options.publish_interval = absl::Seconds(1);
  std::unique_ptr<Learner> learner = Learner::Create(options, clock, nullptr);
  learner->LearnClose(Close("refund please", "billing/refund/request"), 1);
  learner->LearnClose(Close("money back", "billing/refund/request"), 2);
  learner->LearnClose(Close("refund now", "billing/refund/request"), 3);
  EXPECT_EQ(learner->model()->examples(), 1);
  EXPECT_TRUE(learner->PublishPending());
  EXPECT_EQ(learner->model()->examples(), 3);
  EXPECT_FALSE(learner->PublishPending());
  clock.Advance(absl::Seconds(2));
  learner->LearnClose(Close("refund again", "billing/refund/request"), 4);
  EXPECT_EQ(learner->model()->examples(), 4);
}

TEST(LearnerTest, ThePositionOnlyPassesSequencesWhoseWholePrefixWasLearned) {
  testing::FakeClock clock;
  std::unique_ptr<Learner> learner = Learner::Create(config::LearningOptions{}, clock, nullptr);
  learner->LearnClose(Close("a", "x"), 1);
  learner->LearnClose(Close("c", "x"), 3);  // 2 is still being learned by another thread
  EXPECT_EQ(learner->position().close_sequence, 1);
  learner->LearnClose(Close("b", "x"), 2);
  EXPECT_EQ(learner->position().close_sequence, 3);
  learner->LearnFeedback("a", "tags", {}, {"x"}, 5);
  EXPECT_EQ(learner->position().feedback_sequence, 0);
  learner->LearnFeedback("a", "tags", {"x"}, {}, 4);
  EXPECT_EQ(learner->position().feedback_sequence, 0);
}

TEST(LearnerTest, StartsFromASnapshotAndSaysWhyItDiscardsOne) {
  testing::FakeClock clock;
  config::LearningOptions options;
  std::unique_ptr<Learner> first = Learner::Create(options, clock, nullptr);
  first->LearnClose(Close("refund please", "billing/refund/request"), 1);
  const Learner::Encoded encoded = first->Encode();
  EXPECT_EQ(first->unsaved_updates(), 1);
  first->MarkSaved(encoded.examples);
  EXPECT_EQ(first->unsaved_updates(), 0);

  std::string discarded;
  std::unique_ptr<Learner> second = Learner::Create(options, clock, &encoded.bytes, &discarded);
  EXPECT_TRUE(discarded.empty());
  EXPECT_EQ(second->model()->version(), encoded.version);
  EXPECT_EQ(second->position().close_sequence, 1);

  config::LearningOptions changed = options;
  changed.features.hash_bits = 18;
  std::unique_ptr<Learner> third = Learner::Create(changed, clock, &encoded.bytes, &discarded);
  EXPECT_NE(discarded, "");
  EXPECT_EQ(third->model()->examples(), 0);
}

}  // namespace
}  // namespace debrief::learning
