// The names a statement gives the keys it leaves unnamed (Spelling::name_unnamed).
#include <cctype>
#include <set>

#include "generator/dialect/spelling.hpp"
#include "generator/model/strings.hpp"

namespace sf::dialect {
namespace {

bool word_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
bool word_char(char c) { return word_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }

// The one column of `t` a CHECK's expression names, or "" where it names
// none or several (PostgreSQL: "we approximate this by seeing whether the
// expression references more than one column", heap.c). A name is a word
// outside quotes that calls nothing and follows no `::` (a type), or a
// "quoted" name, matched as PostgreSQL folds: unquoted without letter case.
std::string only_column(const model::Table& t, std::string_view expression) {
  std::set<std::string> named;
  auto match = [&](const std::string& word, bool quoted) {
    for (const auto& c : t.columns)
      if (quoted ? c.name == word : model::lower(c.name) == model::lower(word)) named.insert(c.name);
  };
  for (std::size_t i = 0; i < expression.size();) {
    const char ch = expression[i];
    if (ch == '\'' || ch == '"') {
      std::size_t end = i + 1;
      while (end < expression.size() && expression[end] != ch) ++end;
      if (ch == '"') match(std::string(expression.substr(i + 1, end - i - 1)), true);
      i = end + 1;
    } else if (word_start(ch)) {
      std::size_t end = i;
      while (end < expression.size() && word_char(expression[end])) ++end;
      std::size_t next = end;
      while (next < expression.size() && std::isspace(static_cast<unsigned char>(expression[next]))) ++next;
      const bool call = next < expression.size() && expression[next] == '(';
      const bool type = i >= 2 && expression.substr(i - 2, 2) == "::";
      if (!call && !type) match(std::string(expression.substr(i, end - i)), false);
      i = end;
    } else {
      ++i;
    }
  }
  return named.size() == 1 ? *named.begin() : std::string{};
}

}  // namespace

void Spelling::name_unnamed(model::Table& t, const std::vector<WrittenKey>& statement) const {
  name_unnamed_portably(t, statement);
}

void Spelling::name_unnamed_portably(model::Table& t, const std::vector<WrittenKey>& statement) {
  auto parts = [](const std::vector<model::IndexColumn>& columns) {
    std::vector<std::string> out;
    for (const auto& c : columns) out.push_back(c.name.empty() ? std::string("expr") : c.name);
    return out;
  };
  for (const auto& k : statement) {
    switch (k.kind) {
      case WrittenKey::Kind::unique: {
        auto& key = t.uniques[k.at];
        if (key.name.empty()) key.name = t.name + "_" + model::join(key.columns, "_") + "_key";
        break;
      }
      case WrittenKey::Kind::index: {
        auto& index = t.indexes[k.at];
        if (index.name.empty()) index.name = t.name + "_" + model::join(parts(index.columns), "_") + "_idx";
        break;
      }
      case WrittenKey::Kind::foreign_key: {
        auto& fk = t.foreign_keys[k.at];
        if (fk.name.empty()) fk.name = t.name + "_" + model::join(fk.columns, "_") + "_fkey";
        break;
      }
      case WrittenKey::Kind::check: {
        auto& check = t.checks[k.at];
        if (!check.name.empty()) break;
        const std::string column = only_column(t, check.expression);
        const std::string base = t.name + (column.empty() ? "" : "_" + column) + "_check";
        std::string name = base;
        for (int n = 1; model::named(t.checks, name); ++n) name = base + std::to_string(n);
        check.name = name;
        break;
      }
    }
  }
}

}  // namespace sf::dialect
