#include "text/linear_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include "core/text.h"
#include "text/linear_parts.h"

namespace closeloop::text {

namespace {

constexpr char kMagic[8] = {'C', 'L', 'L', 'I', 'N', 'E', 'A', 'R'};
constexpr uint32_t kFormatVersion = 1;

uint64_t Fnv1a(std::string_view bytes) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Reads little pieces of a model file, remembering the first failure.
class Reader {
 public:
  explicit Reader(std::string bytes) : bytes_(std::move(bytes)) {}
  bool Take(void* out, size_t n) {
    if (failed_ || bytes_.size() - at_ < n) return !(failed_ = true);
    std::memcpy(out, bytes_.data() + at_, n);
    at_ += n;
    return true;
  }
  uint32_t U32() {
    uint32_t v = 0;
    Take(&v, sizeof v);
    return v;
  }
  float F32() {
    float v = 0;
    Take(&v, sizeof v);
    if (!std::isfinite(v)) failed_ = true;
    return v;
  }
  bool ok() const { return !failed_; }
  bool AtEnd() const { return at_ == bytes_.size(); }

 private:
  std::string bytes_;
  size_t at_ = 0;
  bool failed_ = false;
};

void PutU32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
void PutF32(std::string& out, float v) { out.append(reinterpret_cast<const char*>(&v), 4); }

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> NgramCounts(std::string_view text, int bucket_bits) {
  // Code point boundaries of the text with whitespace runs folded to one space.
  std::string folded;
  folded.reserve(text.size());
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsSpace(c)) {
      if (folded.empty() || folded.back() != ' ') {
        starts.push_back(folded.size());
        folded += ' ';
      }
      ++i;
      continue;
    }
    const size_t len = std::min(core::Utf8CharLength(c), text.size() - i);
    starts.push_back(folded.size());
    folded.append(text.substr(i, len));
    i += len;
  }
  starts.push_back(folded.size());
  const size_t chars = starts.size() - 1;
  const uint64_t mask = (uint64_t{1} << bucket_bits) - 1;
  std::vector<uint32_t> buckets;
  buckets.reserve(chars * 3);
  for (size_t n = 1; n <= 3; ++n) {
    for (size_t i = 0; i + n <= chars; ++i) {
      std::string_view gram(folded.data() + starts[i], starts[i + n] - starts[i]);
      buckets.push_back(static_cast<uint32_t>(Fnv1a(gram) & mask));
    }
  }
  std::sort(buckets.begin(), buckets.end());
  std::vector<std::pair<uint32_t, uint32_t>> counts;
  for (uint32_t b : buckets) {
    if (!counts.empty() && counts.back().first == b) {
      ++counts.back().second;
    } else {
      counts.push_back({b, 1});
    }
  }
  return counts;
}

void AppendRow(const LinearModel::Parts& parts,
               const std::vector<std::pair<uint32_t, uint32_t>>& counts, SparseRows& rows) {
  const size_t begin = rows.indices.size();
  double norm = 0;
  for (const auto& [bucket, count] : counts) {
    const int32_t feature = parts.slot[bucket];
    if (feature < 0) continue;
    const double value = (1 + std::log(static_cast<double>(count))) * parts.idf[feature];
    rows.indices.push_back(static_cast<uint32_t>(feature));
    rows.values.push_back(static_cast<float>(value));
    norm += value * value;
  }
  if (norm > 0) {
    const double scale = 1 / std::sqrt(norm);
    for (size_t k = begin; k < rows.values.size(); ++k) rows.values[k] *= scale;
  }
  rows.starts.push_back(rows.indices.size());
}

LinearModel::LinearModel(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
LinearModel::~LinearModel() = default;

std::vector<double> VectorSums(const LinearModel::Parts& parts, const SparseRows& rows,
                               size_t row) {
  std::vector<double> sums(parts.bias.begin(), parts.bias.end());
  for (size_t k = rows.starts[row]; k < rows.starts[row + 1]; ++k) {
    const float* w = &parts.weights[static_cast<size_t>(rows.indices[k]) * parts.vectors];
    for (int j = 0; j < parts.vectors; ++j) sums[j] += static_cast<double>(w[j]) * rows.values[k];
  }
  return sums;
}

std::vector<double> LinearModel::Margins(std::string_view normalized) const {
  SparseRows row;
  AppendRow(*parts_, NgramCounts(normalized, parts_->bucket_bits), row);
  std::vector<double> sums = VectorSums(*parts_, row, 0);
  if (parts_->vectors == 1) return {-sums[0], sums[0]};
  return sums;
}

Prediction LinearModel::Predict(std::string_view normalized) const {
  const std::vector<double> margins = Margins(normalized);
  const size_t best = std::max_element(margins.begin(), margins.end()) - margins.begin();
  return {labels_[best], 1 / (1 + std::exp(-2 * margins[best]))};
}

bool LinearModel::LooksLinear(const std::string& first_bytes) {
  return first_bytes.size() >= sizeof kMagic &&
         std::memcmp(first_bytes.data(), kMagic, sizeof kMagic) == 0;
}

core::Status LinearModel::Save(const std::string& path) const {
  std::string out(kMagic, sizeof kMagic);
  PutU32(out, kFormatVersion);
  PutU32(out, static_cast<uint32_t>(parts_->bucket_bits));
  PutU32(out, static_cast<uint32_t>(labels_.size()));
  for (const std::string& label : labels_) {
    PutU32(out, static_cast<uint32_t>(label.size()));
    out += label;
  }
  PutU32(out, static_cast<uint32_t>(parts_->idf.size()));
  for (size_t bucket = 0; bucket < parts_->slot.size(); ++bucket) {
    if (parts_->slot[bucket] >= 0) PutU32(out, static_cast<uint32_t>(bucket));
  }
  for (float idf : parts_->idf) PutF32(out, idf);
  for (float b : parts_->bias) PutF32(out, b);
  for (float w : parts_->weights) PutF32(out, w);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!file.flush()) return core::Status::Invalid("out", "cannot write " + path);
  return core::Status::Ok();
}

core::Result<std::unique_ptr<LinearModel>> LinearModel::Load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return core::Status::Invalid("model", "cannot open " + path);
  std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  Reader in(std::move(bytes));
  auto corrupt = [&](const std::string& why) {
    return core::Status::Invalid("model", path + " is not a usable linear model: " + why);
  };
  char magic[sizeof kMagic];
  if (!in.Take(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
    return corrupt("unknown file type");
  }
  const uint32_t version = in.U32();
  if (in.ok() && version != kFormatVersion) {
    return corrupt("format version " + std::to_string(version) + ", this build reads " +
                   std::to_string(kFormatVersion));
  }
  auto parts = std::make_unique<Parts>();
  const uint32_t bits = in.U32();
  const uint32_t label_count = in.U32();
  if (!in.ok() || bits < 8 || bits > 26 || label_count < 2 || label_count > 10000) {
    return corrupt("bad header");
  }
  parts->bucket_bits = static_cast<int>(bits);
  std::vector<std::string> labels(label_count);
  for (std::string& label : labels) {
    const uint32_t size = in.U32();
    if (!in.ok() || size == 0 || size > 1000) return corrupt("bad label");
    label.resize(size);
    in.Take(label.data(), size);
  }
  const uint32_t kept = in.U32();
  if (!in.ok() || kept > (uint32_t{1} << bits)) return corrupt("bad feature count");
  parts->slot.assign(size_t{1} << bits, -1);
  int64_t previous = -1;
  for (uint32_t k = 0; k < kept && in.ok(); ++k) {
    const uint32_t bucket = in.U32();
    if (static_cast<int64_t>(bucket) <= previous || bucket >= parts->slot.size()) {
      return corrupt("bad feature index");
    }
    previous = bucket;
    parts->slot[bucket] = static_cast<int32_t>(k);
  }
  parts->vectors = label_count == 2 ? 1 : static_cast<int>(label_count);
  parts->idf.resize(kept);
  for (float& idf : parts->idf) idf = in.F32();
  parts->bias.resize(parts->vectors);
  for (float& b : parts->bias) b = in.F32();
  parts->weights.resize(static_cast<size_t>(kept) * parts->vectors);
  for (float& w : parts->weights) w = in.F32();
  if (!in.ok()) return corrupt("truncated or not finite");
  if (!in.AtEnd()) return corrupt("unexpected bytes after the weights");
  std::unique_ptr<LinearModel> model(new LinearModel(std::move(parts)));
  model->labels_ = std::move(labels);
  return model;
}

}  // namespace closeloop::text
