// MySQL/MariaDB print a routine back with SHOW CREATE FUNCTION/PROCEDURE:
// the parameter list and body as written, but the head rewritten — DEFINER
// added, RETURNS INT as `int(11)` and a string type with the database's
// CHARSET and COLLATE, and of the characteristics only those that differ
// from the defaults, in the server's order, the last of two conflicting ones
// kept (READS SQL DATA … CONTAINS SQL is CONTAINS SQL). mysqldump writes
// the same print; people write the characteristics in any order.
#include <algorithm>
#include <array>
#include <optional>

#include "generator/dialect/code_text.hpp"
#include "generator/dialect/mysql/inspector.hpp"

namespace sf::dialect {
namespace {

using code_text::Piece;

bool is_word(const std::vector<Piece>& p, std::size_t i, std::string_view w) {
  return i < p.size() && p[i].kind == Piece::Kind::word && p[i].text == w;
}
bool is_punct(const std::vector<Piece>& p, std::size_t i, std::string_view c) {
  return i < p.size() && p[i].kind == Piece::Kind::punct && p[i].text == c;
}

// Past DEFINER = user@host, CURRENT_USER or CURRENT_USER(): whose rights the
// routine runs with is an account of the dump's server, not the schema.
std::size_t past_definer(const std::vector<Piece>& p, std::size_t i) {
  if (!is_word(p, i, "definer") || !is_punct(p, i + 1, "=")) return i;
  i += 2;
  if (is_word(p, i, "current_user")) return is_punct(p, i + 1, "(") && is_punct(p, i + 2, ")") ? i + 3 : i + 1;
  ++i;  // the user
  if (is_punct(p, i, "@")) i += 2;  // @host
  return i;
}

// RETURNS type as the spec means it: integer display widths, which the
// server adds (`int(11)`), and the CHARSET/COLLATE it adds to a string type
// are left out; INTEGER is INT, BOOL is TINYINT.
std::vector<Piece> returned_type(const std::vector<Piece>& p, std::size_t& i) {
  static constexpr std::array<std::string_view, 6> integers = {"tinyint", "smallint", "mediumint", "int", "integer", "bigint"};
  std::vector<Piece> out;
  if (i >= p.size()) return out;
  Piece type = p[i++];
  if (type.text == "integer") type.text = "int";
  if (type.text == "bool" || type.text == "boolean") type.text = "tinyint";
  const bool integer = std::find(integers.begin(), integers.end(), type.text) != integers.end();
  out.push_back(type);
  if (is_punct(p, i, "(")) {
    std::size_t close = i;
    while (close < p.size() && !is_punct(p, close, ")")) ++close;
    if (!integer) out.insert(out.end(), p.begin() + static_cast<std::ptrdiff_t>(i), p.begin() + static_cast<std::ptrdiff_t>(std::min(close + 1, p.size())));
    i = close + 1;
  }
  for (;;) {
    if (is_word(p, i, "unsigned") || is_word(p, i, "signed") || is_word(p, i, "zerofill")) {
      if (p[i].text != "signed") out.push_back(p[i]);
      ++i;
    } else if (is_word(p, i, "charset") || is_word(p, i, "collate")) {
      i += 2;
    } else if (is_word(p, i, "character") && is_word(p, i + 1, "set")) {
      i += 3;
    } else {
      return out;
    }
  }
}

// The characteristics between the head and the body, one per kind (the last
// stated wins, as the server keeps it), defaults left out, in one order.
struct Characteristics {
  std::optional<std::string> language, determinism, data_access, security, comment;

  // Reads one characteristic at p[i] and moves past it; false at the body.
  bool read(const std::vector<Piece>& p, std::size_t& i) {
    if (is_word(p, i, "language") && i + 1 < p.size()) {
      language = p[i + 1].text == "sql" ? std::nullopt : std::optional(p[i + 1].text);
      i += 2;
    } else if (is_word(p, i, "not") && is_word(p, i + 1, "deterministic")) {
      determinism.reset();
      i += 2;
    } else if (is_word(p, i, "deterministic")) {
      determinism = "deterministic";
      ++i;
    } else if ((is_word(p, i, "contains") || is_word(p, i, "no")) && is_word(p, i + 1, "sql")) {
      data_access = p[i].text == "no" ? std::optional<std::string>("no sql") : std::nullopt;
      i += 2;
    } else if ((is_word(p, i, "reads") || is_word(p, i, "modifies")) && is_word(p, i + 1, "sql") && is_word(p, i + 2, "data")) {
      data_access = p[i].text + " sql data";
      i += 3;
    } else if (is_word(p, i, "sql") && is_word(p, i + 1, "security") && i + 2 < p.size()) {
      security = p[i + 2].text == "definer" ? std::nullopt : std::optional<std::string>("sql security " + p[i + 2].text);
      i += 3;
    } else if (is_word(p, i, "comment") && i + 1 < p.size() && p[i + 1].kind == Piece::Kind::string) {
      comment = p[i + 1].text == "''" ? std::nullopt : std::optional<std::string>("comment " + p[i + 1].text);
      i += 2;
    } else {
      return false;
    }
    return true;
  }

  [[nodiscard]] std::string text() const {
    std::string out;
    for (const auto* c : {&language, &determinism, &data_access, &security, &comment})
      if (*c) out += " " + **c;
    return out;
  }
};

// CREATE FUNCTION name(params) RETURNS type characteristics body, or
// CREATE PROCEDURE name(params) characteristics body, as one text.
std::string routine_in_order(const std::vector<Piece>& p, bool function) {
  std::size_t i = 0;
  while (i < p.size() && !is_punct(p, i, "(")) ++i;
  for (int depth = 0; i < p.size(); ++i) {
    if (is_punct(p, i, "(")) ++depth;
    if (is_punct(p, i, ")") && --depth == 0) break;
  }
  if (i >= p.size()) return code_text::folded(p);
  ++i;
  std::vector<Piece> head(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(i));
  if (function && is_word(p, i, "returns")) {
    head.push_back(p[i++]);
    for (auto& x : returned_type(p, i)) head.push_back(std::move(x));
  }
  Characteristics characteristics;
  while (characteristics.read(p, i)) {
  }
  const std::vector<Piece> body(p.begin() + static_cast<std::ptrdiff_t>(i), p.end());
  return code_text::folded(head) + characteristics.text() + " " + code_text::folded(body);
}

}  // namespace

std::string MysqlInspector::canonical_code(std::string_view create_statement) const {
  const auto all = code_text::pieces(create_statement);
  if (!is_word(all, 0, "create")) return code_text::folded(all);
  // CREATE [OR REPLACE] [DEFINER = …] kind [IF NOT EXISTS] (MariaDB) rest
  std::size_t i = is_word(all, 1, "or") && is_word(all, 2, "replace") ? 3 : 1;
  i = past_definer(all, i);
  std::vector<Piece> p = {all[0]};
  if (i < all.size()) p.push_back(all[i++]);
  if (is_word(all, i, "if") && is_word(all, i + 1, "not") && is_word(all, i + 2, "exists")) i += 3;
  p.insert(p.end(), all.begin() + static_cast<std::ptrdiff_t>(std::min(i, all.size())), all.end());
  if (is_word(p, 1, "function") || is_word(p, 1, "procedure")) return routine_in_order(p, p[1].text == "function");
  return code_text::folded(p);
}

}  // namespace sf::dialect
