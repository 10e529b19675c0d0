#include "text_adapters/free_text_masker.h"

#include "text/personal_data_in_text.h"

namespace closeloop::text_adapters {

std::string FreeTextMaskerOverText::Mask(const std::string& text) const {
  return text::MaskPersonalDataInText(text);
}

}  // namespace closeloop::text_adapters
