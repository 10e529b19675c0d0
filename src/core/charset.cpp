#include "core/charset.h"

#include <iconv.h>

#include <cerrno>

#include "core/text.h"

namespace closeloop::core {

std::string CanonicalCharset(std::string_view label) {
  std::string name = AsciiLower(Trim(label));
  if (name == "gbk" || name == "gb2312" || name == "gb_2312-80" || name == "x-gbk" ||
      name == "cp936" || name == "euc-cn" || name == "gb18030") {
    return "GB18030";
  }
  if (name == "big5" || name == "big-5" || name == "cp950" || name == "big5-hkscs") {
    return "BIG5-HKSCS";
  }
  if (name == "utf8" || name == "utf-8") return "UTF-8";
  std::string upper;
  for (char c : name) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return upper;
}

Utf8Converter::Utf8Converter(const std::string& charset) {
  const std::string name = CanonicalCharset(charset);
  if (name == "UTF-8") {
    identity_ = true;
    return;
  }
  iconv_t h = iconv_open("UTF-8", name.c_str());
  if (h != reinterpret_cast<iconv_t>(-1)) handle_ = h;
}

Utf8Converter::~Utf8Converter() {
  if (handle_) iconv_close(static_cast<iconv_t>(handle_));
}

std::optional<std::string> Utf8Converter::Convert(std::string_view bytes) {
  if (identity_) {
    if (!IsValidUtf8(bytes)) return std::nullopt;
    return std::string(bytes);
  }
  if (!handle_) return std::nullopt;
  iconv_t h = static_cast<iconv_t>(handle_);
  iconv(h, nullptr, nullptr, nullptr, nullptr);  // reset shift state
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  size_t used = 0;
  while (in_left > 0) {
    char* out_ptr = out.data() + used;
    size_t out_left = out.size() - used;
    size_t rc = iconv(h, &in_ptr, &in_left, &out_ptr, &out_left);
    used = out.size() - out_left;
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    return std::nullopt;  // EILSEQ or EINVAL: not valid in this charset
  }
  out.resize(used);
  return out;
}

}  // namespace closeloop::core
