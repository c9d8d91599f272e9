#pragma once
// Where a piece of the model came from, so every diagnostic can name file:line.
#include <string>

namespace sf::model {

struct SourceLoc {
  std::string file;  // as given on the command line (relative paths stay relative)
  int line = 0;      // 1-based; 0 when unknown

  [[nodiscard]] bool known() const { return !file.empty(); }
  // "file:line", or just "file" when the line is unknown, or "" when nothing is.
  [[nodiscard]] std::string str() const {
    if (file.empty()) return {};
    return line > 0 ? file + ":" + std::to_string(line) : file;
  }
  bool operator==(const SourceLoc&) const = default;
};

}  // namespace sf::model
