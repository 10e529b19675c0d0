#include "text/text_model.h"

#include <fstream>

#include "text/fasttext_model.h"
#include "text/linear_model.h"

namespace closeloop::text {

core::Result<std::unique_ptr<TextModel>> LoadTextModel(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return core::Status::Invalid("model", "cannot open " + path);
  std::string first(8, '\0');
  file.read(first.data(), static_cast<std::streamsize>(first.size()));
  first.resize(static_cast<size_t>(file.gcount()));
  if (LinearModel::LooksLinear(first)) {
    auto model = LinearModel::Load(path);
    if (!model.ok()) return model.status();
    return std::unique_ptr<TextModel>(std::move(*model));
  }
  auto model = FastTextModel::Load(path);
  if (!model.ok()) return model.status();
  return std::unique_ptr<TextModel>(std::move(*model));
}

}  // namespace closeloop::text
