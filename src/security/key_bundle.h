// The key files of a database sealed under a passphrase, so that a backup can carry them beside
// the database copy without being readable by whoever holds the backup.
//
// Format: "CLKB1" | 16-byte salt | 24-byte nonce | XChaCha20-Poly1305 ciphertext+tag of the
// payload, the key derived from the passphrase with Argon2id (libsodium's MODERATE limits, so
// that guessing is slow). The payload holds each file as "<name> <base64 of its bytes>\n".
#pragma once

#include <map>
#include <string>

#include "core/status.h"

namespace closeloop::security {

// File role ("secret", "keys") → its bytes.
using KeyFiles = std::map<std::string, std::string>;

// Seals `files` under `passphrase` (at least 12 characters; fails naming "passphrase").
core::Result<std::string> SealKeyBundle(const KeyFiles& files, const std::string& passphrase);
// Opens a bundle; a wrong passphrase or a damaged bundle fails without saying which.
core::Result<KeyFiles> OpenKeyBundle(const std::string& bundle, const std::string& passphrase);

}  // namespace closeloop::security
