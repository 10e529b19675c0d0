#include "security/private_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace closeloop::security {

bool CreatePrivateFileOnce(const std::string& path, const std::string& bytes) {
  // Write a uniquely named file beside the target, then link it into place: link() fails with
  // EEXIST if the target exists, and never exposes a partly written file.
  std::string temp =
      path + ".tmp." + std::to_string(getpid()) + "." + std::to_string(randombytes_random());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + temp);
  bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  written = ::fsync(fd) == 0 && written;
  ::close(fd);
  if (!written) {
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + temp);
  }
  int linked = ::link(temp.c_str(), path.c_str());
  int link_error = errno;
  ::unlink(temp.c_str());
  if (linked == 0) return true;
  if (link_error == EEXIST) return false;
  throw std::runtime_error("cannot create " + path);
}

}  // namespace closeloop::security
