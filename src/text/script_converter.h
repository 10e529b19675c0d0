// Between simplified and traditional Chinese (OpenCC's s2t and t2s, phrase level), so that a
// search for 猫砂盆 finds 貓砂盆 and a reply is written in the script the customer wrote in.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace closeloop::text {

class ScriptConverter {
 public:
  ScriptConverter();  // without OpenCC data both directions return the text as it is
  ~ScriptConverter();
  ScriptConverter(const ScriptConverter&) = delete;
  ScriptConverter& operator=(const ScriptConverter&) = delete;

  std::string ToTraditional(std::string_view text) const;  // thread-safe
  std::string ToSimplified(std::string_view text) const;
  // Whether the text is written in traditional characters: converting it to simplified changes
  // more than converting it to traditional does.
  bool LooksTraditional(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace closeloop::text
