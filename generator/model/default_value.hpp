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

// Canonical spelling of a default expression: CURRENT_TIMESTAMP(6) for
// current_timestamp(6) / now(6)… ; other expressions keep their text, trimmed.
[[nodiscard]] std::string canonical_expression(std::string_view text);

}  // namespace sf::model
