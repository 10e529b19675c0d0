// The sealing of personal data at rest (security/ implements it).
#pragma once

#include <string>

namespace closeloop::domain {

// Authenticated encryption of personal data at rest (PIPL Art. 51) and keyed "blind indexes"
// that allow exact lookups without storing the value. `field` names the column and is bound to
// the ciphertext, so a value cannot be moved to another field unnoticed.
class PersonalDataCipher {
 public:
  virtual ~PersonalDataCipher() = default;
  // Empty plaintext seals to empty (nothing stored).
  virtual std::string Seal(const std::string& field, const std::string& plaintext) = 0;
  // Throws when the value was tampered with or its key is unknown.
  virtual std::string Open(const std::string& field, const std::string& sealed) = 0;
  // A keyed digest of a normalised value; equal values give equal digests. Empty gives empty.
  virtual std::string BlindIndex(const std::string& field, const std::string& normalized) = 0;
  virtual std::uint32_t CurrentKeyId() const = 0;
  // The id of the key that sealed `sealed` (0 for empty).
  virtual std::uint32_t KeyIdOf(const std::string& sealed) const = 0;
};

}  // namespace closeloop::domain
