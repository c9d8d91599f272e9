// The ALTER statements the three engines spell alike; each engine overrides
// what it spells differently (mysql/alter.cpp, postgres/alter.cpp, sqlite/alter.cpp).
#include "generator/dialect/alter_statements.hpp"

#include "generator/model/strings.hpp"

namespace sf::dialect {
std::string AlterStatements::column_definition(const model::Table& t, const model::Column& c) const {
  ColumnDdl ddl = spelling_.column_ddl(t, c);
  std::string out = quote(c.name) + " " + ddl.type;
  if (!ddl.generated.empty()) out += " " + ddl.generated;
  if (!ddl.identity.empty()) out += " " + ddl.identity;
  if (!c.nullable && !ddl.inline_primary_key) out += " NOT NULL";
  if (!ddl.default_sql.empty()) out += " DEFAULT " + ddl.default_sql;
  if (!ddl.on_update_sql.empty()) out += " ON UPDATE " + ddl.on_update_sql;
  if (!ddl.visibility.empty()) out += " " + ddl.visibility;
  return out;
}

std::vector<std::string> AlterStatements::add_column(const model::Table& t, const model::Column& c) const {
  std::vector<std::string> out = {"ALTER TABLE " + quote(t.name) + " ADD COLUMN " + column_definition(t, c)};
  const ColumnDdl ddl = spelling_.column_ddl(t, c);
  for (const auto& ck : ddl.checks)
    out.push_back("ALTER TABLE " + quote(t.name) + " ADD CONSTRAINT " + quote(ck.name) + " CHECK (" + ck.expression + ")");
  out.insert(out.end(), ddl.trigger_sql.begin(), ddl.trigger_sql.end());
  return out;
}

std::vector<std::string> AlterStatements::drop_column(const model::Table& t, const std::string& column) const {
  std::vector<std::string> out;
  if (const model::Column* c = t.find_column(column)) out = spelling_.column_ddl(t, *c).drop_trigger_sql;  // it names the column
  out.push_back("ALTER TABLE " + quote(t.name) + " DROP COLUMN " + quote(column));
  return out;
}

std::string AlterStatements::drop_routine(const model::Routine& r) const {
  // The readers keep the statement as CREATE FUNCTION … or CREATE PROCEDURE … (ingest::parse_code_statement).
  auto it = r.sql.find(std::string(spelling_.name()));
  const bool procedure = it != r.sql.end() && model::upper(it->second.substr(0, 17)) == "CREATE PROCEDURE ";
  // An overloaded PostgreSQL function is known by name(identity arguments)
  // (postgres/inspect.cpp): the arguments, as the catalogue printed them,
  // say which one to drop.
  const auto open = r.name.find('(');
  const std::string target = open == std::string::npos || r.name.back() != ')' ? quote(r.name) : quote(r.name.substr(0, open)) + r.name.substr(open);
  return std::string("DROP ") + (procedure ? "PROCEDURE" : "FUNCTION") + " IF EXISTS " + target;
}

std::vector<std::string> AlterStatements::recreate_column(const model::Table& bt, const model::Table& at,
                                                         const model::Column& after) const {
  std::vector<std::string> out = drop_column(bt, after.name);
  for (auto& s : add_column(at, after)) out.push_back(std::move(s));
  return out;
}

std::string AlterStatements::rename_column(const std::string& table, const std::string& from, const std::string& to) const {
  return "ALTER TABLE " + quote(table) + " RENAME COLUMN " + quote(from) + " TO " + quote(to);
}

std::string AlterStatements::rename_table(const std::string& from, const std::string& to) const {
  return "ALTER TABLE " + quote(from) + " RENAME TO " + quote(to);
}

std::string AlterStatements::rename_constraint(const std::string& table, const std::string& from, const std::string& to) const {
  return "ALTER TABLE " + quote(table) + " RENAME CONSTRAINT " + quote(from) + " TO " + quote(to);
}

std::vector<std::string> AlterStatements::drop_table(const model::Table& t) const {
  std::vector<std::string> out;
  for (const auto& c : t.columns)
    for (auto& st : spelling_.column_ddl(t, c).drop_trigger_sql) out.push_back(std::move(st));
  out.push_back("DROP TABLE " + quote(t.name));
  return out;
}

std::string AlterStatements::add_index(const model::Table& t, const model::Index& i) const {
  return std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + create_.index_kind(i) + "INDEX " + quote(i.name) + " ON " + quote(t.name) + " " +
         create_.index_target(i);
}

std::string AlterStatements::drop_index(const std::string&, const std::string& index) const { return "DROP INDEX " + quote(index); }

std::vector<std::string> AlterStatements::add_unique(const model::Table& t, const model::Key& k) const {
  const std::string_view deferral = model::to_sql(k.deferral);
  return {"ALTER TABLE " + quote(t.name) + " ADD CONSTRAINT " + quote(k.name) + " UNIQUE" +
          (k.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") + " (" + quote_list(k.columns) + ")" +
          (deferral.empty() ? "" : " " + std::string(deferral))};
}

std::vector<std::string> AlterStatements::drop_unique(const std::string& table, const std::string& name) const {
  return {"ALTER TABLE " + quote(table) + " DROP CONSTRAINT " + quote(name)};
}

std::vector<std::string> AlterStatements::add_check(const model::Table& t, const model::Check& c) const {
  return {"ALTER TABLE " + quote(t.name) + " ADD CONSTRAINT " + quote(c.name) + " CHECK (" + c.expression + ")"};
}

std::vector<std::string> AlterStatements::drop_check(const std::string& table, const std::string& name) const {
  return {"ALTER TABLE " + quote(table) + " DROP CONSTRAINT " + quote(name)};
}

std::vector<std::string> AlterStatements::add_foreign_key(const model::Table& t, const model::ForeignKey& fk) const {
  std::string sql = "ALTER TABLE " + quote(t.name) + " ADD CONSTRAINT " + quote(fk.name) + " FOREIGN KEY (" +
                    quote_list(fk.columns) + ") REFERENCES " + quote(fk.ref_table) + " (" + quote_list(fk.ref_columns) + ")";
  if (fk.on_delete != model::FkAction::no_action) sql += " ON DELETE " + std::string(model::to_string(fk.on_delete));
  if (fk.on_update != model::FkAction::no_action) sql += " ON UPDATE " + std::string(model::to_string(fk.on_update));
  if (fk.deferral != model::Deferral::none && create_.has_deferrable_foreign_keys()) sql += " " + std::string(model::to_sql(fk.deferral));
  return {sql};
}

std::vector<std::string> AlterStatements::drop_foreign_key(const std::string& table, const std::string& name) const {
  return {"ALTER TABLE " + quote(table) + " DROP CONSTRAINT " + quote(name)};
}

std::string AlterStatements::drop_view(const std::string& view) const { return "DROP VIEW IF EXISTS " + quote(view); }

}  // namespace sf::dialect
