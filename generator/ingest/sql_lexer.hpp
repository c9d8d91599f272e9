#pragma once
// Tokens of the MySQL/PostgreSQL DDL subset that specs use. Knows quoting
// (`x`, "x", 'x' with '' and, where the engine reads them, \ escapes,
// PostgreSQL's E'x' and $tag$…$tag$), comments (--, #, /* */) and reports
// line:column for every token.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sf::ingest {

enum class TokenKind { word, quoted_name, string, number, punct, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;        // words as written; quoted names and strings unquoted
  std::size_t begin = 0;   // byte offsets into the lexed text
  std::size_t end = 0;
  int line = 1;
  int column = 1;

  // Case-insensitive keyword test on bare words only (a quoted `order` is a name).
  [[nodiscard]] bool is(std::string_view keyword) const;
  [[nodiscard]] bool is_punct(std::string_view p) const { return kind == TokenKind::punct && text == p; }
  [[nodiscard]] bool is_name() const { return kind == TokenKind::word || kind == TokenKind::quoted_name; }
};

struct SqlError : std::runtime_error {
  SqlError(int l, int c, const std::string& what) : std::runtime_error(what), line(l), column(c) {}
  int line;
  int column;
};

// Splits `sql` into tokens; the last token has kind `end`. Line numbers start
// at `first_line` (for SQL embedded in a markdown code block).
// `backslash_escapes`: whether a backslash in '…' escapes (MySQL) or is
// itself (PostgreSQL, SQLite: Spelling::backslash_escapes). Throws SqlError
// on an unterminated quote or comment.
[[nodiscard]] std::vector<Token> tokenize_sql(std::string_view sql, int first_line = 1, bool backslash_escapes = true);

}  // namespace sf::ingest
