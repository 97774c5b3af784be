// libFuzzer target: helpscout webhook body -> HookEvent (see adapter_fuzzer.h).
#include "server/ingest/helpscout/helpscout_adapter.h"
#include "tests/fuzz/adapter_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const debrief::ingest::HelpScoutAdapter adapter;
  return debrief::fuzz::FuzzAdapter(adapter, data, size);
}
