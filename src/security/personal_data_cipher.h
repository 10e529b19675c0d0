// XChaCha20-Poly1305 (libsodium) for personal data at rest, with a key ring so keys can rotate,
// and BLAKE2b blind indexes under a separate key.
//
// Key file (mode 0600), one entry a line:
//   index <base64 32-byte key>        the blind-index key (never rotated)
//   key <id> <base64 32-byte key>     data keys; the highest id seals new values
// Sealed value: 1 byte version (1) | 4 bytes key id (big-endian) | 24 bytes nonce | ciphertext+tag.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "domain/sealing/cipher.h"

namespace closeloop::security {

struct KeyRing {
  std::string index_key;
  std::map<std::uint32_t, std::string> data_keys;

  // Reads the key file, creating it with fresh keys when it does not exist. Throws on a
  // malformed file.
  static KeyRing LoadOrCreate(const std::string& path);
  // Adds a new data key with the next id to the file and returns its id.
  static std::uint32_t AddKey(const std::string& path);
};

class SodiumPersonalDataCipher final : public domain::PersonalDataCipher {
 public:
  explicit SodiumPersonalDataCipher(KeyRing keys);
  std::string Seal(const std::string& field, const std::string& plaintext) override;
  std::string Open(const std::string& field, const std::string& sealed) override;
  std::string BlindIndex(const std::string& field, const std::string& normalized) override;
  std::uint32_t CurrentKeyId() const override { return current_; }
  std::uint32_t KeyIdOf(const std::string& sealed) const override;

 private:
  KeyRing keys_;
  std::uint32_t current_ = 0;
};

}  // namespace closeloop::security
