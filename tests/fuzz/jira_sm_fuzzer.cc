// libFuzzer target: jira_sm webhook body -> HookEvent (see adapter_fuzzer.h).
#include "server/ingest/jira_sm/jira_sm_adapter.h"
#include "tests/fuzz/adapter_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const debrief::ingest::JiraSmAdapter adapter;
  return debrief::fuzz::FuzzAdapter(adapter, data, size);
}
