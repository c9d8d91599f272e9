// What CREATE INDEX says alike on the three engines; PostgreSQL adds its
// access methods (postgres/create.hpp).
#include "generator/dialect/create_statements.hpp"

#include <algorithm>

namespace sf::dialect {

bool CreateStatements::index_inline(const model::Table& t, const model::Index& i) const {
  if (identity_placement() != IdentityPlacement::leading_key_column) return false;
  const auto identity = std::find_if(t.columns.begin(), t.columns.end(), [](const model::Column& c) { return c.identity; });
  if (identity == t.columns.end()) return false;
  // A key written inside CREATE TABLE anyway, or else the first of this
  // engine's indexes that starts with it: one is enough.
  return !t.key_starts_with(identity->name) && t.first_index_starting_with(identity->name, spelling_.name()) == &i;
}

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
