// PostgreSQL ALTER idioms: ALTER COLUMN … TYPE … USING, SET/DROP NOT NULL,
// SET/DROP DEFAULT, and the enum CHECK swapped around a value change.
#include "generator/dialect/postgres/postgres_dialect.hpp"

namespace sf::dialect {

std::vector<std::string> PostgresDialect::alter_column(const model::Table& bt, const model::Column& before,
                                                       const model::Table& at, const model::Column& after) const {
  std::vector<std::string> out;
  const std::string table = "ALTER TABLE " + quote(at.name) + " ";
  const std::string col = quote(after.name);
  ColumnDdl was = column_ddl(bt, before), now = column_ddl(at, after);
  for (const auto& ck : was.checks) out.push_back(table + "DROP CONSTRAINT IF EXISTS " + quote(ck.name));
  if (was.identity != now.identity && !was.identity.empty()) out.push_back(table + "ALTER COLUMN " + col + " DROP IDENTITY IF EXISTS");
  if (was.default_sql != now.default_sql && !was.default_sql.empty()) out.push_back(table + "ALTER COLUMN " + col + " DROP DEFAULT");
  if (was.type != now.type) {
    if (!now.type_sql.empty()) out.push_back(now.type_sql);
    out.push_back(table + "ALTER COLUMN " + col + " TYPE " + now.type + " USING " + col + "::" + now.type);
  }
  if (before.nullable != after.nullable)
    out.push_back(table + "ALTER COLUMN " + col + (after.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
  if (was.default_sql != now.default_sql && !now.default_sql.empty())
    out.push_back(table + "ALTER COLUMN " + col + " SET DEFAULT " + now.default_sql);
  if (was.identity != now.identity && !now.identity.empty()) out.push_back(table + "ALTER COLUMN " + col + " ADD " + now.identity);
  for (const auto& ck : now.checks) out.push_back(table + "ADD CONSTRAINT " + quote(ck.name) + " CHECK (" + ck.expression + ")");
  return out;
}

}  // namespace sf::dialect
