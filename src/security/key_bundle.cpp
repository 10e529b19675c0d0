#include "security/key_bundle.h"

#include <sodium.h>

#include <cstring>

namespace closeloop::security {
namespace {

constexpr char kMagic[] = "CLKB1";
constexpr size_t kMagicSize = sizeof kMagic - 1;
constexpr size_t kSaltSize = crypto_pwhash_SALTBYTES;
constexpr size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kHeader = kMagicSize + kSaltSize + kNonceSize;
constexpr size_t kMinPassphrase = 12;

bool DeriveKey(const std::string& passphrase, const unsigned char* salt,
               unsigned char (&key)[crypto_aead_xchacha20poly1305_ietf_KEYBYTES]) {
  return crypto_pwhash(key, sizeof key, passphrase.data(), passphrase.size(), salt,
                       crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
                       crypto_pwhash_ALG_ARGON2ID13) == 0;
}

std::string Base64(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool FromBase64(const std::string& text, std::string& out) {
  out.assign(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  out.resize(length);
  return true;
}

core::Status Damaged() {
  return core::Status::Invalid("passphrase",
                               "the key bundle does not open: wrong passphrase or a damaged file");
}

}  // namespace

core::Result<std::string> SealKeyBundle(const KeyFiles& files, const std::string& passphrase) {
  if (sodium_init() < 0) return core::Status::Internal("libsodium failed to initialise");
  if (passphrase.size() < kMinPassphrase) {
    return core::Status::Invalid("passphrase", "the passphrase needs at least 12 characters");
  }
  std::string payload;
  for (const auto& [name, bytes] : files) payload += name + " " + Base64(bytes) + "\n";
  std::string out(kHeader + payload.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* header = reinterpret_cast<unsigned char*>(out.data());
  std::memcpy(header, kMagic, kMagicSize);
  unsigned char* salt = header + kMagicSize;
  unsigned char* nonce = salt + kSaltSize;
  randombytes_buf(salt, kSaltSize);
  randombytes_buf(nonce, kNonceSize);
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  if (!DeriveKey(passphrase, salt, key)) {
    return core::Status::Internal("not enough memory to derive the bundle key");
  }
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      header + kHeader, &written, reinterpret_cast<const unsigned char*>(payload.data()),
      payload.size(), header, kMagicSize, nullptr, nonce, key);
  sodium_memzero(key, sizeof key);
  sodium_memzero(payload.data(), payload.size());
  return out;
}

core::Result<KeyFiles> OpenKeyBundle(const std::string& bundle, const std::string& passphrase) {
  if (sodium_init() < 0) return core::Status::Internal("libsodium failed to initialise");
  if (bundle.size() < kHeader + crypto_aead_xchacha20poly1305_ietf_ABYTES ||
      bundle.compare(0, kMagicSize, kMagic) != 0) {
    return Damaged();
  }
  const auto* header = reinterpret_cast<const unsigned char*>(bundle.data());
  const unsigned char* salt = header + kMagicSize;
  const unsigned char* nonce = salt + kSaltSize;
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  if (!DeriveKey(passphrase, salt, key)) {
    return core::Status::Internal("not enough memory to derive the bundle key");
  }
  std::string payload(bundle.size() - kHeader, '\0');
  unsigned long long length = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(payload.data()), &length, nullptr, header + kHeader,
      bundle.size() - kHeader, header, kMagicSize, nonce, key);
  sodium_memzero(key, sizeof key);
  if (rc != 0) return Damaged();
  payload.resize(length);
  KeyFiles files;
  size_t at = 0;
  while (at < payload.size()) {
    const size_t end = payload.find('\n', at);
    const size_t space = payload.find(' ', at);
    if (end == std::string::npos || space == std::string::npos || space > end) return Damaged();
    std::string bytes;
    if (!FromBase64(payload.substr(space + 1, end - space - 1), bytes)) return Damaged();
    files[payload.substr(at, space - at)] = std::move(bytes);
    at = end + 1;
  }
  sodium_memzero(payload.data(), payload.size());
  return files;
}

}  // namespace closeloop::security
