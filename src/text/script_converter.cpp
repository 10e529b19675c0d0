#include "text/script_converter.h"

#include <opencc/opencc.h>

#include <mutex>

namespace closeloop::text {

namespace {

const opencc_t kNone = reinterpret_cast<opencc_t>(-1);

size_t Differences(std::string_view a, std::string_view b) {
  size_t n = a.size() != b.size() ? 1 : 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) n += a[i] != b[i];
  return n;
}

}  // namespace

struct ScriptConverter::Impl {
  opencc_t s2t = kNone;
  opencc_t t2s = kNone;
  std::mutex mutex;  // OpenCC does not promise concurrent use of one converter

  std::string Convert(opencc_t converter, std::string_view text) {
    if (converter == kNone || text.empty()) return std::string(text);
    std::lock_guard lock(mutex);
    char* converted = opencc_convert_utf8(converter, text.data(), text.size());
    if (!converted) return std::string(text);
    std::string out = converted;
    opencc_convert_utf8_free(converted);
    return out;
  }
};

ScriptConverter::ScriptConverter() : impl_(std::make_unique<Impl>()) {
  impl_->s2t = opencc_open("s2t.json");
  impl_->t2s = opencc_open("t2s.json");
}

ScriptConverter::~ScriptConverter() {
  if (impl_->s2t != kNone) opencc_close(impl_->s2t);
  if (impl_->t2s != kNone) opencc_close(impl_->t2s);
}

std::string ScriptConverter::ToTraditional(std::string_view text) const {
  return impl_->Convert(impl_->s2t, text);
}

std::string ScriptConverter::ToSimplified(std::string_view text) const {
  return impl_->Convert(impl_->t2s, text);
}

bool ScriptConverter::LooksTraditional(std::string_view text) const {
  const std::string simplified = ToSimplified(text);
  const std::string traditional = ToTraditional(text);
  return Differences(text, simplified) > Differences(text, traditional);
}

}  // namespace closeloop::text
