// Word tokenization shared by the rule matchers and the learned tagger. Tokens are byte
// ranges of the input, so evidence offsets stay exact. Letters, digits and any non-ASCII
// byte are word characters; an apostrophe between letters is kept inside the word.
#ifndef DEBRIEF_SERVER_ANALYSIS_TOKENIZER_H_
#define DEBRIEF_SERVER_ANALYSIS_TOKENIZER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"

namespace debrief::analysis {

struct TokenSpan {
  size_t start = 0;
  size_t end = 0;
};

// ASCII-lowercased copy of `text` (same length; non-ASCII bytes unchanged).
std::string LowerAscii(absl::string_view text);

// Word tokens of `text`, in order.
std::vector<TokenSpan> Tokenize(absl::string_view text);

// The token strings of `text`, lowercased (for building matchers from config).
std::vector<std::string> TokenWords(absl::string_view text);

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_TOKENIZER_H_
