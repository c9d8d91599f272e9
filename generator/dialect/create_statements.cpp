// What CREATE INDEX says alike on the three engines; PostgreSQL adds its
// access methods (postgres/create.hpp).
#include "generator/dialect/create_statements.hpp"

#include <algorithm>

namespace sf::dialect {

bool CreateStatements::index_inline(const model::Table& t, const model::Index& i) const {
  if (identity_placement() != IdentityPlacement::leading_key_column) return false;
  const auto identity = std::find_if(t.columns.begin(), t.columns.end(), [](const model::Column& c) { return c.identity; });
  if (identity == t.columns.end()) return false;
  auto leads = [&](const std::vector<std::string>& cols) { return !cols.empty() && cols.front() == identity->name; };
  if (t.primary_key && leads(t.primary_key->columns)) return false;
  if (std::any_of(t.uniques.begin(), t.uniques.end(), [&](const model::Key& k) { return leads(k.columns); })) return false;
  // The first of this engine's indexes that leads with it: one key is enough.
  const std::string engine(spelling_.name());
  for (const auto& other : t.indexes) {
    const bool here = other.dialects.empty() || std::find(other.dialects.begin(), other.dialects.end(), engine) != other.dialects.end();
    if (here && !other.columns.empty() && other.columns.front().expression.empty() && other.columns.front().name == identity->name)
      return &other == &i;
  }
  return false;
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
