// What CREATE INDEX says alike on the three engines; PostgreSQL adds its
// access methods (postgres/create.hpp).
#include "generator/dialect/create_statements.hpp"

namespace sf::dialect {

std::string CreateStatements::index_columns(const model::Index& i) const {
  std::string cols;
  for (const auto& c : i.columns)
    cols += (cols.empty() ? "" : ", ") + (c.expression.empty() ? spelling_.quote(c.name) : "(" + c.expression + ")") +
            (c.length > 0 && has_prefix_lengths() ? "(" + std::to_string(c.length) + ")" : "") +
            (c.opclass.empty() ? "" : " " + c.opclass) + (c.descending ? " DESC" : "");
  return cols;
}

std::string CreateStatements::index_target(const model::Index& i) const {
  return "(" + index_columns(i) + ")" + (i.where.empty() ? "" : " WHERE " + i.where);
}

}  // namespace sf::dialect
