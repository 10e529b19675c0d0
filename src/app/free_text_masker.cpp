#include "app/free_text_masker.h"

#include "text/personal_data_in_text.h"

namespace closeloop::app {

std::string FreeTextMaskerOverText::Mask(const std::string& text) const {
  return text::MaskPersonalDataInText(text);
}

}  // namespace closeloop::app
