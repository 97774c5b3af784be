#include "server/learning/calibration.h"

#include <algorithm>
#include <vector>

#include "server/common/status_macros.h"

namespace debrief::learning {
namespace {

int BinOf(float raw) {
  const int bin = static_cast<int>(std::clamp(raw, 0.0f, 1.0f) * Calibrator::kBins);
  return std::min(bin, Calibrator::kBins - 1);
}

double Centre(int bin) { return (bin + 0.5) / Calibrator::kBins; }

}  // namespace

std::array<double, Calibrator::kBins> Calibrator::IdentityTable() {
  std::array<double, kBins> table{};
  for (int b = 0; b < kBins; ++b) table[static_cast<size_t>(b)] = Centre(b);
  return table;
}

void Calibrator::Observe(float raw, bool positive) {
  const auto bin = static_cast<size_t>(BinOf(raw));
  count_[bin] += 1;
  if (positive) positive_[bin] += 1;
}

void Calibrator::Rebuild() {
  // Shrunk rates per bin, then pool adjacent violators so the map is monotone.
  struct Block {
    double value;
    double weight;
    int bins;
  };
  std::vector<Block> blocks;
  for (int b = 0; b < kBins; ++b) {
    const auto i = static_cast<size_t>(b);
    const double weight = count_[i] + kPriorWeight;
    const double value = (positive_[i] + kPriorWeight * Centre(b)) / weight;
    blocks.push_back({value, weight, 1});
    while (blocks.size() > 1 && blocks[blocks.size() - 2].value > blocks.back().value) {
      Block last = blocks.back();
      blocks.pop_back();
      Block& previous = blocks.back();
      previous.value = (previous.value * previous.weight + last.value * last.weight) /
                       (previous.weight + last.weight);
      previous.weight += last.weight;
      previous.bins += last.bins;
    }
  }
  size_t bin = 0;
  for (const Block& block : blocks) {
    for (int k = 0; k < block.bins; ++k) table_[bin++] = block.value;
  }
}

double Calibrator::Calibrate(float raw) const {
  const double x = std::clamp(static_cast<double>(raw), 0.0, 1.0) * kBins - 0.5;
  if (x <= 0) return table_.front() * std::clamp(static_cast<double>(raw), 0.0, 1.0) / Centre(0);
  if (x >= kBins - 1) {
    const double r = std::clamp(static_cast<double>(raw), 0.0, 1.0);
    const double top = table_.back();
    return top + (1.0 - top) * (r - Centre(kBins - 1)) / (1.0 - Centre(kBins - 1));
  }
  const auto low = static_cast<size_t>(x);
  const double t = x - static_cast<double>(low);
  return table_[low] * (1 - t) + table_[low + 1] * t;
}

double Calibrator::observations() const {
  double total = 0;
  for (const double c : count_) total += c;
  return total;
}

void Calibrator::Encode(BinaryWriter& out) const {
  for (int b = 0; b < kBins; ++b) {
    out.F64(count_[static_cast<size_t>(b)]);
    out.F64(positive_[static_cast<size_t>(b)]);
  }
}

absl::StatusOr<Calibrator> Calibrator::Decode(BinaryReader& in) {
  Calibrator calibrator;
  for (size_t b = 0; b < kBins; ++b) {
    DEBRIEF_ASSIGN_OR_RETURN(calibrator.count_[b], in.F64());
    DEBRIEF_ASSIGN_OR_RETURN(calibrator.positive_[b], in.F64());
    if (!(calibrator.count_[b] >= 0 && calibrator.positive_[b] >= 0 &&
          calibrator.positive_[b] <= calibrator.count_[b])) {
      return absl::InvalidArgumentError("model snapshot: bad calibration counts");
    }
  }
  calibrator.Rebuild();
  return calibrator;
}

}  // namespace debrief::learning
