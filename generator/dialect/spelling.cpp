// What the three engines spell alike: quoting (each with its own quote
// character), literals, collation clauses and derived constraint names.
#include "generator/dialect/spelling.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace sf::dialect {

std::string Spelling::quote_always(std::string_view identifier) const {
  const char q = quote_char();
  std::string out(1, q);
  for (char c : identifier) {
    if (c == q) out += q;  // doubled quote is the escape in all three engines
    out += c;
  }
  out += q;
  return out;
}

std::string Spelling::quote(std::string_view identifier) const {
  bool plain = !identifier.empty() && !std::isdigit(static_cast<unsigned char>(identifier[0]));
  for (char c : identifier) {
    auto u = static_cast<unsigned char>(c);
    bool ok = std::islower(u) || std::isdigit(u) || c == '_' || (std::isupper(u) && !case_sensitive_unquoted());
    if (!ok) plain = false;
  }
  if (plain && !is_reserved(identifier)) return std::string(identifier);
  return quote_always(identifier);
}

std::string Spelling::quote_list(const std::vector<std::string>& names) const {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + quote(n);
  return out;
}

std::string Spelling::collate_clause(const model::Column& c) const {
  auto it = c.collations.find(std::string(name()));
  return it == c.collations.end() ? "" : " COLLATE " + collation_sql(it->second);
}

std::string Spelling::string_literal(std::string_view text) const {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string Spelling::derived_name(std::string_view prefix, std::string_view table, std::string_view column) const {
  std::string name = std::string(prefix) + "_" + std::string(table) + "_" + std::string(column);
  const std::size_t limit = max_identifier_bytes() ? max_identifier_bytes() : 63;
  if (name.size() <= limit) return name;
  // FNV-1a: stable across runs and platforms, so regenerated names never change.
  std::uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", h);
  return name.substr(0, limit - 9) + "_" + hex;
}

}  // namespace sf::dialect
