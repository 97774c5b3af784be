#include "server/config/secret.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace debrief::config {

std::string SecretRef::Describe() const {
  return env.empty() ? absl::StrCat("file:", file) : absl::StrCat("env:", env);
}

absl::StatusOr<std::string> ResolveSecret(const SecretRef& ref) {
  if (!ref.env.empty()) {
    const char* value = std::getenv(ref.env.c_str());
    if (value == nullptr || *value == '\0') {
      return absl::NotFoundError(absl::StrCat("environment variable ", ref.env, " is not set"));
    }
    return std::string(value);
  }
  if (ref.file.empty()) return absl::NotFoundError("no secret configured");
  std::ifstream in(ref.file, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("secret file ", ref.file, " cannot be read"));
  std::ostringstream contents;
  contents << in.rdbuf();
  std::string value = contents.str();
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  if (value.empty()) return absl::NotFoundError(absl::StrCat("secret file ", ref.file, " is empty"));
  return value;
}

}  // namespace debrief::config
