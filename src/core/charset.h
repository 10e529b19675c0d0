// Conversion of legacy Chinese encodings (GBK / GB2312 / GB18030, Big5) and others to UTF-8,
// through the C library's iconv.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace closeloop::core {

class Utf8Converter {
 public:
  // `charset` as iconv names it ("GB18030", "BIG5", "UTF-8"…); GBK and GB2312 are read as
  // GB18030, their superset. Valid() is false for a charset iconv does not know.
  explicit Utf8Converter(const std::string& charset);
  ~Utf8Converter();
  Utf8Converter(const Utf8Converter&) = delete;
  Utf8Converter& operator=(const Utf8Converter&) = delete;

  bool Valid() const { return handle_ != nullptr || identity_; }
  // The text as UTF-8, or nothing when it is not valid in the charset.
  std::optional<std::string> Convert(std::string_view bytes);

 private:
  void* handle_ = nullptr;
  bool identity_ = false;
};

// The iconv name for a charset label as found in MIME headers and import options.
std::string CanonicalCharset(std::string_view label);

}  // namespace closeloop::core
