#include <algorithm>
#include <cctype>

#include "generator/model/targets.hpp"
#include "generator/validate/validate.hpp"
#include "generator/validate/warning_rules.hpp"

namespace sf::validate {
namespace {

// Characters no engine takes in a name, even quoted: control characters, the
// quote characters themselves (we would have to escape them differently per
// engine), characters outside the BMP (MySQL's utf8 identifiers), and a
// trailing space (MySQL strips it).
std::string forbidden_in(std::string_view name) {
  if (name.empty()) return "it is empty";
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x20 || c == 0x7f) return "it contains a control character";
    if (c == '`' || c == '"') return "it contains a quote character";
    if (c >= 0xF0) return "it contains a character outside the Basic Multilingual Plane";
  }
  if (name.back() == ' ') return "it ends with a space";
  return {};
}

bool plain(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

}  // namespace

void check_identifiers(const model::Schema& schema, const std::vector<IdentifierRules>& rules, model::Diagnostics& diags) {
  // Extension names are written quoted into CREATE EXTENSION: letters, digits, _ and - only.
  for (const auto& e : schema.extensions)
    if (e.empty() || !std::all_of(e.begin(), e.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-'; }))
      diags.error({}, "extension '" + e + "' is not an extension name (letters, digits, _ and - only)");
  for (const auto& t : schema.tables) {
    std::vector<const IdentifierRules*> targeted;
    for (const auto& r : rules)
      if (model::targets(schema, t, r.dialect)) targeted.push_back(&r);
    auto check = [&](std::string_view name, const std::string& what, const model::SourceLoc& loc, bool in_table = false) {
      const std::string shown = in_table ? t.name + "." + std::string(name) : std::string(name);
      if (std::string why = forbidden_in(name); !why.empty()) {
        diags.error(loc, what + " '" + shown + "' cannot be used: " + why);
        return;
      }
      for (const IdentifierRules* r : targeted) {
        if (r->max_bytes && name.size() > r->max_bytes) {
          diags.error(loc, what + " '" + shown.substr(0, 48) + (shown.size() > 48 ? "…" : "") + "' is " +
                               std::to_string(name.size()) + " bytes; " + r->dialect + " allows at most " +
                               std::to_string(r->max_bytes) + ". Choose a shorter name");
        }
      }
      std::string reserved_in;
      for (const IdentifierRules* r : targeted)
        if (r->is_reserved && r->is_reserved(name)) reserved_in += (reserved_in.empty() ? "" : ", ") + r->dialect;
      if (!reserved_in.empty())
        warn(diags, t, loc, what + " '" + shown + "' is a reserved word in " + reserved_in + "; it will be quoted", rule::reserved_word);
      else if (!plain(name))
        diags.note(loc, what + " '" + shown + "' has characters beyond [A-Za-z0-9_]; it will be quoted");
    };
    check(t.name, "table name", t.loc);
    for (const auto& c : t.columns) check(c.name, "column", c.loc, true);
    for (const auto& k : t.uniques) check(k.name, "unique key name", k.loc);
    for (const auto& i : t.indexes) check(i.name, "index name", i.loc);
    for (const auto& f : t.foreign_keys) check(f.name, "foreign key name", f.loc);
    for (const auto& c : t.checks) check(c.name, "check name", c.loc);
    for (const auto& v : t.views) check(v.name, "view name", v.loc);
  }
}

}  // namespace sf::validate
