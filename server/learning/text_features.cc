#include "server/learning/text_features.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "server/analysis/tokenizer.h"

namespace debrief::learning {
namespace {

// SplitMix64 finalizer: a strong, fast mixing of 64 bits.
uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// FNV-1a over `bytes`, seeded.
uint64_t HashBytes(const char* bytes, size_t size, uint64_t seed) {
  uint64_t h = 0xCBF29CE484222325ull ^ seed;
  for (size_t i = 0; i < size; ++i) {
    h ^= static_cast<unsigned char>(bytes[i]);
    h *= 0x100000001B3ull;
  }
  return h;
}

// Group salts, so a word and a character n-gram with the same bytes differ.
constexpr uint64_t kWordSalt = 0x5741ull;
constexpr uint64_t kCharSalt = 0x4348ull;

// Sorts `values` (each below 2^bits) with an LSD radix sort: linear in the few thousand
// n-grams of a ticket, where a comparison sort costs more than the scoring itself.
void RadixSort(std::vector<uint32_t>& values, int bits) {
  constexpr int kDigitBits = 11;
  constexpr size_t kDigits = size_t{1} << kDigitBits;
  std::vector<uint32_t> scratch(values.size());
  std::vector<uint32_t> offsets(kDigits);
  for (int shift = 0; shift < bits; shift += kDigitBits) {
    std::fill(offsets.begin(), offsets.end(), 0);
    for (const uint32_t v : values) ++offsets[(v >> shift) & (kDigits - 1)];
    uint32_t total = 0;
    for (uint32_t& offset : offsets) total += std::exchange(offset, total);
    for (const uint32_t v : values) scratch[offsets[(v >> shift) & (kDigits - 1)]++] = v;
    values.swap(scratch);
  }
}

// Counts `buckets`, turns counts into log-scaled values and scales the group to `norm`
// (Euclidean), appending (bucket, value) to `out` in ascending bucket order.
void AppendGroup(std::vector<uint32_t>& buckets, int bits, float norm,
                 std::vector<std::pair<uint32_t, float>>& out) {
  if (buckets.empty()) return;
  RadixSort(buckets, bits);
  const size_t first = out.size();
  double sum_squares = 0;
  for (size_t i = 0; i < buckets.size();) {
    size_t j = i + 1;
    while (j < buckets.size() && buckets[j] == buckets[i]) ++j;
    const float value = 1.0f + std::log(static_cast<float>(j - i));
    sum_squares += static_cast<double>(value) * value;
    out.emplace_back(buckets[i], value);
    i = j;
  }
  const float scale = norm / static_cast<float>(std::sqrt(sum_squares));
  for (size_t i = first; i < out.size(); ++i) out[i].second *= scale;
}

}  // namespace

TextFeaturizer::TextFeaturizer(const config::FeatureOptions& options, uint64_t seed)
    : options_(options), seed_(Mix(seed)), mask_((1u << options.hash_bits) - 1) {}

SparseFeatures TextFeaturizer::Extract(absl::string_view text) const {
  if (static_cast<int64_t>(text.size()) > options_.max_text_bytes) {
    text = text.substr(0, static_cast<size_t>(options_.max_text_bytes));
  }
  const std::string lower = analysis::LowerAscii(text);
  const std::vector<analysis::TokenSpan> tokens = analysis::Tokenize(lower);
  auto bucket = [&](uint64_t h) {
    // Bucket 0 is the bias; a feature hashing there moves to bucket 1.
    const uint32_t b = static_cast<uint32_t>(Mix(h)) & mask_;
    return b == kBiasBucket ? 1u : b;
  };

  std::vector<uint64_t> word_hashes;
  word_hashes.reserve(tokens.size());
  std::vector<uint32_t> words;
  words.reserve(tokens.size() * static_cast<size_t>(options_.word_ngrams));
  std::vector<uint32_t> chars;
  std::string marked;
  for (const analysis::TokenSpan& token : tokens) {
    const char* start = lower.data() + token.start;
    const size_t size = token.end - token.start;
    word_hashes.push_back(HashBytes(start, size, seed_ ^ kWordSalt));
    if (options_.char_ngram_max == 0) continue;
    marked.assign(1, '<');
    marked.append(start, size);
    marked.push_back('>');
    const int n_max = options_.char_ngram_max;
    for (size_t i = 0; i < marked.size(); ++i) {
      // Skip UTF-8 continuation bytes as n-gram starts, so n-grams begin on characters.
      if ((static_cast<unsigned char>(marked[i]) & 0xC0) == 0x80) continue;
      for (int n = options_.char_ngram_min; n <= n_max && i + static_cast<size_t>(n) <= marked.size(); ++n) {
        // The whole marked word is already a word feature.
        if (i == 0 && static_cast<size_t>(n) == marked.size()) continue;
        chars.push_back(bucket(HashBytes(marked.data() + i, static_cast<size_t>(n), seed_ ^ kCharSalt)));
      }
    }
  }
  for (size_t i = 0; i < word_hashes.size(); ++i) {
    uint64_t h = word_hashes[i];
    words.push_back(bucket(h));
    for (int n = 2; n <= options_.word_ngrams && i + static_cast<size_t>(n) <= word_hashes.size(); ++n) {
      h = Mix(h * 31 + word_hashes[i + static_cast<size_t>(n) - 1]);
      words.push_back(bucket(h + static_cast<uint64_t>(n)));
    }
  }

  std::vector<std::pair<uint32_t, float>> merged;
  merged.reserve(words.size() + chars.size() + 1);
  merged.emplace_back(kBiasBucket, 1.0f);
  AppendGroup(words, options_.hash_bits, 1.0f, merged);
  const size_t words_end = merged.size() - 1;
  AppendGroup(chars, options_.hash_bits, 1.0f, merged);
  // Each group is sorted; merge them, then sum buckets they share (collisions) so
  // indices are distinct.
  const auto by_bucket = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::inplace_merge(merged.begin() + 1, merged.begin() + 1 + static_cast<std::ptrdiff_t>(words_end),
                     merged.end(), by_bucket);
  SparseFeatures features;
  features.index.reserve(merged.size());
  features.value.reserve(merged.size());
  for (const auto& [index, value] : merged) {
    if (!features.index.empty() && features.index.back() == index) {
      features.value.back() += value;
    } else {
      features.index.push_back(index);
      features.value.push_back(value);
    }
  }
  return features;
}

std::string LearningText(const core::Ticket& ticket) {
  std::string text = ticket.subject;
  for (const core::Message& message : ticket.messages) {
    if (message.body_text.empty()) continue;
    if (!text.empty()) text += '\n';
    text += message.body_text;
  }
  return text;
}

}  // namespace debrief::learning
