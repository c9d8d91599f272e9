#include "generator/model/strings.hpp"

#include <algorithm>
#include <cctype>

namespace sf::model {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += separator;
    out += i;
  }
  return out;
}

std::vector<std::string> split_list(std::string_view s, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != separator) continue;
    std::string item = trim(s.substr(start, i - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = i + 1;
  }
  return out;
}

namespace {

// Calls `at(i, depth)` for each character outside quotes, depth counting the
// parentheses open before it; stops when `at` returns true. The index it stopped at, or npos.
template <typename At>
std::size_t scan_sql(std::string_view sql, std::size_t from, At at) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = from; i < sql.size(); ++i) {
    const char ch = sql[i];
    if (quote) {
      if (ch == quote) quote = 0;
      continue;
    }
    if (ch == '\'' || ch == '"' || ch == '`') {
      quote = ch;
      continue;
    }
    if (ch == ')') --depth;
    if (at(i, depth)) return i;
    if (ch == '(') ++depth;
  }
  return std::string_view::npos;
}

}  // namespace

std::size_t closing_paren(std::string_view sql, std::size_t open) {
  return scan_sql(sql, open + 1, [&](std::size_t i, int depth) { return sql[i] == ')' && depth < 0; });
}

std::vector<std::string> split_top_level(std::string_view sql) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  scan_sql(sql, 0, [&](std::size_t i, int depth) {
    if (sql[i] == ',' && depth == 0) {
      parts.emplace_back(sql.substr(start, i - start));
      start = i + 1;
    }
    return false;
  });
  parts.emplace_back(sql.substr(start));
  return parts;
}

std::optional<DelimiterLine> delimiter_line(std::string_view text) {
  constexpr std::string_view word = "DELIMITER";
  if (text.size() <= word.size() || upper(text.substr(0, word.size())) != word) return std::nullopt;
  if (text[word.size()] != ' ' && text[word.size()] != '\t') return std::nullopt;
  const std::size_t eol = std::min(text.find('\n'), text.size());
  std::string delimiter = trim(text.substr(word.size(), eol - word.size()));
  if (delimiter.empty()) return std::nullopt;
  return DelimiterLine{std::move(delimiter), eol};
}

}  // namespace sf::model
