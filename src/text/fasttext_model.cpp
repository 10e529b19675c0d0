#include "text/fasttext_model.h"

#include <fasttext/fasttext.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace closeloop::text {

namespace {

constexpr const char* kLabelPrefix = "__label__";

}  // namespace

std::string ModelTokens(std::string_view text) {
  std::string out;
  auto emit = [&](std::string_view token) {
    if (!out.empty()) out += ' ';
    out += token;
  };
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      size_t end = i;
      while (end < text.size()) {
        unsigned char d = static_cast<unsigned char>(text[end]);
        if (!((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9') || d == '\'')) break;
        ++end;
      }
      emit(text.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == '!' || c == '?') {
      emit(text.substr(i, 1));
      ++i;
      continue;
    }
    const size_t len = std::min(core::Utf8CharLength(c), text.size() - i);
    if (len >= 3) emit(text.substr(i, len));  // CJK and other non-ASCII letters, one by one
    i += len;
  }
  return out;
}

struct FastTextModel::Impl {
  fasttext::FastText ft;
};

FastTextModel::FastTextModel() : impl_(std::make_unique<Impl>()) {}
FastTextModel::~FastTextModel() = default;

core::Status FastTextModel::Train(const std::vector<LabelledText>& rows, const std::string& path,
                                  const FastTextOptions& options) {
  if (rows.empty()) return core::Status::Invalid("data", "no labelled rows to train on");
  char input[] = "/tmp/closeloop-train-XXXXXX";
  int fd = mkstemp(input);
  if (fd < 0) return core::Status::Internal("cannot create a temporary training file");
  close(fd);
  {
    std::ofstream out(input);
    for (const LabelledText& row : rows) {
      out << kLabelPrefix << row.label << ' ' << ModelTokens(row.text) << '\n';
    }
  }
  fasttext::Args args;
  args.input = input;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.epoch = options.epoch;
  args.lr = options.lr;
  args.wordNgrams = options.word_ngrams;
  args.dim = options.dim;
  args.bucket = options.bucket;
  args.minCount = options.min_count;
  args.minn = 0;
  args.maxn = 0;
  args.thread = options.threads;
  args.verbose = 0;
  try {
    fasttext::FastText ft;
    ft.train(args);
    ft.saveModel(path);
  } catch (const std::exception& e) {
    std::remove(input);
    return core::Status::Internal(std::string("training failed: ") + e.what());
  }
  std::remove(input);
  return core::Status::Ok();
}

core::Result<std::unique_ptr<FastTextModel>> FastTextModel::Load(const std::string& path) {
  std::ifstream probe(path);
  if (!probe) return core::Status::Invalid("model", "cannot open " + path);
  std::unique_ptr<FastTextModel> model(new FastTextModel());
  try {
    model->impl_->ft.loadModel(path);
  } catch (const std::exception& e) {
    return core::Status::Invalid("model", path + " is not a fastText model: " + e.what());
  }
  return model;
}

Prediction FastTextModel::Predict(std::string_view normalized) const {
  std::istringstream line(ModelTokens(normalized) + "\n");
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  impl_->ft.predictLine(line, predictions, 1, 0.0);
  Prediction p;
  if (!predictions.empty()) {
    p.label = predictions[0].second.substr(std::string(kLabelPrefix).size());
    p.probability = predictions[0].first;
  }
  return p;
}

std::vector<std::string> FastTextModel::Labels() const {
  std::vector<std::string> out;
  auto dictionary = impl_->ft.getDictionary();
  for (int32_t i = 0; i < dictionary->nlabels(); ++i) {
    out.push_back(dictionary->getLabel(i).substr(std::string(kLabelPrefix).size()));
  }
  return out;
}

}  // namespace closeloop::text
