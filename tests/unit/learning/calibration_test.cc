#include "server/learning/calibration.h"

#include "gtest/gtest.h"

namespace debrief::learning {
namespace {

TEST(CalibratorTest, IsTheIdentityBeforeAnyObservation) {
  Calibrator calibrator;
  calibrator.Rebuild();
  EXPECT_NEAR(calibrator.Calibrate(0.3f), 0.3, 0.02);
  EXPECT_NEAR(calibrator.Calibrate(0.8f), 0.8, 0.02);
}

TEST(CalibratorTest, MapsOverconfidentScoresToTheirObservedRate) {
  Calibrator calibrator;
  // Raw 0.92 was right half the time; raw 0.12 almost never.
  for (int i = 0; i < 1000; ++i) calibrator.Observe(0.92f, i % 2 == 0);
  for (int i = 0; i < 1000; ++i) calibrator.Observe(0.12f, i % 50 == 0);
  calibrator.Rebuild();
  EXPECT_NEAR(calibrator.Calibrate(0.92f), 0.5, 0.05);
  EXPECT_NEAR(calibrator.Calibrate(0.12f), 0.02, 0.03);
}

TEST(CalibratorTest, StaysMonotone) {
  Calibrator calibrator;
  // An inverted bin (raw 0.6 right more often than raw 0.8) is pooled.
  for (int i = 0; i < 500; ++i) calibrator.Observe(0.62f, i % 10 != 0);
  for (int i = 0; i < 500; ++i) calibrator.Observe(0.82f, i % 2 == 0);
  calibrator.Rebuild();
  double previous = 0;
  for (float raw = 0; raw <= 1.0f; raw += 0.01f) {
    const double value = calibrator.Calibrate(raw);
    EXPECT_GE(value + 1e-12, previous) << "at raw " << raw;
    previous = value;
  }
}

TEST(CalibratorTest, RoundTripsThroughItsEncoding) {
  Calibrator calibrator;
  for (int i = 0; i < 300; ++i) calibrator.Observe(0.7f, i % 3 == 0);
  calibrator.Rebuild();
  BinaryWriter writer;
  calibrator.Encode(writer);
  BinaryReader reader(writer.bytes());
  absl::StatusOr<Calibrator> decoded = Calibrator::Decode(reader);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_DOUBLE_EQ(decoded->Calibrate(0.7f), calibrator.Calibrate(0.7f));
  EXPECT_DOUBLE_EQ(decoded->observations(), 300);
}

}  // namespace
}  // namespace debrief::learning
