#pragma once
// A case-insensitive set of reserved words, built once from a documentation list.
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sf::dialect {

class WordList {
 public:
  WordList(std::initializer_list<std::string_view> words) {
    for (auto w : words) words_.push_back(upper(w));
    std::sort(words_.begin(), words_.end());
  }
  [[nodiscard]] bool contains(std::string_view word) const {
    return std::binary_search(words_.begin(), words_.end(), upper(word));
  }

 private:
  static std::string upper(std::string_view w) {
    std::string s(w);
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }
  std::vector<std::string> words_;
};

}  // namespace sf::dialect
