#include "generator/migrate/statement_splitter.hpp"

#include <cctype>
#include <stdexcept>

#include "generator/model/strings.hpp"

namespace sf::migrate {
namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

std::string upper_word(std::string_view s, std::size_t i) {
  std::string w;
  while (i < s.size() && word_char(s[i])) w += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i++])));
  return w;
}

// Whether a statement's text so far opens a stored routine, whose body holds
// semicolons that do not end the statement.
bool opens_routine(const std::string& upper_words) {
  if (upper_words.rfind("CREATE", 0) != 0) return false;
  for (const char* kw : {" PROCEDURE", " FUNCTION", " TRIGGER", " EVENT"})
    if (upper_words.find(kw) != std::string::npos) return upper_words.find("$$") == std::string::npos;
  return false;
}

// Splits a script in one pass: each method reads one lexical construct at `i`, copies it into the
// current statement and keeps `line` counting, so a statement ends only at a semicolon outside all of them.
struct Scanner {
  std::string_view s;
  std::vector<Statement> out;
  std::string current;
  std::string head;  // upper-cased words of the current statement, for routine detection
  int line = 1, start_line = 1;
  bool has_code = false;
  int depth = 0;  // BEGIN/CASE nesting inside a routine body
  std::string delimiter = ";";  // what ends a statement (a DELIMITER line changes it)
  std::size_t i = 0;

  explicit Scanner(std::string_view script) : s(script) {}

  std::vector<Statement> split() {
    while (i < s.size()) step();
    flush();
    return std::move(out);
  }

  bool starts(std::string_view token) const { return s.substr(i).starts_with(token); }
  bool line_comment_ahead() const { return starts("--") || starts("#"); }
  bool block_comment_ahead() const { return starts("/*"); }
  // Whether position i starts a word rather than continuing one.
  bool word_start() const { return i == 0 || !word_char(s[i - 1]); }

  [[noreturn]] static void fail(const std::string& what, int at) {
    throw std::runtime_error("line " + std::to_string(at) + ": " + what + " is never closed");
  }

  void step() {
    char c = s[i];
    if (!has_code && word_start() && delimiter_command()) return;
    // A statement starts at its first character that is neither space nor comment.
    if (!has_code && !std::isspace(static_cast<unsigned char>(c)) && !line_comment_ahead() && !block_comment_ahead()) {
      has_code = true;
      start_line = line;
    }
    if (delimiter != ";" && starts(delimiter)) {  // the terminator a DELIMITER line set: ';' inside is the statement's
      flush();
      i += delimiter.size();
      return;
    }
    if (c == '\n') {
      ++line;
      current += c;
      ++i;
    } else if (line_comment_ahead()) {
      skip_line_comment();
    } else if (block_comment_ahead()) {
      skip_block_comment();
    } else if (c == '\'' || c == '"' || c == '`') {
      read_quoted(c);
    } else if (c == '$' && word_start()) {
      read_dollar();
    } else if (word_char(c) && word_start()) {
      read_word();
    } else if (c == ';' && depth == 0 && delimiter == ";") {
      flush();
      ++i;
    } else {
      current += s[i++];
    }
  }

  // A DELIMITER line as a statement's first word sets what ends the
  // statements after it (model::delimiter_line). Returns whether it read one.
  bool delimiter_command() {
    auto command = model::delimiter_line(s.substr(i));
    if (!command) return false;
    delimiter = std::move(command->delimiter);
    i += command->length;
    return true;
  }

  void flush() {
    std::size_t b = current.find_first_not_of(" \t\r\n"), e = current.find_last_not_of(" \t\r\n");
    if (has_code && b != std::string::npos) out.push_back({current.substr(b, e - b + 1), start_line});
    current.clear();
    head.clear();
    has_code = false;
    depth = 0;
  }

  // Comments before a statement's first word are not part of it.
  void skip_line_comment() {
    while (i < s.size() && s[i] != '\n') {
      if (has_code) current += s[i];
      ++i;
    }
  }

  void skip_block_comment() {
    int at = line;
    std::size_t close = s.find("*/", i + 2);
    if (close == std::string_view::npos) fail("/* comment", at);
    for (std::size_t k = i; k < close + 2; ++k) {
      if (s[k] == '\n') ++line;
      if (has_code) current += s[k];
    }
    i = close + 2;
  }

  // '…' "…" `…`: a doubled quote stays inside; a backslash escapes the next character in '…' only.
  void read_quoted(char q) {
    int at = line;
    current += s[i++];
    for (;;) {
      if (i >= s.size()) fail(q == '\'' ? "string" : "quoted name", at);
      char d = s[i];
      if (d == '\\' && q == '\'' && i + 1 < s.size()) {
        current += s[i++];
        if (s[i] == '\n') ++line;
        current += s[i++];
        continue;
      }
      if (d == '\n') ++line;
      current += s[i++];
      if (d == q) {
        if (i < s.size() && s[i] == q) {  // doubled quote
          current += s[i++];
          continue;
        }
        break;
      }
    }
  }

  // $tag$…$tag$ (PostgreSQL); a '$' that opens no tag is an ordinary character.
  void read_dollar() {
    std::size_t j = i + 1;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
    if (j >= s.size() || s[j] != '$') {
      current += s[i++];
      return;
    }
    std::string tag(s.substr(i, j - i + 1));
    int at = line;
    std::size_t close = s.find(tag, j + 1);
    if (close == std::string_view::npos) fail("dollar-quoted body " + tag, at);
    for (std::size_t k = i; k < close + tag.size(); ++k) {
      if (s[k] == '\n') ++line;
      current += s[k];
    }
    head += " $$";
    i = close + tag.size();
  }

  void read_word() {
    std::string w = upper_word(s, i);
    if (head.size() < 200) head += (head.empty() ? "" : " ") + w;
    std::size_t len = opens_routine(head) ? routine_word(w) : w.size();
    current.append(s.substr(i, len));
    i += len;
  }

  // Counts BEGIN/CASE … END nesting in a routine body, whose semicolons do not end the statement.
  // Returns how many characters the word spans, with the word after END when it consumes it.
  std::size_t routine_word(const std::string& w) {
    if (w == "BEGIN" || w == "CASE") ++depth;
    if (w != "END") return w.size();
    // END closes BEGIN or CASE; END IF/LOOP/WHILE/REPEAT close nothing we count.
    // The word after END is consumed here so END CASE does not reopen a CASE.
    std::size_t k = i + w.size();
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
    std::string next = upper_word(s, k);
    bool compound = next == "IF" || next == "LOOP" || next == "WHILE" || next == "REPEAT";
    if (!compound && depth > 0) --depth;
    if (compound || next == "CASE") return k + next.size() - i;
    return w.size();
  }
};

}  // namespace

std::vector<Statement> split_statements(std::string_view s) { return Scanner(s).split(); }

}  // namespace sf::migrate
