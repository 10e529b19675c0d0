#include "security/personal_data_cipher.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "security/private_file.h"

namespace closeloop::security {
namespace {

constexpr unsigned char kVersion = 1;
constexpr size_t kHeader = 1 + 4 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

std::string RandomKey() {
  std::string key(32, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string ToBase64(const std::string& raw) {
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string FromBase64(const std::string& text) {
  std::string out(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    throw std::runtime_error("key file: bad base64");
  }
  out.resize(length);
  if (out.size() != 32) throw std::runtime_error("key file: keys must be 32 bytes");
  return out;
}

}  // namespace

KeyRing KeyRing::LoadOrCreate(const std::string& path) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::ifstream in(path);
  if (!in) {
    // Either this process creates the file or another one did first; both read it below.
    CreatePrivateFileOnce(
        path, "index " + ToBase64(RandomKey()) + "\nkey 1 " + ToBase64(RandomKey()) + "\n");
    in.open(path);
  }
  KeyRing ring;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string kind, a, b;
    fields >> kind >> a >> b;
    if (kind == "index" && !a.empty() && b.empty()) {
      ring.index_key = FromBase64(a);
    } else if (kind == "key" && !b.empty() &&
               a.find_first_not_of("0123456789") == std::string::npos && a.size() < 10) {
      ring.data_keys[static_cast<std::uint32_t>(std::stoul(a))] = FromBase64(b);
    } else {
      throw std::runtime_error("key file " + path + " line " + std::to_string(number) +
                               " is malformed");
    }
  }
  if (ring.index_key.empty() || ring.data_keys.empty()) {
    throw std::runtime_error("key file " + path + " needs an index key and at least one data key");
  }
  return ring;
}

std::uint32_t KeyRing::AddKey(const std::string& path) {
  KeyRing ring = LoadOrCreate(path);
  std::uint32_t id = ring.data_keys.rbegin()->first + 1;
  std::ofstream out(path, std::ios::app);
  out << "key " << id << " " << ToBase64(RandomKey()) << "\n";
  out.flush();
  if (!out) throw std::runtime_error("cannot append to key file " + path);
  return id;
}

SodiumPersonalDataCipher::SodiumPersonalDataCipher(KeyRing keys) : keys_(std::move(keys)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (keys_.data_keys.empty()) throw std::invalid_argument("no data keys");
  current_ = keys_.data_keys.rbegin()->first;
}

std::string SodiumPersonalDataCipher::Seal(const std::string& field, const std::string& plaintext) {
  if (plaintext.empty()) return {};
  const std::string& key = keys_.data_keys.at(current_);
  std::string out(kHeader + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  bytes[0] = kVersion;
  for (int i = 0; i < 4; ++i) bytes[1 + i] = static_cast<unsigned char>(current_ >> (24 - 8 * i));
  unsigned char* nonce = bytes + 5;
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      bytes + kHeader, &written, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(field.data()), field.size(), nullptr,
      nonce, reinterpret_cast<const unsigned char*>(key.data()));
  out.resize(kHeader + written);
  return out;
}

std::uint32_t SodiumPersonalDataCipher::KeyIdOf(const std::string& sealed) const {
  if (sealed.size() < kHeader) return 0;
  auto* bytes = reinterpret_cast<const unsigned char*>(sealed.data());
  return (std::uint32_t{bytes[1]} << 24) | (std::uint32_t{bytes[2]} << 16) |
         (std::uint32_t{bytes[3]} << 8) | std::uint32_t{bytes[4]};
}

std::string SodiumPersonalDataCipher::Open(const std::string& field, const std::string& sealed) {
  if (sealed.empty()) return {};
  if (sealed.size() < kHeader + crypto_aead_xchacha20poly1305_ietf_ABYTES ||
      static_cast<unsigned char>(sealed[0]) != kVersion) {
    throw std::runtime_error("sealed " + field + " is malformed");
  }
  auto key = keys_.data_keys.find(KeyIdOf(sealed));
  if (key == keys_.data_keys.end()) {
    throw std::runtime_error("sealed " + field + " uses unknown key " +
                             std::to_string(KeyIdOf(sealed)));
  }
  auto* bytes = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string out(sealed.size() - kHeader, '\0');
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &length, nullptr, bytes + kHeader,
          sealed.size() - kHeader, reinterpret_cast<const unsigned char*>(field.data()),
          field.size(), bytes + 5,
          reinterpret_cast<const unsigned char*>(key->second.data())) != 0) {
    throw std::runtime_error("sealed " + field + " failed authentication");
  }
  out.resize(length);
  return out;
}

std::string SodiumPersonalDataCipher::BlindIndex(const std::string& field,
                                                 const std::string& normalized) {
  if (normalized.empty()) return {};
  const std::string input = field + '\0' + normalized;
  unsigned char out[16];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), reinterpret_cast<const unsigned char*>(keys_.index_key.data()),
                     keys_.index_key.size());
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

}  // namespace closeloop::security
