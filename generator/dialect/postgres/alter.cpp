// PostgreSQL ALTER idioms: ALTER COLUMN … TYPE … USING, SET/DROP NOT NULL,
// SET/DROP DEFAULT, and the enum CHECK swapped around a value change.
#include "generator/dialect/postgres/alter.hpp"

namespace sf::dialect {

std::vector<std::string> PostgresAlter::add_column(const model::Table& t, const model::Column& c) const {
  std::vector<std::string> out = AlterStatements::add_column(t, c);
  if (!c.description.empty())
    out.push_back("COMMENT ON COLUMN " + quote(t.name) + "." + quote(c.name) + " IS " +
                  spelling_.string_literal(c.description.substr(0, 1024)));
  return out;
}

std::vector<std::string> PostgresAlter::alter_comment(const model::Table& t, const std::string& column) const {
  // As 001_tables.sql writes them; an empty description removes the comment.
  auto literal = [&](const std::string& text, std::size_t limit) {
    return text.empty() ? std::string("NULL") : spelling_.string_literal(text.substr(0, limit));
  };
  if (column.empty()) return {"COMMENT ON TABLE " + quote(t.name) + " IS " + literal(t.description, std::string::npos)};
  const model::Column* c = t.find_column(column);
  if (!c) return {};
  return {"COMMENT ON COLUMN " + quote(t.name) + "." + quote(c->name) + " IS " + literal(c->description, 1024)};
}

std::vector<std::string> PostgresAlter::alter_column(const model::Table& bt, const model::Column& before,
                                                       const model::Table& at, const model::Column& after) const {
  // PostgreSQL 15 can turn a generated column into a plain one (DROP
  // EXPRESSION, values kept) but not change or add an expression: that is a
  // new column.
  if (after.generated && before.generated != after.generated) return recreate_column(bt, at, after);
  std::vector<std::string> out;
  const std::string table = "ALTER TABLE " + quote(at.name) + " ";
  const std::string col = quote(after.name);
  if (before.generated && !after.generated) out.push_back(table + "ALTER COLUMN " + col + " DROP EXPRESSION");
  ColumnDdl was = spelling_.column_ddl(bt, before), now = spelling_.column_ddl(at, after);
  for (const auto& ck : was.checks) out.push_back(table + "DROP CONSTRAINT IF EXISTS " + quote(ck.name));
  if (was.identity != now.identity && !was.identity.empty()) out.push_back(table + "ALTER COLUMN " + col + " DROP IDENTITY IF EXISTS");
  // A default is dropped around a type change too: PostgreSQL will not cast it (text 'x' to an enum).
  const bool retype = was.type != now.type;
  if ((was.default_sql != now.default_sql || retype) && !was.default_sql.empty()) out.push_back(table + "ALTER COLUMN " + col + " DROP DEFAULT");
  if (was.type != now.type) {
    if (!now.type_sql.empty()) out.push_back(now.type_sql);
    out.push_back(table + "ALTER COLUMN " + col + " TYPE " + now.type + " USING " + col + "::" + now.type);
  }
  if (before.nullable != after.nullable)
    out.push_back(table + "ALTER COLUMN " + col + (after.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
  if ((was.default_sql != now.default_sql || retype) && !now.default_sql.empty())
    out.push_back(table + "ALTER COLUMN " + col + " SET DEFAULT " + now.default_sql);
  if (was.identity != now.identity && !now.identity.empty()) out.push_back(table + "ALTER COLUMN " + col + " ADD " + now.identity);
  for (const auto& ck : now.checks) out.push_back(table + "ADD CONSTRAINT " + quote(ck.name) + " CHECK (" + ck.expression + ")");
  // The ON UPDATE trigger: replaced where it changes, dropped where it goes.
  if (was.trigger_sql != now.trigger_sql) {
    if (now.trigger_sql.empty()) out.insert(out.end(), was.drop_trigger_sql.begin(), was.drop_trigger_sql.end());
    out.insert(out.end(), now.trigger_sql.begin(), now.trigger_sql.end());
  }
  return out;
}


std::vector<std::string> PostgresAlter::change_primary_key(const model::Table& before, const model::Table& after) const {
  std::vector<std::string> out;
  const std::string table = "ALTER TABLE " + quote(after.name) + " ";
  if (before.primary_key)
    out.push_back(table + "DROP CONSTRAINT " +
                  quote(before.primary_key->name.empty() ? before.name.substr(0, spelling_.max_identifier_bytes() - 5) + "_pkey"
                                                         : before.primary_key->name));
  if (after.primary_key) out.push_back(table + "ADD PRIMARY KEY (" + quote_list(after.primary_key->columns) + ")");
  return out;
}

std::vector<std::string> PostgresAlter::alter_table_options(const model::Table& before, const model::Table& after) const {
  std::vector<std::string> out;
  for (const auto& c : after.columns) {
    const model::Column* old = before.find_column(c.name);
    if (!old || c.type.kind != model::TypeKind::enumeration ||
        spelling_.column_ddl(before, *old).type == spelling_.column_ddl(after, c).type)
      continue;
    for (auto& st : alter_column(before, *old, after, c)) out.push_back(std::move(st));
    // Back from a native enum: its type has no column left.
    if (const ColumnDdl was = spelling_.column_ddl(before, *old); !was.type_sql.empty() && spelling_.column_ddl(after, c).type_sql.empty())
      out.push_back("DROP TYPE IF EXISTS " + was.type);
  }
  return out;
}

}  // namespace sf::dialect
