// An immutable value that is replaced wholesale at runtime (the configuration-derived
// components on reload, the learned model after updates). Readers take a shared_ptr and
// keep using it while a writer installs a new one; nobody waits on a rebuild.
//
//   Snapshot<Components> current(std::move(initial));
//   std::shared_ptr<const Components> components = current.Get();
//   current.Set(std::move(rebuilt));
#ifndef DEBRIEF_SERVER_COMMON_SNAPSHOT_H_
#define DEBRIEF_SERVER_COMMON_SNAPSHOT_H_

#include <memory>
#include <utility>

#include "absl/synchronization/mutex.h"

namespace debrief::common {

// Thread-safe.
template <typename T>
class Snapshot {
 public:
  explicit Snapshot(std::shared_ptr<const T> value) : value_(std::move(value)) {}

  // The current value (never waits on a writer for longer than a pointer copy).
  std::shared_ptr<const T> Get() const {
    absl::MutexLock lock(&mu_);
    return value_;
  }

  // Installs `value`; readers holding the old one keep it alive until they drop it.
  void Set(std::shared_ptr<const T> value) {
    absl::MutexLock lock(&mu_);
    value_.swap(value);
  }

 private:
  mutable absl::Mutex mu_;
  std::shared_ptr<const T> value_ ABSL_GUARDED_BY(mu_);
};

}  // namespace debrief::common

#endif  // DEBRIEF_SERVER_COMMON_SNAPSHOT_H_
