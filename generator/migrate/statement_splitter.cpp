#include "generator/migrate/statement_splitter.hpp"

#include <cctype>
#include <stdexcept>

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

}  // namespace

std::vector<Statement> split_statements(std::string_view s) {
  std::vector<Statement> out;
  std::string current;
  std::string head;  // upper-cased words of the current statement, for routine detection
  int line = 1, start_line = 1;
  bool has_code = false;
  int depth = 0;  // BEGIN/CASE nesting inside a routine body
  auto flush = [&] {
    std::size_t b = current.find_first_not_of(" \t\r\n"), e = current.find_last_not_of(" \t\r\n");
    if (has_code && b != std::string::npos) out.push_back({current.substr(b, e - b + 1), start_line});
    current.clear();
    head.clear();
    has_code = false;
    depth = 0;
  };
  auto fail = [&](const char* what, int at) {
    throw std::runtime_error("line " + std::to_string(at) + ": " + what + " is never closed");
  };
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (!has_code && !std::isspace(static_cast<unsigned char>(c)) && !(c == '-' && i + 1 < s.size() && s[i + 1] == '-') &&
        c != '#' && !(c == '/' && i + 1 < s.size() && s[i + 1] == '*')) {
      has_code = true;
      start_line = line;
    }
    if (c == '\n') {
      ++line;
      current += c;
      ++i;
    } else if ((c == '-' && i + 1 < s.size() && s[i + 1] == '-') || c == '#') {
      // Comments before a statement's first word are not part of it.
      while (i < s.size() && s[i] != '\n') {
        if (has_code) current += s[i];
        ++i;
      }
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      int at = line;
      std::size_t close = s.find("*/", i + 2);
      if (close == std::string_view::npos) fail("/* comment", at);
      for (std::size_t k = i; k < close + 2; ++k) {
        if (s[k] == '\n') ++line;
        if (has_code) current += s[k];
      }
      i = close + 2;
    } else if (c == '\'' || c == '"' || c == '`') {
      int at = line;
      current += s[i++];
      for (;;) {
        if (i >= s.size()) fail(c == '\'' ? "string" : "quoted name", at);
        char d = s[i];
        if (d == '\\' && c == '\'' && i + 1 < s.size()) {
          current += s[i++];
          if (s[i] == '\n') ++line;
          current += s[i++];
          continue;
        }
        if (d == '\n') ++line;
        current += s[i++];
        if (d == c) {
          if (i < s.size() && s[i] == c) {  // doubled quote
            current += s[i++];
            continue;
          }
          break;
        }
      }
    } else if (c == '$' && (i == 0 || !word_char(s[i - 1]))) {
      std::size_t j = i + 1;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      if (j < s.size() && s[j] == '$') {
        std::string tag(s.substr(i, j - i + 1));
        int at = line;
        std::size_t close = s.find(tag, j + 1);
        if (close == std::string_view::npos) fail(("dollar-quoted body " + tag).c_str(), at);
        for (std::size_t k = i; k < close + tag.size(); ++k) {
          if (s[k] == '\n') ++line;
          current += s[k];
        }
        head += " $$";
        i = close + tag.size();
      } else {
        current += s[i++];
      }
    } else if (word_char(c) && (i == 0 || !word_char(s[i - 1]))) {
      std::string w = upper_word(s, i);
      if (head.size() < 200) head += (head.empty() ? "" : " ") + w;
      std::size_t len = w.size();
      if (opens_routine(head)) {
        if (w == "BEGIN" || w == "CASE") ++depth;
        if (w == "END") {
          // END closes BEGIN or CASE; END IF/LOOP/WHILE/REPEAT close nothing we count.
          // The word after END is consumed here so END CASE does not reopen a CASE.
          std::size_t k = i + w.size();
          while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
          std::string next = upper_word(s, k);
          bool compound = next == "IF" || next == "LOOP" || next == "WHILE" || next == "REPEAT";
          if (!compound && depth > 0) --depth;
          if (compound || next == "CASE") len = k + next.size() - i;
        }
      }
      current.append(s.substr(i, len));
      i += len;
    } else if (c == ';' && depth == 0) {
      flush();
      ++i;
    } else {
      current += s[i++];
    }
  }
  flush();
  return out;
}

}  // namespace sf::migrate
