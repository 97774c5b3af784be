// `debriefd digest --audience product --period 2026-W47 --format html|md|json`: one
// digest built from the store of the effective configuration and written to stdout. Safe
// while debriefd serves the same data dir (it only reads).
#ifndef DEBRIEF_SERVER_APP_DIGEST_COMMAND_H_
#define DEBRIEF_SERVER_APP_DIGEST_COMMAND_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "server/app/debriefd.h"
#include "server/common/clock.h"

namespace debrief::app {

struct DigestCommand {
  // product, success or sales. Required.
  std::string audience;
  // ISO week "2026-W47"; empty means the last complete week.
  std::string period;
  // md (Markdown), html (a self-contained page) or json (debrief.v1.Digest). Default md.
  std::string format = "md";
  Overrides overrides;
};

// Writes the digest to `out`. INVALID_ARGUMENT naming --audience, --period or --format;
// the config's or storage's error otherwise.
absl::Status RunDigestCommand(const DigestCommand& command, const common::Clock& clock,
                              std::ostream& out);

}  // namespace debrief::app

#endif  // DEBRIEF_SERVER_APP_DIGEST_COMMAND_H_
