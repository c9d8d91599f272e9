#pragma once
// Classifies a default as written in a spec cell or a DEFAULT clause.
#include <string_view>

#include "generator/model/schema.hpp"

namespace sf::model {

// ""            -> none            'x' / "x" -> string x
// NULL          -> null            pending    -> string pending (bare words in markdown cells)
// '[]'::jsonb   -> string []  (PostgreSQL's cast of a literal is the literal)
// 0, -1.5       -> number          TRUE/FALSE -> boolean
// CURRENT_TIMESTAMP(6), now(), (expr), gen_random_uuid() -> expression (upper-cased
// keywords; NOW() becomes CURRENT_TIMESTAMP so every spelling compares equal)
[[nodiscard]] DefaultValue classify_default(std::string_view text);

// A quoted default that the column's type reads as its own kind of value:
// '0' on an integer, decimal or float column is the number 0, '1' on a
// boolean is true (dumps and catalogues quote them: MySQL DEFAULT '0',
// PostgreSQL '0'::bigint). Every engine takes both spellings alike, so the
// model keeps one. Other defaults are returned as they are.
[[nodiscard]] DefaultValue settle_quoted_default(const DefaultValue& d, const LogicalType& type);
// The same for a column's default and each engine's own.
void settle_quoted_defaults(Column& c);

// Canonical spelling of a default expression: CURRENT_TIMESTAMP(6) for
// current_timestamp(6) / now(6)… ; other expressions keep their text, trimmed.
[[nodiscard]] std::string canonical_expression(std::string_view text);

}  // namespace sf::model
