// Word segmentation: ICU's word break (dictionary-based for Chinese, rules for Latin
// scripts), corrected by a domain dictionary. ICU alone splits domain words (客服 -> 客|服);
// where a dictionary word covers several ICU words it is kept whole (longest match first).
// The shipped dictionary has the common words of complaint handling (猫粮, 客服, 退款, 快递…);
// admins add their own (product names, brands) and the set is swapped in atomically.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace closeloop::text {

class Segmenter {
 public:
  // Starts with the built-in domain words.
  Segmenter();
  ~Segmenter();
  // Replaces the extra words (on top of the built-in ones). Thread-safe.
  void SetExtraWords(const std::vector<std::string>& words);
  // The words of normalised text, in order; spaces and punctuation dropped. Thread-safe.
  std::vector<std::string> Segment(std::string_view normalized) const;
  bool InDictionary(std::string_view word) const;
  static const std::vector<std::string>& BuiltinWords();

 private:
  struct Dictionary {
    std::unordered_set<std::u16string> words;
    size_t longest = 0;  // in UTF-16 units
  };
  std::shared_ptr<const Dictionary> Current() const;
  mutable std::mutex mutex_;
  std::shared_ptr<const Dictionary> dictionary_;
};

}  // namespace closeloop::text
