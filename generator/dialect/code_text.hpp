#pragma once
// Trigger and routine statements in a form that compares: the spec's text and
// the catalogue's print of it differ in case, spacing, quoting, casts and
// parentheses, but not in what they do. Each engine's inspector starts from
// these pieces (Inspector::canonical_code) and adds what its catalogue prints
// its own way (postgres/code_text.cpp).
#include <string>
#include <string_view>
#include <vector>

namespace sf::dialect::code_text {

// One lexical piece of a statement: a word, a '…' string, a quoted name, a
// $tag$ body, or punctuation. Comments are dropped.
struct Piece {
  enum class Kind { word, string, quoted_name, body, punct };
  Kind kind;
  std::string text;  // words and names lower-cased, names unquoted; bodies without their tags, space collapsed; strings as written
};

[[nodiscard]] std::vector<Piece> pieces(std::string_view sql);

// The pieces joined back, folded: one space between pieces, no parentheses,
// no `::type` casts, a body's surrounding space and runs of space collapsed,
// no trailing ';'.
[[nodiscard]] std::string folded(const std::vector<Piece>& p);

}  // namespace sf::dialect::code_text
