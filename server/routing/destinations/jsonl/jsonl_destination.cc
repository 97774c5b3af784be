#include "server/routing/destinations/jsonl/jsonl_destination.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace debrief::routing {

absl::StatusOr<std::unique_ptr<JsonlDestination>> JsonlDestination::Create(
    const config::DestinationOptions& options) {
  const int fd = ::open(options.path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat("destinations.", options.name, ".path: cannot open ",
                                               options.path, ": ", std::strerror(errno)));
  }
  return std::unique_ptr<JsonlDestination>(new JsonlDestination(options.path, fd));
}

JsonlDestination::~JsonlDestination() { ::close(fd_); }

DeliveryResult JsonlDestination::Deliver(const core::Insight& insight, const core::Delivery& delivery,
                                         int /*attempt*/) {
  const std::string line = InsightJson(insight, delivery) + "\n";
  DeliveryResult result;
  absl::MutexLock lock(&mu_);
  size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      result.error = absl::StrCat("writing ", path_, ": ", std::strerror(errno));
      return result;
    }
    written += static_cast<size_t>(n);
  }
  if (::fdatasync(fd_) != 0) {
    result.error = absl::StrCat("syncing ", path_, ": ", std::strerror(errno));
    return result;
  }
  result.outcome = DeliveryResult::Outcome::kDelivered;
  return result;
}

}  // namespace debrief::routing
