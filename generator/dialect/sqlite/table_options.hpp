#pragma once
// SQLite's two table options (https://sqlite.org/stricttables.html,
// https://sqlite.org/withoutrowid.html), as the model keeps them: in
// Table::options["sqlite"], `strict` and `without_rowid`, each "true" or
// "false" (YAML may say yes/no/on/off/1/0). Every room that needs them
// (the CREATE facet, the spelling, inspection, the rebuild) asks here.
#include <optional>
#include <string>
#include <string_view>

#include "generator/model/engines.hpp"
#include "generator/model/schema.hpp"
#include "generator/model/strings.hpp"

namespace sf::dialect::sqlite_options {

inline constexpr const char* strict = model::option_strict;                // CREATE TABLE … STRICT: declared types enforced
inline constexpr const char* without_rowid = model::option_without_rowid;  // … WITHOUT ROWID: the key is the storage

// A flag's value as written; nullopt where it is no yes or no.
[[nodiscard]] inline std::optional<bool> flag(std::string_view value) {
  const std::string v = model::lower(value);
  if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return false;
  return std::nullopt;
}

// Whether the table says `option` for SQLite.
[[nodiscard]] inline bool is_set(const model::Table& t, const char* option) {
  const auto engine = t.options.find("sqlite");
  if (engine == t.options.end()) return false;
  const auto v = engine->second.find(option);
  return v != engine->second.end() && flag(v->second).value_or(false);
}

// The declared types a STRICT table takes: anything else is refused.
[[nodiscard]] inline bool strict_type(std::string_view declared) {
  const std::string t = model::upper(declared);
  return t == "INT" || t == "INTEGER" || t == "REAL" || t == "TEXT" || t == "BLOB" || t == "ANY";
}

}  // namespace sf::dialect::sqlite_options
