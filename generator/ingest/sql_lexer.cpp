#include "generator/ingest/sql_lexer.hpp"

#include <algorithm>
#include <cctype>

#include "generator/model/strings.hpp"

namespace sf::ingest {

bool Token::is(std::string_view keyword) const {
  if (kind != TokenKind::word || text.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(text[i])) != std::toupper(static_cast<unsigned char>(keyword[i])))
      return false;
  return true;
}

namespace {

bool word_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
bool word_char(char c) { return word_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }

// How a backslash in a string literal reads.
enum class Escapes {
  none,      // literally (PostgreSQL's '…' with standard_conforming_strings, SQLite)
  mysql,     // MySQL's escapes: \0 \' \b \n \r \t \Z \\; \% and \_ keep their backslash
  postgres,  // PostgreSQL's E'…': \b \f \n \r \t, octal \ooo, hex \xhh, \uXXXX and \UXXXXXXXX
};

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  Lexer(std::string_view s, int first_line, bool backslash_escapes)
      : s_(s), escapes_(backslash_escapes ? Escapes::mysql : Escapes::none), line_(first_line) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    for (;;) {
      skip_space_and_comments();
      Token t;
      t.begin = i_;
      t.line = line_;
      t.column = col();
      if (i_ >= s_.size()) {
        t.kind = TokenKind::end;
        t.end = i_;
        out.push_back(t);
        return out;
      }
      if (out.empty() || out.back().is_punct(";")) {
        if (delimiter_command() || psql_command()) continue;
      }
      char c = s_[i_];
      if (delimiter_ != ";" && s_.substr(i_, delimiter_.size()) == delimiter_) {
        // The statement terminator a DELIMITER command set (END//, END;;): the
        // parser sees ';', and the semicolons inside a body stay what they are.
        t.kind = TokenKind::punct;
        t.text = ";";
        advance(delimiter_.size());
      } else if ((c == 'E' || c == 'e') && i_ + 1 < s_.size() && s_[i_ + 1] == '\'') {  // PostgreSQL's E'…'
        advance(1);
        t.kind = TokenKind::string;
        t.text = quoted('\'', Escapes::postgres, t);
      } else if (word_start(c)) {
        while (i_ < s_.size() && word_char(s_[i_])) ++i_;
        t.kind = TokenKind::word;
        t.text = std::string(s_.substr(t.begin, i_ - t.begin));
      } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                 (c == '.' && i_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_ + 1])))) {
        while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.')) ++i_;
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
          std::size_t j = i_ + 1;
          if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
          if (j < s_.size() && std::isdigit(static_cast<unsigned char>(s_[j]))) {
            i_ = j;
            while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
          }
        }
        t.kind = TokenKind::number;
        t.text = std::string(s_.substr(t.begin, i_ - t.begin));
      } else if (c == '\'') {
        t.kind = TokenKind::string;
        t.text = quoted('\'', escapes_, t);
      } else if (c == '"' || c == '`') {
        t.kind = TokenKind::quoted_name;
        t.text = quoted(c, Escapes::none, t);
        if (t.text.empty()) throw SqlError(t.line, t.column, "empty quoted identifier");
      } else if (c == '$' && dollar_quote(t)) {
        t.kind = TokenKind::string;
      } else {
        t.kind = TokenKind::punct;
        static constexpr std::string_view two[] = {"::", "<=", ">=", "<>", "!=", "||", "->", "=>"};
        t.text = std::string(1, c);
        for (auto op : two)
          if (s_.substr(i_, 2) == op) t.text = std::string(op);
        advance(t.text.size());
      }
      t.end = i_;
      out.push_back(std::move(t));
    }
  }

 private:
  int col() const { return static_cast<int>(i_ - line_start_) + 1; }
  void advance(std::size_t n) {
    for (std::size_t k = 0; k < n && i_ < s_.size(); ++k) {
      if (s_[i_] == '\n') {
        ++line_;
        line_start_ = i_ + 1;
      }
      ++i_;
    }
  }

  // A DELIMITER line at a statement's start sets what ends the following
  // statements (model::delimiter_line). Returns whether it read one.
  bool delimiter_command() {
    auto line = model::delimiter_line(s_.substr(i_));
    if (!line) return false;
    delimiter_ = std::move(line->delimiter);
    advance(line->length);
    return true;
  }

  // A psql meta-command (\set ON_ERROR_STOP 1, \connect db) at a
  // statement's start: it ends at its line's end, not at a ';', so the
  // statement on the next line is read, not swallowed. Returns whether it
  // read one.
  bool psql_command() {
    if (s_[i_] != '\\') return false;
    advance(std::min(s_.find('\n', i_), s_.size()) - i_);
    return true;
  }

  void skip_space_and_comments() {
    for (;;) {
      while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) advance(1);
      // MySQL runs what a /*!50003 … */ or MariaDB /*M!100316 … */ comment
      // holds (mysqldump wraps triggers, views and session settings in them):
      // its text is read as SQL and its end skipped.
      if (s_.substr(i_, 3) == "/*!" || s_.substr(i_, 4) == "/*M!") {
        advance(s_[i_ + 2] == 'M' ? 4 : 3);
        while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) advance(1);
        ++conditional_depth_;
        continue;
      }
      if (conditional_depth_ > 0 && s_.substr(i_, 2) == "*/") {
        advance(2);
        --conditional_depth_;
        continue;
      }
      // MySQL's # comment; PostgreSQL's #> #>> #- ## are operators.
      const bool hash_comment = i_ < s_.size() && s_[i_] == '#' &&
                                !(i_ + 1 < s_.size() && (s_[i_ + 1] == '>' || s_[i_ + 1] == '-' || s_[i_ + 1] == '#'));
      if (s_.substr(i_, 2) == "--" || hash_comment) {
        while (i_ < s_.size() && s_[i_] != '\n') advance(1);
      } else if (s_.substr(i_, 2) == "/*") {
        int l = line_, c = col();
        advance(2);
        while (i_ < s_.size() && s_.substr(i_, 2) != "*/") advance(1);
        if (i_ >= s_.size()) throw SqlError(l, c, "unterminated /* comment");
        advance(2);
      } else {
        return;
      }
    }
  }

  std::string quoted(char q, Escapes escapes, const Token& t) {
    std::string v;
    advance(1);
    for (;;) {
      if (i_ >= s_.size())
        throw SqlError(t.line, t.column, std::string("unterminated ") + (q == '\'' ? "string" : "quoted name") +
                                             " starting here (missing closing " + q + ")");
      char c = s_[i_];
      if (c == q) {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == q) {
          v += q;
          advance(2);
          continue;
        }
        advance(1);
        return v;
      }
      if (escapes != Escapes::none && c == '\\' && i_ + 1 < s_.size()) {
        escape(v, escapes);
        continue;
      }
      v += c;
      advance(1);
    }
  }

  // One backslash escape at i_, appended to `v` as what it stands for.
  void escape(std::string& v, Escapes escapes) {
    const char e = s_[i_ + 1];
    advance(2);
    auto digits = [&](int base, std::size_t most) {  // up to `most` digits of `base` at i_, as a number
      unsigned long n = 0;
      std::size_t k = 0;
      for (; k < most && i_ < s_.size(); ++k) {
        const char d = static_cast<char>(std::tolower(static_cast<unsigned char>(s_[i_])));
        const int value = std::isdigit(static_cast<unsigned char>(d)) ? d - '0' : d >= 'a' && d <= 'f' ? d - 'a' + 10 : 99;
        if (value >= base) break;
        n = n * static_cast<unsigned long>(base) + static_cast<unsigned long>(value);
        advance(1);
      }
      return std::pair{n, k};
    };
    switch (e) {
      case 'n': v += '\n'; return;
      case 't': v += '\t'; return;
      case 'r': v += '\r'; return;
      case 'b': v += '\b'; return;
      default: break;
    }
    if (escapes == Escapes::mysql) {
      if (e == '0') v += '\0';
      else if (e == 'Z') v += '\x1A';
      else if (e == '%' || e == '_') v += std::string{'\\', e};  // LIKE's wildcards, escaped for LIKE
      else v += e;
      return;
    }
    if (e == 'f') {
      v += '\f';
    } else if (e >= '0' && e <= '7') {
      i_ -= 1;  // the first digit is the number's
      v += static_cast<char>(digits(8, 3).first & 0xFF);
    } else if (e == 'x' && i_ < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[i_]))) {
      v += static_cast<char>(digits(16, 2).first);
    } else if (e == 'u' || e == 'U') {
      append_utf8(v, digits(16, e == 'u' ? 4 : 8).first);
    } else {
      v += e;
    }
  }

  // $tag$ … $tag$ (PostgreSQL). Returns false when '$' does not open one.
  bool dollar_quote(Token& t) {
    std::size_t j = i_ + 1;
    while (j < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[j])) || s_[j] == '_')) ++j;
    if (j >= s_.size() || s_[j] != '$') return false;
    std::string tag(s_.substr(i_, j - i_ + 1));
    std::size_t close = s_.find(tag, j + 1);
    if (close == std::string_view::npos) throw SqlError(t.line, t.column, "unterminated dollar-quoted string " + tag);
    t.text = std::string(s_.substr(j + 1, close - j - 1));
    advance(close + tag.size() - i_);
    return true;
  }

  std::string_view s_;
  Escapes escapes_;
  std::string delimiter_ = ";";
  int conditional_depth_ = 0;  // inside /*! … */: its */ is no token
  std::size_t i_ = 0;
  std::size_t line_start_ = 0;
  int line_;
};

}  // namespace

std::vector<Token> tokenize_sql(std::string_view sql, int first_line, bool backslash_escapes) {
  return Lexer(sql, first_line, backslash_escapes).run();
}

}  // namespace sf::ingest
