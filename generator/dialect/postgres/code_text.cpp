// PostgreSQL prints a trigger back with pg_get_triggerdef and a function with
// pg_get_functiondef: schema-qualified, EXECUTE FUNCTION for the older
// EXECUTE PROCEDURE, OR REPLACE, and a function's clauses (RETURNS, LANGUAGE,
// volatility, AS …) in its own order, leaving out the ones that are defaults.
// pg_dump and people write the same function with the clauses in any order,
// and its types under any alias (int, int4), with typmods PostgreSQL drops
// from a function's signature (varchar(10) is character varying) and the
// IN it does not print.
#include <algorithm>
#include <cctype>

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

// A type as pg_get_functiondef names it: `int4` and `int` are `integer`.
const char* standard_type_name(std::string_view alias) {
  static constexpr std::pair<std::string_view, const char*> aliases[] = {
      {"int", "integer"},       {"int4", "integer"},       {"int2", "smallint"},      {"int8", "bigint"},
      {"bool", "boolean"},      {"float8", "double precision"}, {"float", "double precision"}, {"float4", "real"},
      {"varchar", "character varying"}, {"char", "character"}, {"bpchar", "character"}, {"decimal", "numeric"},
      {"varbit", "bit varying"}, {"timestamptz", "timestamp with time zone"}, {"timetz", "time with time zone"}};
  for (const auto& [from, to] : aliases)
    if (alias == from) return to;
  return nullptr;
}

// Past a typmod at p[i] — (10), (12, 2) — if there is one.
std::size_t past_typmod(const std::vector<Piece>& p, std::size_t i) {
  if (!(i < p.size() && p[i].kind == Piece::Kind::punct && p[i].text == "(")) return i;
  while (i < p.size() && !(p[i].kind == Piece::Kind::punct && p[i].text == ")")) ++i;
  return i + 1;
}

// Whether a type word takes a typmod: varchar(10), numeric(12, 2), timestamp(3).
bool takes_typmod(std::string_view type) {
  static constexpr std::string_view types[] = {"character", "char",      "bpchar", "varchar", "varying",     "numeric", "decimal",
                                               "bit",       "varbit",    "time",   "timetz",  "timestamp",   "timestamptz", "interval"};
  return std::find(std::begin(types), std::end(types), type) != std::end(types);
}

// The types of a signature (argument list or RETURNS) as PostgreSQL keeps
// them: standard names, no typmods, `timestamp` spelled out, no IN mode.
std::vector<Piece> signature_types(const std::vector<Piece>& p, std::size_t from) {
  std::vector<Piece> out(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(from));
  for (std::size_t i = from; i < p.size(); ++i) {
    if (p[i].kind != Piece::Kind::word) {
      out.push_back(p[i]);
      continue;
    }
    // An argument's mode IN is the default, which PostgreSQL does not print.
    if (p[i].text == "in" && !out.empty() && out.back().kind == Piece::Kind::punct && (out.back().text == "(" || out.back().text == ","))
      continue;
    const char* standard = standard_type_name(p[i].text);
    Piece x{Piece::Kind::word, standard ? standard : p[i].text};
    const std::size_t next = takes_typmod(p[i].text) ? past_typmod(p, i + 1) : i + 1;
    const bool zone_clause = !out.empty() && (is_word(out.back(), "with") || is_word(out.back(), "without"));  // with time zone
    if ((x.text == "timestamp" || x.text == "time") && !zone_clause && !(next < p.size() && (is_word(p[next], "with") || is_word(p[next], "without"))))
      x.text += " without time zone";
    out.push_back(std::move(x));
    i = next - 1;
  }
  return out;
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
  std::size_t name_end = 0;
  while (name_end < p.size() && !(p[name_end].kind == Piece::Kind::punct && p[name_end].text == "(")) ++name_end;
  const std::vector<Piece> head = signature_types(std::vector<Piece>(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(i + 1)), name_end);
  std::vector<std::string> clauses;
  std::vector<Piece> current;
  // With OUT parameters RETURNS may go unsaid, and the catalogue says it
  // (their type, or record): it follows from them, so it is left out.
  const bool has_out = std::any_of(head.begin(), head.end(), [](const Piece& x) { return is_word(x, "out") || is_word(x, "inout"); });
  auto close = [&] {
    if (current.empty()) return;
    if (has_out && is_word(current.front(), "returns")) {
      current.clear();
      return;
    }
    std::string c = code_text::folded(is_word(current.front(), "returns") ? signature_types(current, 1) : current);
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

// One parameter's pieces as text: a space between two words, none around
// punctuation (integer[], numeric(12,2) without its typmod already).
std::string parameter_text(const std::vector<Piece>& p) {
  std::string out;
  for (const auto& x : p) {
    const bool word = x.kind != Piece::Kind::punct;
    if (!out.empty() && word && (std::isalnum(static_cast<unsigned char>(out.back())) || out.back() == '_' || out.back() == '"'))
      out += ' ';
    out += x.kind == Piece::Kind::quoted_name ? "\"" + x.text + "\"" : x.text;
  }
  return out;
}

// The identity parameters of CREATE FUNCTION name(…): without OUT
// parameters, IN and defaults, their types as the catalogue names them.
std::string identity_parameters(const std::vector<Piece>& p) {
  std::size_t i = 0;
  while (i < p.size() && !(p[i].kind == Piece::Kind::punct && p[i].text == "(")) ++i;
  std::vector<std::string> params;
  std::vector<Piece> current;
  bool in_default = false;
  auto close = [&] {
    if (!current.empty() && is_word(current.front(), "in")) current.erase(current.begin());
    if (!current.empty() && !is_word(current.front(), "out")) params.push_back(parameter_text(signature_types(current, 0)));
    current.clear();
    in_default = false;
  };
  for (int depth = 0; ++i < p.size();) {
    const bool punct = p[i].kind == Piece::Kind::punct;
    if (punct && p[i].text == "(") ++depth;
    if (punct && p[i].text == ")" && depth-- == 0) break;
    if (depth == 0 && punct && p[i].text == ",") {
      close();
      continue;
    }
    if (depth == 0 && (is_word(p[i], "default") || (punct && p[i].text == "="))) in_default = true;
    if (!in_default) current.push_back(p[i]);
  }
  close();
  std::string out;
  for (const auto& x : params) out += (out.empty() ? "" : ", ") + x;
  return out;
}

}  // namespace

// A function is its name and identity parameters: f(integer) and f(text)
// are two, and CREATE OR REPLACE f(bigint) does not replace f(integer).
std::string PostgresInspector::routine_key(const model::Routine& r) const {
  const auto sql = r.sql.find(std::string(spelling_.name()));
  if (sql == r.sql.end()) return r.name;
  return r.name.substr(0, r.name.find('(')) + "(" + identity_parameters(code_text::pieces(sql->second)) + ")";
}

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
