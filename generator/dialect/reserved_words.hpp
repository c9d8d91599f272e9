#pragma once
// A case-insensitive set of reserved words, built once from a documentation list.
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "generator/model/strings.hpp"

namespace sf::dialect {

class WordList {
 public:
  WordList(std::initializer_list<std::string_view> words) {
    for (auto w : words) words_.push_back(model::upper(w));
    std::sort(words_.begin(), words_.end());
  }
  [[nodiscard]] bool contains(std::string_view word) const {
    return std::binary_search(words_.begin(), words_.end(), model::upper(word));
  }

 private:
  std::vector<std::string> words_;
};

}  // namespace sf::dialect
