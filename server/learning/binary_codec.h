// Little helpers to write and read the model snapshot format: fixed-width integers,
// floats, strings and float arrays, appended to / read from a byte string. The reader
// never reads past its buffer; every failure is a status.
#ifndef DEBRIEF_SERVER_LEARNING_BINARY_CODEC_H_
#define DEBRIEF_SERVER_LEARNING_BINARY_CODEC_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace debrief::learning {

// Appends to a string. Thread-compatible.
class BinaryWriter {
 public:
  void U32(uint32_t value) { Raw(&value, sizeof value); }
  void U64(uint64_t value) { Raw(&value, sizeof value); }
  void I64(int64_t value) { Raw(&value, sizeof value); }
  void F64(double value) { Raw(&value, sizeof value); }
  void Bool(bool value) { U32(value ? 1 : 0); }
  void String(absl::string_view value) {
    U64(value.size());
    bytes_.append(value.data(), value.size());
  }
  void Floats(const float* values, size_t count) {
    U64(count);
    Raw(values, count * sizeof(float));
  }
  std::string& bytes() { return bytes_; }

 private:
  void Raw(const void* data, size_t size) { bytes_.append(static_cast<const char*>(data), size); }
  std::string bytes_;
};

// Reads a byte string written by BinaryWriter. Thread-compatible.
class BinaryReader {
 public:
  explicit BinaryReader(absl::string_view bytes) : bytes_(bytes) {}

  absl::StatusOr<uint32_t> U32() { return Fixed<uint32_t>(); }
  absl::StatusOr<uint64_t> U64() { return Fixed<uint64_t>(); }
  absl::StatusOr<int64_t> I64() { return Fixed<int64_t>(); }
  absl::StatusOr<double> F64() { return Fixed<double>(); }
  absl::StatusOr<bool> Bool() {
    absl::StatusOr<uint32_t> value = U32();
    if (!value.ok()) return value.status();
    return *value != 0;
  }
  absl::StatusOr<std::string> String() {
    absl::StatusOr<uint64_t> size = U64();
    if (!size.ok()) return size.status();
    if (*size > remaining()) return Truncated();
    std::string value(bytes_.substr(position_, *size));
    position_ += *size;
    return value;
  }
  absl::Status Floats(std::vector<float>& out) {
    absl::StatusOr<uint64_t> count = U64();
    if (!count.ok()) return count.status();
    if (*count > remaining() / sizeof(float)) return Truncated();
    out.resize(*count);
    std::memcpy(out.data(), bytes_.data() + position_, *count * sizeof(float));
    position_ += *count * sizeof(float);
    return absl::OkStatus();
  }
  size_t remaining() const { return bytes_.size() - position_; }

 private:
  template <typename T>
  absl::StatusOr<T> Fixed() {
    if (remaining() < sizeof(T)) return Truncated();
    T value;
    std::memcpy(&value, bytes_.data() + position_, sizeof(T));
    position_ += sizeof(T);
    return value;
  }
  static absl::Status Truncated() { return absl::DataLossError("model snapshot is truncated"); }

  absl::string_view bytes_;
  size_t position_ = 0;
};

}  // namespace debrief::learning

#endif  // DEBRIEF_SERVER_LEARNING_BINARY_CODEC_H_
