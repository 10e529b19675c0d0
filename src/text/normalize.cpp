#include "text/normalize.h"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <mutex>

namespace closeloop::text {

struct Normalizer::Impl {
  const icu::Normalizer2* nfkc_casefold = nullptr;
  opencc_t t2s = reinterpret_cast<opencc_t>(-1);
  std::mutex t2s_mutex;  // OpenCC does not promise concurrent use of one converter
};

Normalizer::Normalizer() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) impl_->nfkc_casefold = nullptr;
  impl_->t2s = opencc_open("t2s.json");
}

Normalizer::~Normalizer() {
  if (impl_->t2s != reinterpret_cast<opencc_t>(-1)) opencc_close(impl_->t2s);
}

bool Normalizer::converts_traditional() const {
  return impl_->t2s != reinterpret_cast<opencc_t>(-1);
}

std::string Normalizer::Normalize(std::string_view text) const {
  std::string out(text);
  if (impl_->nfkc_casefold) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    icu::UnicodeString folded = impl_->nfkc_casefold->normalize(source, status);
    if (U_SUCCESS(status)) {
      out.clear();
      folded.toUTF8String(out);
    }
  }
  if (converts_traditional() && !out.empty()) {
    std::lock_guard lock(impl_->t2s_mutex);
    char* converted = opencc_convert_utf8(impl_->t2s, out.data(), out.size());
    if (converted) {
      out = converted;
      opencc_convert_utf8_free(converted);
    }
  }
  return out;
}

}  // namespace closeloop::text
