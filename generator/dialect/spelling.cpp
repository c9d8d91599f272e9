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

std::string Spelling::generated_clause(const model::Column& c) {
  if (!c.generated) return {};
  return "GENERATED ALWAYS AS (" + c.generated->expression + ")" + (c.generated->stored ? " STORED" : " VIRTUAL");
}

std::string Spelling::collate_clause(const model::Column& c) const {
  auto it = c.collations.find(std::string(name()));
  return it == c.collations.end() ? "" : " COLLATE " + collation_sql(it->second);
}

std::string Spelling::type_key(std::string_view type) const { return fold_type_text(type).text(); }

Spelling::FoldedType Spelling::fold_type_text(std::string_view type) {
  // Lower case outside quotes and one space between words; then no space
  // beside punctuation ("numeric (10, 2)" is "numeric(10,2)"), except after
  // a closing parenthesis ("timestamp(3) with time zone").
  std::string words;
  char quote = 0;
  for (char ch : type) {
    if (quote) {
      if (ch == quote) quote = 0;
      words += ch;
    } else if (ch == '\'' || ch == '"' || ch == '`') {
      quote = ch;
      words += ch;
    } else if (std::isspace(static_cast<unsigned char>(ch))) {
      if (!words.empty() && words.back() != ' ') words += ' ';
    } else {
      words += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  std::string out;
  quote = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const char ch = words[i];
    if (quote) {
      if (ch == quote) quote = 0;
    } else if (ch == '\'' || ch == '"' || ch == '`') {
      quote = ch;
    } else if (ch == ' ') {
      const char prev = out.empty() ? '(' : out.back(), next = i + 1 < words.size() ? words[i + 1] : ')';
      if (prev == '(' || prev == ',' || prev == '[' || next == '(' || next == ')' || next == ',' || next == '[' || next == ']') continue;
    }
    out += ch;
  }
  for (const char* tail : {" collate ", " character set ", " charset "})
    if (auto p = out.find(tail); p != std::string::npos) out.erase(p);
  FoldedType f;
  while (out.size() >= 2 && out.compare(out.size() - 2, 2, "[]") == 0) {
    f.array_suffix += "[]";
    out.erase(out.size() - 2);
  }
  // "timestamp(3) with time zone": base "timestamp with time zone", args "3".
  if (auto open = out.find('('); open != std::string::npos && out.compare(0, 4, "enum") != 0 && out.compare(0, 3, "set") != 0) {
    auto close = out.find(')', open);
    if (close != std::string::npos) {
      f.args = out.substr(open + 1, close - open - 1);
      out = out.substr(0, open) + out.substr(close + 1);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  f.base = out;
  return f;
}

std::string Spelling::FoldedType::text() const {
  return base + (args.empty() ? "" : "(" + args + ")") + array_suffix;
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
