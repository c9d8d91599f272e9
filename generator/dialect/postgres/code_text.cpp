// PostgreSQL prints a trigger back with pg_get_triggerdef and a function with
// pg_get_functiondef: schema-qualified, EXECUTE FUNCTION for the older
// EXECUTE PROCEDURE, OR REPLACE, and a function's clauses (RETURNS, LANGUAGE,
// volatility, AS …) in its own order, leaving out the ones that are defaults.
// pg_dump and people write the same function with the clauses in any order.
#include <algorithm>

#include "generator/dialect/code_text.hpp"
#include "generator/dialect/postgres/inspector.hpp"

namespace sf::dialect {
namespace {

using code_text::Piece;

bool is_word(const Piece& p, std::string_view w) { return p.kind == Piece::Kind::word && p.text == w; }

// The words that open a clause after a function's argument list.
bool opens_clause(const std::vector<Piece>& p, std::size_t i) {
  static constexpr std::string_view starts[] = {"returns", "language", "as",       "immutable", "stable", "volatile", "strict",
                                                "called",  "leakproof", "not",     "security",  "external", "parallel", "cost",
                                                "rows",    "support",  "set",      "window",    "transform", "return", "begin"};
  if (p[i].kind != Piece::Kind::word) return false;
  return std::find(std::begin(starts), std::end(starts), p[i].text) != std::end(starts);
}

// The clauses a function states when it says nothing (pg_get_functiondef omits them).
bool is_default_clause(const std::string& c) {
  static constexpr std::string_view defaults[] = {"volatile", "called on null input", "security invoker", "external security invoker",
                                                  "not leakproof", "parallel unsafe", "cost 100", "rows 1000"};
  return std::find(std::begin(defaults), std::end(defaults), c) != std::end(defaults);
}

// CREATE FUNCTION name(args) clause… : the head kept, the clauses sorted.
std::string function_in_order(const std::vector<Piece>& p) {
  std::size_t i = 0;
  while (i < p.size() && !(p[i].kind == Piece::Kind::punct && p[i].text == "(")) ++i;
  int depth = 0;
  for (; i < p.size(); ++i) {
    if (p[i].kind != Piece::Kind::punct) continue;
    if (p[i].text == "(") ++depth;
    if (p[i].text == ")" && --depth == 0) break;
  }
  if (i >= p.size()) return code_text::folded(p);
  const std::vector<Piece> head(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(i + 1));
  std::vector<std::string> clauses;
  std::vector<Piece> current;
  auto close = [&] {
    if (current.empty()) return;
    std::string c = code_text::folded(current);
    if (c == "returns null on null input") c = "strict";
    if (!is_default_clause(c)) clauses.push_back(std::move(c));
    current.clear();
  };
  for (std::size_t k = i + 1; k < p.size(); ++k) {
    // NOT LEAKPROOF and EXTERNAL SECURITY … are one clause each.
    const bool continues = !current.empty() && (is_word(current.back(), "not") || is_word(current.back(), "external"));
    if (opens_clause(p, k) && !continues) close();
    // BEGIN ATOMIC … END (SQL-standard body) and RETURN expr run to the end.
    if (is_word(p[k], "begin") || is_word(p[k], "return")) {
      close();
      current.assign(p.begin() + static_cast<std::ptrdiff_t>(k), p.end());
      break;
    }
    current.push_back(p[k]);
  }
  close();
  std::sort(clauses.begin(), clauses.end());
  std::string out = code_text::folded(head);
  for (const auto& c : clauses) out += " " + c;
  return out;
}

}  // namespace

std::string PostgresInspector::canonical_code(std::string_view create_statement) const {
  std::vector<Piece> p;
  for (auto& x : code_text::pieces(create_statement)) {
    if (is_word(x, "replace") && p.size() >= 2 && is_word(p.back(), "or")) {  // CREATE OR REPLACE
      p.pop_back();
      continue;
    }
    if (x.kind == Piece::Kind::punct && x.text == "." && !p.empty() && is_word(p.back(), "public")) {  // public.name
      p.pop_back();
      continue;
    }
    if (is_word(x, "procedure") && !p.empty() && is_word(p.back(), "execute")) x.text = "function";
    p.push_back(std::move(x));
  }
  if (p.size() > 1 && is_word(p[0], "create") && (is_word(p[1], "function") || is_word(p[1], "procedure"))) return function_in_order(p);
  return code_text::folded(p);
}

}  // namespace sf::dialect
