#include "generator/dialect/code_text.hpp"

#include <cctype>

#include "generator/dialect/inspect_support.hpp"
#include "generator/model/strings.hpp"

namespace sf::dialect::code_text {
namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80; }

}  // namespace

std::vector<Piece> pieces(std::string_view s) {
  std::vector<Piece> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (s.substr(i, 2) == "--" || (c == '#' && !(i + 1 < s.size() && (s[i + 1] == '>' || s[i + 1] == '-' || s[i + 1] == '#')))) {
      // MySQL's # comment; PostgreSQL's #> #>> #- ## are operators (as the spec lexer reads them).
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (s.substr(i, 2) == "/*") {
      const std::size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
    } else if (c == '\'' || c == '"' || c == '`') {
      std::size_t j = i + 1;
      std::string inner;
      while (j < s.size()) {
        if (s[j] == '\\' && c == '\'' && j + 1 < s.size()) {
          inner += s.substr(j, 2);
          j += 2;
          continue;
        }
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) {
            inner += s.substr(j, 2);
            j += 2;
            continue;
          }
          break;
        }
        inner += s[j++];
      }
      if (c == '\'') out.push_back({Piece::Kind::string, "'" + inner + "'"});
      else out.push_back({Piece::Kind::quoted_name, model::lower(inner)});  // `Monitors` and Monitors are one name
      i = j + 1;
    } else if (c == '$' && (i == 0 || !word_char(s[i - 1]))) {
      std::size_t j = i + 1;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      const std::size_t close = j < s.size() && s[j] == '$' ? s.find(s.substr(i, j - i + 1), j + 1) : std::string_view::npos;
      if (close == std::string_view::npos) {
        out.push_back({Piece::Kind::punct, "$"});
        ++i;
        continue;
      }
      out.push_back({Piece::Kind::body, collapse_space(std::string(s.substr(j + 1, close - j - 1)))});
      i = close + (j - i + 1);
    } else if (word_char(c)) {
      std::size_t j = i;
      while (j < s.size() && word_char(s[j])) ++j;
      out.push_back({Piece::Kind::word, model::lower(s.substr(i, j - i))});
      i = j;
    } else {
      out.push_back({Piece::Kind::punct, std::string(1, c)});
      ++i;
    }
  }
  while (!out.empty() && out.back().kind == Piece::Kind::punct && out.back().text == ";") out.pop_back();
  return out;
}

std::string folded(const std::vector<Piece>& p) {
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const Piece& x = p[i];
    if (x.kind == Piece::Kind::punct && (x.text == "(" || x.text == ")")) continue;
    // `::text`, `::character varying`: the casts a catalogue prints into expressions.
    if (x.kind == Piece::Kind::punct && x.text == ":" && i + 2 < p.size() && p[i + 1].text == ":") {
      i += 2;
      while (i + 1 < p.size() && p[i + 1].kind == Piece::Kind::word &&
             (p[i + 1].text == "varying" || p[i + 1].text == "precision" || p[i + 1].text == "with" || p[i + 1].text == "without" ||
              p[i + 1].text == "time" || p[i + 1].text == "zone"))
        ++i;
      continue;
    }
    if (!out.empty()) out += ' ';
    out += x.kind == Piece::Kind::body ? "$$" + x.text + "$$" : x.text;
  }
  return out;
}

}  // namespace sf::dialect::code_text
