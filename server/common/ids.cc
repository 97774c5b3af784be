#include "server/common/ids.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace debrief::common {
namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Encodes the first 128 bits of `bytes` as 26 base32 characters, the first of which
// carries only 3 bits (the ULID text layout).
std::string Base32Of128Bits(const unsigned char* bytes) {
  std::string out(26, '0');
  int bit = -2;  // 26 * 5 = 130 bits: two leading zero bits, then the 128 of `bytes`.
  for (int i = 0; i < 26; ++i) {
    int value = 0;
    for (int b = 0; b < 5; ++b, ++bit) {
      value <<= 1;
      if (bit >= 0) value |= (bytes[bit / 8] >> (7 - bit % 8)) & 1;
    }
    out[i] = kCrockford[value];
  }
  return out;
}

}  // namespace

std::string Sha256(absl::string_view data) {
  // Fetched once: SHA256() looks the algorithm up on every call, which costs more than
  // hashing a short key.
  static const EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(digest.data()), &length, kSha256,
             nullptr);
  return digest;
}

std::string Sha256Hex(absl::string_view data) { return absl::BytesToHexString(Sha256(data)); }

std::string HmacSha256(absl::string_view key, absl::string_view data) {
  std::string mac(EVP_MAX_MD_SIZE, '\0');
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       reinterpret_cast<unsigned char*>(mac.data()), &length);
  mac.resize(length);
  return mac;
}

std::string StableId(absl::string_view prefix, absl::string_view key) {
  const std::string digest = Sha256(key);
  return absl::StrCat(std::string(prefix), "_",
                      Base32Of128Bits(reinterpret_cast<const unsigned char*>(digest.data())));
}

std::string NewId(absl::string_view prefix, const Clock& clock, Random& random) {
  // ULID: 48 bits of Unix milliseconds, then 80 random bits.
  unsigned char ulid[16];
  const uint64_t millis = static_cast<uint64_t>(absl::ToUnixMillis(clock.Now()));
  for (int i = 0; i < 6; ++i) ulid[i] = static_cast<unsigned char>(millis >> (8 * (5 - i)));
  const uint64_t r1 = random.Next();
  const uint64_t r2 = random.Next();
  for (int i = 0; i < 8; ++i) ulid[6 + i] = static_cast<unsigned char>(r1 >> (8 * i));
  for (int i = 0; i < 2; ++i) ulid[14 + i] = static_cast<unsigned char>(r2 >> (8 * i));
  return absl::StrCat(std::string(prefix), "_", Base32Of128Bits(ulid));
}

bool IsValidUtf8(absl::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int length = 0;
    uint32_t code = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > n) return false;
    for (int k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      code = (code << 6) | (s[i + k] & 0x3F);
    }
    if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
        (length == 4 && code < 0x10000) || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace debrief::common
