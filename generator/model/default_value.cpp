#include "generator/model/default_value.hpp"

#include "generator/model/strings.hpp"
#include <cctype>
#include <regex>

namespace sf::model {
namespace {

bool is_number(const std::string& s) {
  static const std::regex number(R"(^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$)");
  return std::regex_match(s, number);
}

}  // namespace

std::string canonical_expression(std::string_view text) {
  std::string t = trim(text);
  // Strip redundant outer parentheses: (CURRENT_TIMESTAMP) is CURRENT_TIMESTAMP.
  while (t.size() >= 2 && t.front() == '(' && t.back() == ')') {
    int depth = 0;
    bool wraps = true;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '(') ++depth;
      if (t[i] == ')' && --depth == 0 && i + 1 < t.size()) wraps = false;
    }
    if (!wraps) break;
    t = trim(std::string_view(t).substr(1, t.size() - 2));
  }
  static const std::regex now_like(R"(^(CURRENT_TIMESTAMP|NOW|LOCALTIMESTAMP|TRANSACTION_TIMESTAMP)\s*(\(\s*(\d*)\s*\))?$)",
                                   std::regex::icase);
  std::smatch m;
  if (std::regex_match(t, m, now_like)) {
    std::string digits = m[3].str();
    return digits.empty() || digits == "0" ? std::string("CURRENT_TIMESTAMP") : "CURRENT_TIMESTAMP(" + digits + ")";
  }
  static const std::regex bare_call(R"(^([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*\)$)");
  if (std::regex_match(t, m, bare_call)) return upper(m[1].str()) + "()";
  std::string u = upper(t);
  if (u == "CURRENT_DATE" || u == "CURRENT_TIME" || u == "CURRENT_USER") return u;
  return t;
}

DefaultValue classify_default(std::string_view text) {
  using K = DefaultValue::Kind;
  std::string t = trim(text);
  if (t.empty()) return {};
  // '[]'::jsonb, PostgreSQL's cast of a literal, is the literal: the server
  // casts a default to its column's type anyway (and shows it cast again), and
  // the other engines have no `::`.
  static const std::regex cast(R"(^('(?:[^']|'')*')\s*::\s*[A-Za-z_][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\])?$)");
  std::smatch cm;
  if (t.front() == '\'' && t.size() <= 4096 && std::regex_match(t, cm, cast)) t = cm[1].str();  // std::regex recurses per character
  if ((t.front() == '\'' || t.front() == '"') && t.size() >= 2 && t.back() == t.front()) {
    std::string v;
    char q = t.front();
    for (std::size_t i = 1; i + 1 < t.size(); ++i) {
      if (t[i] == q && i + 2 < t.size() && t[i + 1] == q) ++i;  // doubled quote
      v += t[i];
    }
    return {K::string, v};
  }
  std::string u = upper(t);
  if (u == "NULL") return {K::null, ""};
  if (u == "TRUE" || u == "FALSE") return {K::boolean, u == "TRUE" ? "true" : "false"};
  if (is_number(t)) return {K::number, t};
  bool looks_like_expression = t.find('(') != std::string::npos || u == "CURRENT_TIMESTAMP" ||
                               u == "CURRENT_DATE" || u == "CURRENT_TIME" || u == "LOCALTIMESTAMP" ||
                               u == "CURRENT_USER";
  if (looks_like_expression) return {K::expression, canonical_expression(t)};
  return {K::string, t};  // a bare word such as `pending` in a markdown Default cell
}

DefaultValue settle_quoted_default(const DefaultValue& d, const LogicalType& type) {
  using K = DefaultValue::Kind;
  if (d.kind != K::string) return d;
  const std::string t = trim(d.text);
  if ((type.kind == TypeKind::integer || type.kind == TypeKind::decimal || type.kind == TypeKind::floating) && is_number(t)) {
    // MySQL prints a DECIMAL's default at the column's scale; the number is the same.
    return {K::number, t};
  }
  if (type.kind == TypeKind::boolean) {
    const std::string u = upper(t);
    if (u == "0" || u == "FALSE" || u == "F") return {K::boolean, "false"};
    if (u == "1" || u == "TRUE" || u == "T") return {K::boolean, "true"};
  }
  return d;
}

void settle_quoted_defaults(Column& c) {
  c.default_value = settle_quoted_default(c.default_value, c.type);
  for (auto& [engine, d] : c.native_defaults) d = settle_quoted_default(d, c.type);
}

}  // namespace sf::model
