// Creating small secret files (mode 0600) safely when several processes may start at once.
#pragma once

#include <string>

namespace closeloop::security {

// Creates `path` holding exactly `bytes`, atomically: other processes see either no file or the
// whole file. Returns false, changing nothing, when `path` already exists. Throws on I/O errors.
bool CreatePrivateFileOnce(const std::string& path, const std::string& bytes);

}  // namespace closeloop::security
