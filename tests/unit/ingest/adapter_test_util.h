// Helpers for the vendor adapter tests: parse a body (with headers) the way the route does,
// and edit a test payload.
#ifndef DEBRIEF_TESTS_UNIT_INGEST_ADAPTER_TEST_UTIL_H_
#define DEBRIEF_TESTS_UNIT_INGEST_ADAPTER_TEST_UTIL_H_

#include <functional>
#include <map>
#include <string>

#include "nlohmann/json.hpp"
#include "server/ingest/adapter.h"

namespace debrief::ingest {

inline absl::StatusOr<HookEvent> ParseBody(const Adapter& adapter, const std::string& body,
                                           const std::map<std::string, std::string>& headers = {}) {
  HookRequest request;
  request.body = body;
  for (const auto& [name, value] : headers) request.SetHeader(name, value);
  return ParseHook(adapter, request);
}

// `body` (JSON) after `edit`.
inline std::string Edited(const std::string& body, const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json payload = nlohmann::json::parse(body);
  edit(payload);
  return payload.dump();
}

}  // namespace debrief::ingest

#endif  // DEBRIEF_TESTS_UNIT_INGEST_ADAPTER_TEST_UTIL_H_
