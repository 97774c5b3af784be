// Status propagation and invariant checks.
//
// The Abseil packaged with Debian 12 (20220623) has neither ABSL_RETURN_IF_ERROR nor
// absl/log, so these three macros are the project's own:
//
//   DEBRIEF_RETURN_IF_ERROR(store.Open());
//   DEBRIEF_ASSIGN_OR_RETURN(auto rows, store.Query(q));
//   DEBRIEF_CHECK(index < size) << "index out of range";
#ifndef DEBRIEF_SERVER_COMMON_STATUS_MACROS_H_
#define DEBRIEF_SERVER_COMMON_STATUS_MACROS_H_

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <utility>

#include "absl/base/optimization.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define DEBRIEF_STATUS_CONCAT_INNER_(a, b) a##b
#define DEBRIEF_STATUS_CONCAT_(a, b) DEBRIEF_STATUS_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function if `expr` is not OK.
#define DEBRIEF_RETURN_IF_ERROR(expr) \
  DEBRIEF_RETURN_IF_ERROR_IMPL_(DEBRIEF_STATUS_CONCAT_(debrief_status_, __LINE__), expr)

#define DEBRIEF_RETURN_IF_ERROR_IMPL_(status, expr)         \
  do {                                                      \
    ::absl::Status status = (expr);                         \
    if (ABSL_PREDICT_FALSE(!status.ok())) return status;    \
  } while (false)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status, otherwise
// moves the value into `lhs` (which may be a declaration).
#define DEBRIEF_ASSIGN_OR_RETURN(lhs, rexpr) \
  DEBRIEF_ASSIGN_OR_RETURN_IMPL_(DEBRIEF_STATUS_CONCAT_(debrief_statusor_, __LINE__), lhs, rexpr)

#define DEBRIEF_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr)           \
  auto statusor = (rexpr);                                              \
  if (ABSL_PREDICT_FALSE(!statusor.ok())) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

namespace debrief::common::internal {

// Streams a failure message and aborts when destroyed. Used only by DEBRIEF_CHECK.
class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* condition) {
    stream_ << file << ":" << line << ": check failed: " << condition << " ";
  }
  CheckFailure(const CheckFailure&) = delete;
  CheckFailure& operator=(const CheckFailure&) = delete;
  [[noreturn]] ~CheckFailure() {
    std::cerr << stream_.str() << std::endl;
    std::abort();
  }
  std::ostream& stream() { return stream_; }

 private:
  std::ostringstream stream_;
};

}  // namespace debrief::common::internal

// Aborts with a message when `condition` is false. For what cannot happen; anything the
// outside world can cause is reported as an absl::Status instead.
#define DEBRIEF_CHECK(condition)             \
  if (ABSL_PREDICT_TRUE(condition)) {        \
  } else                                     \
    ::debrief::common::internal::CheckFailure(__FILE__, __LINE__, #condition).stream()

#endif  // DEBRIEF_SERVER_COMMON_STATUS_MACROS_H_
