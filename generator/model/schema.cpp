#include "generator/model/schema.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "generator/model/strings.hpp"
#include <cctype>

#include "generator/model/dependency_order.hpp"

namespace sf::model {

const DefaultValue& Column::default_for(std::string_view dialect) const {
  auto it = native_defaults.find(std::string(dialect));
  return it == native_defaults.end() ? default_value : it->second;
}

bool Column::has_default() const {
  return default_value.present() ||
         std::any_of(native_defaults.begin(), native_defaults.end(), [](const auto& d) { return d.second.present(); });
}

bool Index::created_on(std::string_view engine) const {
  return dialects.empty() || std::find(dialects.begin(), dialects.end(), engine) != dialects.end();
}

bool Table::key_starts_with(std::string_view column) const {
  auto starts = [&](const std::vector<std::string>& cols) { return !cols.empty() && cols.front() == column; };
  return (primary_key && starts(primary_key->columns)) ||
         std::any_of(uniques.begin(), uniques.end(), [&](const Key& k) { return starts(k.columns); });
}

const Index* Table::first_index_starting_with(std::string_view column, std::string_view engine) const {
  for (const auto& i : indexes)
    if (i.created_on(engine) && !i.columns.empty() && i.columns.front().expression.empty() && i.columns.front().name == column) return &i;
  return nullptr;
}

const Column* Table::find_column(std::string_view n) const {
  for (const auto& c : columns)
    if (c.name == n) return &c;
  return nullptr;
}
Column* Table::find_column(std::string_view n) {
  return const_cast<Column*>(static_cast<const Table*>(this)->find_column(n));
}
const Table* Schema::find_table(std::string_view n) const {
  for (const auto& t : tables)
    if (t.name == n) return &t;
  return nullptr;
}
Table* Schema::find_table(std::string_view n) {
  return const_cast<Table*>(static_cast<const Schema*>(this)->find_table(n));
}

std::string_view to_string(FkAction a) {
  switch (a) {
    case FkAction::no_action: return "NO ACTION";
    case FkAction::restrict: return "RESTRICT";
    case FkAction::cascade: return "CASCADE";
    case FkAction::set_null: return "SET NULL";
    case FkAction::set_default: return "SET DEFAULT";
  }
  return "NO ACTION";
}

std::optional<FkAction> parse_fk_action(std::string_view words) {
  std::string norm;
  bool space = false;
  for (char c : words) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '_') {
      space = !norm.empty();
      continue;
    }
    if (space) norm += ' ';
    space = false;
    norm += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  for (FkAction a : {FkAction::no_action, FkAction::restrict, FkAction::cascade, FkAction::set_null,
                     FkAction::set_default})
    if (norm == to_string(a)) return a;
  return std::nullopt;
}

std::string_view to_string(DefaultValue::Kind k) {
  switch (k) {
    case DefaultValue::Kind::none: return "none";
    case DefaultValue::Kind::null: return "null";
    case DefaultValue::Kind::string: return "string";
    case DefaultValue::Kind::number: return "number";
    case DefaultValue::Kind::boolean: return "boolean";
    case DefaultValue::Kind::expression: return "expression";
  }
  return "none";
}

void canonicalize(Schema& s) {
  std::sort(s.extensions.begin(), s.extensions.end());
  s.extensions.erase(std::unique(s.extensions.begin(), s.extensions.end()), s.extensions.end());
  std::sort(s.external_tables.begin(), s.external_tables.end());
  std::stable_sort(s.routines.begin(), s.routines.end(), [](const Routine& a, const Routine& b) { return a.name < b.name; });
  s.external_tables.erase(std::unique(s.external_tables.begin(), s.external_tables.end()), s.external_tables.end());

  // Tables after the tables their FKs reference, by name otherwise, so the
  // order is total and independent of input order. Self-references and edges
  // to tables outside the schema do not constrain.
  std::sort(s.tables.begin(), s.tables.end(), [](const Table& a, const Table& b) { return a.name < b.name; });
  std::map<std::string_view, std::size_t> index_of;
  for (std::size_t i = 0; i < s.tables.size(); ++i) index_of.emplace(s.tables[i].name, i);
  std::vector<std::vector<std::size_t>> references(s.tables.size());
  for (std::size_t i = 0; i < s.tables.size(); ++i)
    for (const auto& fk : s.tables[i].foreign_keys)
      if (auto it = index_of.find(fk.ref_table); it != index_of.end()) references[i].push_back(it->second);
  s.tables = in_dependency_order_by_index(std::move(s.tables), references);
}

namespace {
bool ident(char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '$'; }
}  // namespace

std::set<std::string> sql_words(std::string_view sql) {
  std::set<std::string> words;
  for (std::size_t i = 0; i < sql.size();) {
    std::size_t end = i;
    while (end < sql.size() && ident(sql[end])) ++end;
    if (end == i) {
      ++i;
      continue;
    }
    words.insert(lower(sql.substr(i, end - i)));
    i = end;
  }
  return words;
}

bool is_sql_word(std::string_view name) { return !name.empty() && std::all_of(name.begin(), name.end(), ident); }

bool sql_names(std::string_view sql, std::string_view identifier) {
  for (std::size_t i = 0; !identifier.empty() && i + identifier.size() <= sql.size(); ++i) {
    if ((i > 0 && ident(sql[i - 1])) || (i + identifier.size() < sql.size() && ident(sql[i + identifier.size()]))) continue;
    bool same = true;
    for (std::size_t k = 0; k < identifier.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(sql[i + k])) == std::tolower(static_cast<unsigned char>(identifier[k]));
    if (same) return true;
  }
  return false;
}

bool View::reads(std::string_view identifier) const {
  if (sql_names(sql, identifier)) return true;
  return std::any_of(variants.begin(), variants.end(), [&](const auto& dv) { return sql_names(dv.second.sql, identifier); });
}

std::string to_string(const IndexColumn& c) {
  std::string out = c.expression.empty() ? c.name : "(" + c.expression + ")";
  if (c.length > 0) out += "(" + std::to_string(c.length) + ")";
  if (!c.opclass.empty()) out += " " + c.opclass;
  if (c.descending) out += " DESC";
  return out;
}

std::optional<IndexColumn> parse_index_part(std::string_view text, std::string& error) {
  IndexColumn c;
  std::string_view rest = text;
  auto skip_space = [&] {
    while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
  };
  // The parenthesised group at the front of `rest`, without its parentheses.
  auto group = [&]() -> std::optional<std::string> {
    const std::size_t close = closing_paren(rest, 0);
    if (close == std::string_view::npos) return std::nullopt;
    std::string inner(rest.substr(1, close - 1));
    rest.remove_prefix(close + 1);
    return inner;
  };
  skip_space();
  if (!rest.empty() && rest.front() == '(') {
    auto inner = group();
    if (!inner || trim(*inner).empty()) {
      error = "index part '" + std::string(text) + "' has an unbalanced or empty ( expression )";
      return std::nullopt;
    }
    c.expression = trim(*inner);
  } else {
    std::size_t n = 0;
    while (n < rest.size() && !std::isspace(static_cast<unsigned char>(rest[n])) && rest[n] != '(') ++n;
    c.name = std::string(rest.substr(0, n));
    rest.remove_prefix(n);
    if (!rest.empty() && rest.front() == '(') {
      auto inner = group();
      const std::string digits = inner ? trim(*inner) : std::string{};
      if (digits.empty() || digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), [](char d) { return std::isdigit(static_cast<unsigned char>(d)); }) ||
          std::stoi(digits) == 0) {
        error = "index part '" + std::string(text) + "': a prefix length is a positive number, as in key_(768)";
        return std::nullopt;
      }
      c.length = std::stoi(digits);
    }
  }
  std::vector<std::string> words;
  std::string word;
  for (char ch : std::string(rest) + " ") {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += ch;
    }
  }
  if (!words.empty() && (lower(words.back()) == "desc" || lower(words.back()) == "asc")) {
    c.descending = lower(words.back()) == "desc";
    words.pop_back();
  }
  if (words.size() == 1) c.opclass = lower(words.front());
  if (words.size() > 1 || (c.name.empty() && c.expression.empty())) {
    error = "index part '" + std::string(text) + "' is not `name[(length)] [opclass] [ASC|DESC]` or `(expression) [opclass] [ASC|DESC]`";
    return std::nullopt;
  }
  return c;
}

std::string_view to_sql(Deferral d) {
  switch (d) {
    case Deferral::none: return "";
    case Deferral::immediate: return "DEFERRABLE INITIALLY IMMEDIATE";
    case Deferral::deferred: return "DEFERRABLE INITIALLY DEFERRED";
  }
  return "";
}

std::string_view to_word(Deferral d) {
  return d == Deferral::deferred ? "deferred" : d == Deferral::immediate ? "immediate" : "false";
}

std::optional<Deferral> parse_deferral(std::string_view word) {
  const std::string w = lower(word);
  if (w == "deferred" || w == "initially deferred") return Deferral::deferred;
  if (w == "immediate" || w == "initially immediate" || w == "true" || w == "yes") return Deferral::immediate;
  if (w == "false" || w == "no" || w == "none") return Deferral::none;
  return std::nullopt;
}

}  // namespace sf::model
