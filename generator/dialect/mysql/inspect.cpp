// Reads a MySQL 8.0 / MariaDB schema from information_schema in six queries
// for the whole database. Folded back: MariaDB's JSON (LONGTEXT plus a
// json_valid CHECK named after the column), TINYINT(1) booleans, the index
// InnoDB creates for an FK, and the two servers' spellings of defaults
// (MariaDB quotes strings and writes NULL; MySQL 8 does neither).
#include <functional>
#include <map>
#include <regex>

#include "generator/dialect/inspect_support.hpp"
#include "generator/dialect/mysql/inspector.hpp"
#include "generator/model/default_value.hpp"
#include "generator/model/strings.hpp"
#include "runtime/db/connection.hpp"

namespace sf::dialect {
namespace {

// MariaDB shows string defaults as MySQL literals: '' and backslash escapes.
std::string unquote_literal(const std::string& lit) {
  std::string out;
  for (std::size_t i = 1; i + 1 < lit.size(); ++i) {
    char ch = lit[i];
    if (ch == '\'' && i + 2 < lit.size() && lit[i + 1] == '\'') {
      out += '\'';
      ++i;
    } else if (ch == '\\' && i + 2 < lit.size()) {
      char e = lit[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e == '0' ? '\0' : e;
    } else {
      out += ch;
    }
  }
  return out;
}

model::FkAction action(const std::string& rule) {
  return model::parse_fk_action(rule).value_or(model::FkAction::no_action);
}

// The ROW_FORMAT a CREATE TABLE stated, from CREATE_OPTIONS
// ("row_format=COMPRESSED stats_persistent=0"), or "": TABLES.ROW_FORMAT
// always names one, the default included, which no spec said.
std::string stated_row_format(const std::string& create_options) {
  static const std::regex row_format(R"(\brow_format=(\w+))", std::regex::icase);
  std::smatch m;
  return std::regex_search(create_options, m, row_format) ? model::upper(m[1].str()) : std::string{};
}

// Base tables with their engine, collation, stated row format and comment.
void read_tables(db::Connection& c, TableLookup& s, const std::string& where) {
  for (const auto& r : c.query("SELECT TABLE_NAME, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS FROM information_schema.TABLES "
                               "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME").rows) {
    model::Table& t = s.table_for(db::as_string(r[0]), where);
    t.description = db::as_optional_string(r[3]).value_or("");
    auto& options = t.options["mysql"];
    if (auto e = db::as_optional_string(r[1])) options["engine"] = *e;
    if (auto coll = db::as_optional_string(r[2])) {
      options["collate"] = *coll;
      options["charset"] = coll->substr(0, coll->find('_'));
    }
    if (auto row_format = stated_row_format(db::as_optional_string(r[4]).value_or("")); !row_format.empty())
      options["row_format"] = row_format;
  }
}

// `body` with each "`database`." qualifier taken out.
std::string without_qualifier(std::string body, const std::string& database) {
  const std::string qualifier = "`" + database + "`.";
  for (auto at = body.find(qualifier); at != std::string::npos; at = body.find(qualifier, at)) body.erase(at, qualifier.size());
  return body;
}

// SHOW CREATE's `CREATE DEFINER=`user`@`host` FUNCTION …` as `CREATE
// FUNCTION …`: the definer is an account of this server, which the spec
// (and a database generated from it elsewhere) does not have.
std::string without_definer(const std::string& sql) {
  static const std::regex definer(R"(^\s*CREATE\s+DEFINER\s*=\s*(`(?:[^`]|``)*`|'(?:[^']|'')*'|\w+)(\s*@\s*(`(?:[^`]|``)*`|'(?:[^']|'')*'|[\w.%-]+))?\s+)",
                                  std::regex::icase);
  return std::regex_replace(sql, definer, "CREATE ", std::regex_constants::format_first_only);
}

// MariaDB prints some functions of an expression under its own aliases
// (UPPER as ucase, LOWER as lcase, SUBSTRING as substr): the standard names
// back, so the expression compares with the spec's and ports.
std::string standard_function_names(const std::string& expression) {
  static const std::pair<std::regex, const char*> aliases[] = {
      {std::regex(R"(\bucase\s*\()", std::regex::icase), "upper("},
      {std::regex(R"(\blcase\s*\()", std::regex::icase), "lower("},
      {std::regex(R"(\bsubstr\s*\()", std::regex::icase), "substring("},
  };
  std::string out = expression;
  for (const auto& [alias, standard] : aliases) out = std::regex_replace(out, alias, standard);
  return out;
}

// The collation a column of a table gets when it names none (Inspector::default_collation).
using TableCollation = std::function<std::string(const model::Table&)>;

// One row of information_schema.COLUMNS (TABLE_NAME, COLUMN_NAME, COLUMN_TYPE,
// IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, COLLATION_NAME,
// GENERATION_EXPRESSION) as a column of `t`.
model::Column read_column(const std::vector<db::Value>& r, const model::Table& t, const std::string& where,
                          const TableCollation& default_collation, ExactTypes& reported) {
  model::Column col;
  col.name = db::as_string(r[1]);
  std::string type = db::as_string(r[2]), err;
  reported[t.name][col.name] = type;
  auto parsed = model::parse_type_name(type, err);
  col.type = parsed ? parsed->type : model::LogicalType::of(model::TypeKind::text);
  col.is_unsigned = parsed && parsed->is_unsigned;
  if (!parsed) col.native_types["mysql"] = type;
  col.nullable = db::as_string(r[3]) == "YES";
  const std::string extra = model::lower(db::as_optional_string(r[5]).value_or(""));
  col.identity = extra.find("auto_increment") != std::string::npos;
  col.invisible = extra.find("invisible") != std::string::npos;
  if (auto p = extra.find("on update "); p != std::string::npos) col.on_update = model::canonical_expression(extra.substr(p + 10));
  if (extra.find(" generated") != std::string::npos) {  // VIRTUAL GENERATED, STORED GENERATED
    if (auto expr = db::as_optional_string(r[8]); expr && !expr->empty())
      col.generated = model::GeneratedColumn{standard_function_names(strip_outer_parentheses(*expr)),
                                             extra.find("stored generated") != std::string::npos};
  }
  if (auto def = db::as_optional_string(r[4]); def && *def != "NULL") {
    bool quoted = def->size() >= 2 && def->front() == '\'';
    bool is_expression = extra.find("default_generated") != std::string::npos || def->find('(') != std::string::npos ||
                         model::classify_default(*def).kind == model::DefaultValue::Kind::expression;
    if (quoted)
      col.default_value = {model::DefaultValue::Kind::string, unquote_literal(*def)};
    else if (!is_expression && (col.type.is_textual() || col.type.kind == model::TypeKind::enumeration))
      col.default_value = {model::DefaultValue::Kind::string, *def};  // MySQL 8 leaves string defaults unquoted
    else
      col.default_value = model::classify_default(*def);
    if (col.type.kind == model::TypeKind::boolean && col.default_value.kind == model::DefaultValue::Kind::number)
      col.default_value = {model::DefaultValue::Kind::boolean, col.default_value.text == "0" ? "false" : "true"};
  }
  col.description = db::as_optional_string(r[6]).value_or("");
  // A column keeps a collation of its own only where it differs from its table's.
  if (auto coll = db::as_optional_string(r[7]); coll && *coll != default_collation(t)) col.collations["mysql"] = *coll;
  col.loc = {where, 0};
  return col;
}

void read_columns(db::Connection& c, TableLookup& s, const std::string& where, const TableCollation& default_collation,
                  ExactTypes& reported) {
  auto cols = c.query(
      "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, COLLATION_NAME, "
      "GENERATION_EXPRESSION FROM information_schema.COLUMNS "
      "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION");
  for (const auto& r : cols.rows)
    if (model::Table* t = s.find_table(db::as_string(r[0])))  // else a view's columns
      t->columns.push_back(read_column(r, *t, where, default_collation, reported));
}

// CHECKs; MariaDB's JSON alias is a longtext with a json_valid() check, read back as json.
void read_checks(db::Connection& c, TableLookup& s, ExactTypes& reported) {
  // MariaDB names CHECKs per table (its JSON checks are all named after their
  // column), so a join on the name alone multiplies rows by the table count;
  // its CHECK_CONSTRAINTS carries TABLE_NAME. MySQL 8's does not, but there
  // check names are unique per schema and the join is exact.
  db::Result checks;
  try {
    checks = c.query("SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                     "WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY 1, 2");
  } catch (const db::DbError&) {
    checks = c.query(
        "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc "
        "JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
        "WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK' ORDER BY 1, 2");
  }
  for (const auto& r : checks.rows) {
    model::Table* t = s.find_table(db::as_string(r[0]));
    if (!t) continue;
    std::string name = db::as_string(r[1]), clause = db::as_string(r[2]);
    model::Column* col = t->find_column(name);
    static const std::regex json_valid(R"re(^json_valid\(`?([^`)]+)`?\)$)re");
    std::smatch m;
    if (col && std::regex_match(clause, m, json_valid) && m[1].str() == name) {
      col->type = model::LogicalType::of(model::TypeKind::json);  // MariaDB's JSON alias
      reported[t->name][name] = "json";
      col->collations.clear();                                      // its utf8mb4_bin comes with the alias
      continue;
    }
    t->checks.push_back({name, clause, {}});
  }
}

void read_foreign_keys(db::Connection& c, TableLookup& s) {
  // Two queries joined here: information_schema's own join of these views is
  // the slowest query of the inspection on MariaDB.
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> rules;  // (table, fk) -> delete, update
  for (const auto& r : c.query("SELECT TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "
                               "WHERE CONSTRAINT_SCHEMA = DATABASE()").rows)
    rules[{db::as_string(r[0]), db::as_string(r[1])}] = {db::as_string(r[2]), db::as_string(r[3])};
  auto fks = c.query(
      "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
      "WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION");
  for (const auto& r : fks.rows) {
    model::Table* t = s.find_table(db::as_string(r[0]));
    if (!t) continue;
    std::string name = db::as_string(r[1]);
    if (t->foreign_keys.empty() || t->foreign_keys.back().name != name) {
      model::ForeignKey fk;
      fk.name = name;
      fk.ref_table = db::as_string(r[3]);
      auto rule = rules[{t->name, name}];
      // InnoDB reports an unspecified action as RESTRICT, which it treats as NO ACTION.
      fk.on_delete = action(rule.first);
      fk.on_update = action(rule.second);
      if (fk.on_delete == model::FkAction::restrict) fk.on_delete = model::FkAction::no_action;
      if (fk.on_update == model::FkAction::restrict) fk.on_update = model::FkAction::no_action;
      t->foreign_keys.push_back(std::move(fk));
    }
    t->foreign_keys.back().columns.push_back(db::as_string(r[2]));
    t->foreign_keys.back().ref_columns.push_back(db::as_string(r[4]));
  }
}

// The primary key, unique keys and indexes, from one listing of index parts.
void read_indexes(db::Connection& c, TableLookup& s) {
  auto stats = c.query(
      "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION, SUB_PART, INDEX_TYPE FROM information_schema.STATISTICS "
      "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX");
  std::map<std::pair<std::string, std::string>, std::pair<bool, std::vector<model::IndexColumn>>> grouped;
  std::map<std::pair<std::string, std::string>, std::string> kinds;  // FULLTEXT, SPATIAL: the model's index methods
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& r : stats.rows) {
    std::pair<std::string, std::string> key{db::as_string(r[0]), db::as_string(r[1])};
    if (!grouped.count(key)) order.push_back(key);
    auto& g = grouped[key];
    g.first = db::as_int(r[2]) == 0;
    model::IndexColumn ic{db::as_string(r[3]), db::as_optional_string(r[4]).value_or("A") == "D"};
    if (!db::is_null(r[5])) ic.length = static_cast<int>(db::as_int(r[5]));  // a prefix: key_(768)
    g.second.push_back(std::move(ic));
    const std::string type = model::lower(db::as_optional_string(r[6]).value_or(""));
    if (type == "fulltext" || type == "spatial") kinds[key] = type;
  }
  for (const auto& key : order) {
    model::Table* t = s.find_table(key.first);
    if (!t) continue;
    const auto& [unique, columns] = grouped[key];
    std::vector<std::string> names;
    for (const auto& ic : columns) names.push_back(ic.name);
    if (key.second == "PRIMARY") {
      t->primary_key = model::Key{"", names, {}};
    } else if (unique) {
      t->uniques.push_back({key.second, names, {}});  // MySQL has no unique constraint apart from its index
    } else {  // InnoDB's own index for an FK no index led with too: it is there (drift knows it, normalise.cpp)
      model::Index i{key.second, columns, false, {}, {}};
      if (auto k = kinds.find(key); k != kinds.end()) i.method = k->second;
      t->indexes.push_back(std::move(i));
    }
  }
}

// A routine as SHOW CREATE prints it (the only place that has it whole:
// information_schema.ROUTINES has no parameter list), without the DEFINER.
// The server shows it only to its definer or to whoever may read mysql.proc
// (MariaDB) / has SHOW_ROUTINE (MySQL 8): anyone else gets NULL, and a
// routine drift cannot read must not be reported as missing.
void read_routines(db::Connection& c, model::Schema& s, const Spelling& spelling, const std::string& where) {
  for (const auto& r : c.query("SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES "
                               "WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_NAME, ROUTINE_TYPE").rows) {
    const std::string name = db::as_string(r[0]), kind = db::as_string(r[1]);
    if (model::named(s.routines, name))
      throw std::runtime_error(where + " has a function and a procedure both named " + name +
                               "; schemaforge knows a routine by its name, so rename one");
    const auto shown = c.query("SHOW CREATE " + kind + " " + spelling.quote(name));
    const auto sql = shown.rows.empty() ? std::nullopt : db::as_optional_string(shown.rows[0][2]);
    if (!sql)
      throw std::runtime_error("the user of " + where + " may not read the " + model::lower(kind) + " " + name +
                               ": grant it SELECT ON mysql.proc (MariaDB) or SHOW_ROUTINE (MySQL 8), or connect as its definer");
    s.routines.push_back({name, {{"mysql", without_definer(*sql)}}, {}});
  }
}

}  // namespace

model::Schema MysqlInspector::inspect(db::Connection& c) const {
  model::Schema s;
  TableLookup tables(s);  // every lookup by name below, in constant time
  const std::string where = c.dsn().redacted();
  ExactTypes reported;  // table -> column -> COLUMN_TYPE
  read_tables(c, tables, where);
  read_columns(c, tables, where, [this](const model::Table& t) { return default_collation(t); }, reported);
  read_checks(c, tables, reported);
  read_foreign_keys(c, tables);
  read_indexes(c, tables);
  // A trigger is its timing, event and body (ACTION_STATEMENT, as written),
  // put back together as CREATE TRIGGER without the DEFINER; in firing order.
  for (const auto& r : c.query("SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT "
                               "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
                               "ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER").rows)
    if (model::Table* t = tables.find_table(db::as_string(r[0]))) {
      const std::string name = db::as_string(r[1]);
      t->triggers.push_back({name,
                             {{"mysql", "CREATE TRIGGER " + spelling_.quote(name) + " " + db::as_string(r[2]) + " " + db::as_string(r[3]) +
                                            " ON " + spelling_.quote(t->name) + " FOR EACH ROW " + db::as_string(r[4])}},
                             {}});
    }
  read_routines(c, s, spelling_, where);
  // MySQL prints a view's body with every name qualified by the database
  // (`shop`.`orders`.`id`): the spec's body names its own database's
  // tables bare, so a database generated from it reads its own tables.
  for (const auto& r : c.query("SELECT TABLE_NAME, VIEW_DEFINITION, TABLE_SCHEMA FROM information_schema.VIEWS "
                               "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME").rows)
    attach_view(tables, db::as_string(r[0]), without_qualifier(db::as_optional_string(r[1]).value_or(""), db::as_string(r[2])));
  model::canonicalize(s);
  pin_exact_types(s, reported);
  return s;
}

std::string MysqlInspector::default_collation(const model::Table& t) const {
  const auto options = MysqlCreate::effective_options(t);
  const auto collate = options.find("collate");
  return collate == options.end() ? std::string{} : collate->second;
}

// Engine and row format as names (InnoDB is innodb), the charset as the
// server names it (utf8 is utf8mb3 since MariaDB 10.6), the collation where
// the spec determines one. AUTO_INCREMENT is a counter, not compared.
std::map<std::string, std::string> MysqlInspector::compared_options(const model::Table& t) const {
  auto options = MysqlCreate::effective_options(t);
  std::map<std::string, std::string> out = {{"engine", model::lower(options["engine"])}};
  out["charset"] = model::lower(options["charset"]) == "utf8" ? "utf8mb3" : model::lower(options["charset"]);
  if (options.count("collate")) {
    std::string collate = model::lower(options["collate"]);
    if (collate.rfind("utf8_", 0) == 0) collate.insert(4, "mb3");
    out["collate"] = collate;
  }
  out["row_format"] = options.count("row_format") ? model::upper(options["row_format"]) : "DEFAULT";
  return out;
}

}  // namespace sf::dialect
