#include "generator/dialect/column_rules.hpp"

namespace sf::dialect {

std::string enum_check_expression(const Spelling& s, const model::Column& c) {
  std::string expr = s.quote(c.name) + " IN (";
  for (std::size_t i = 0; i < c.type.values.size(); ++i) expr += (i ? ", " : "") + s.string_literal(c.type.values[i]);
  return expr + ")";
}

bool is_current_timestamp(const std::string& expression) { return expression.rfind("CURRENT_TIMESTAMP", 0) == 0; }

}  // namespace sf::dialect
