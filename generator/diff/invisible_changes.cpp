#include "generator/diff/invisible_changes.hpp"

#include <algorithm>

namespace sf::diff {
namespace {

bool same_checks(const std::vector<model::Check>& a, const std::vector<model::Check>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const model::Check& x, const model::Check& y) { return x.name == y.name && x.expression == y.expression; });
}

// Everything of the column that reaches this engine's CREATE TABLE (its
// description as the comment included), except the generated comment
// (`note`), which says nothing the engine stores.
bool written_alike(const dialect::Dialect& d, const model::Table& ta, const model::Column& a, const model::Table& tb,
                   const model::Column& b) {
  if (a.nullable != b.nullable || a.description != b.description) return false;  // a description is the column's comment
  const dialect::ColumnDdl x = d.spelling().column_ddl(ta, a), y = d.spelling().column_ddl(tb, b);
  return x.type == y.type && x.generated == y.generated && x.identity == y.identity && x.inline_primary_key == y.inline_primary_key &&
         x.default_sql == y.default_sql && x.on_update_sql == y.on_update_sql && x.visibility == y.visibility &&
         x.trigger_sql == y.trigger_sql && x.type_sql == y.type_sql &&
         same_checks(x.checks, y.checks);
}

}  // namespace

model::Schema without_invisible_changes(model::Schema from, const model::Schema& to, const dialect::Dialect& d) {
  for (auto& table : from.tables) {
    const model::Table* target = to.find_table(table.name);
    if (!target) continue;
    for (auto& column : table.columns) {
      const model::Column* wanted = target->find_column(column.name);
      if (!wanted || column == *wanted) continue;
      if (written_alike(d, table, column, *target, *wanted)) {
        const model::SourceLoc loc = column.loc;
        column = *wanted;
        column.loc = loc;
      }
    }
  }
  return from;
}

}  // namespace sf::diff
