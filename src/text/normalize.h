// Text normalisation for analysis: NFKC (full-width to half-width, compatibility forms),
// case folding, and traditional to simplified Chinese (OpenCC, phrase level). The original text
// is kept and shown; only analysis sees the normalised form.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace closeloop::text {

class Normalizer {
 public:
  // Loads OpenCC's t2s configuration; without it (not installed) traditional text stays as it is
  // and converted() reports false.
  Normalizer();
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Valid UTF-8 in, normalised UTF-8 out. Thread-safe.
  std::string Normalize(std::string_view text) const;
  bool converts_traditional() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace closeloop::text
