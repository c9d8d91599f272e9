#pragma once
// Small pieces the three dialects share when writing columns: classifying
// a default, and the enum CHECK that PostgreSQL and SQLite both need.
#include <string>

#include "generator/dialect/spelling.hpp"

namespace sf::dialect {

// `col IN ('a', 'b')` with the dialect's quoting.
std::string enum_check_expression(const Spelling& s, const model::Column& c);

// Whether a default expression is CURRENT_TIMESTAMP with or without a precision.
bool is_current_timestamp(const std::string& expression);

}  // namespace sf::dialect
