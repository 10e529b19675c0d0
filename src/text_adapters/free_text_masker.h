// The domain's FreeTextMasker over text/personal_data_in_text.h.
#pragma once

#include "domain/model/privacy.h"

namespace closeloop::text_adapters {

class FreeTextMaskerOverText final : public domain::FreeTextMasker {
 public:
  std::string Mask(const std::string& text) const override;
};

}  // namespace closeloop::text_adapters
