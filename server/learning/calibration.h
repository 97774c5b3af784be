// Calibration of a label space's raw probabilities, learned online from honest
// predictions: before the model trains on an example it predicts it, and each
// (raw probability, did the label apply) pair lands in a bin. The calibrated score of a
// raw probability is the positive rate its bin has seen (shrunk toward the raw value
// while the bin is thin, and made monotone), so a confidence of 0.7 means about 70% of
// such suggestions were right, whatever the label.
//
//   calibrator.Observe(0.82f, true);
//   calibrator.Rebuild();
//   double confidence = calibrator.Calibrate(0.82f);
#ifndef DEBRIEF_SERVER_LEARNING_CALIBRATION_H_
#define DEBRIEF_SERVER_LEARNING_CALIBRATION_H_

#include <array>
#include <cstdint>

#include "absl/status/statusor.h"
#include "server/learning/binary_codec.h"

namespace debrief::learning {

// Value type; thread-compatible.
class Calibrator {
 public:
  static constexpr int kBins = 20;
  // Observations a bin needs before its own rate counts as much as the raw value.
  static constexpr double kPriorWeight = 20.0;

  // Records one honest prediction.
  void Observe(float raw, bool positive);
  // Recomputes the mapping from what was observed (call before publishing).
  void Rebuild();
  // The calibrated confidence of `raw`, in [0, 1]; the identity before any observation.
  double Calibrate(float raw) const;
  // Observations so far.
  double observations() const;

  void Encode(BinaryWriter& out) const;
  static absl::StatusOr<Calibrator> Decode(BinaryReader& in);

 private:
  std::array<double, kBins> count_{};
  std::array<double, kBins> positive_{};
  // Calibrated value at each bin's centre, non-decreasing.
  std::array<double, kBins> table_ = IdentityTable();

  static std::array<double, kBins> IdentityTable();
};

}  // namespace debrief::learning

#endif  // DEBRIEF_SERVER_LEARNING_CALIBRATION_H_
