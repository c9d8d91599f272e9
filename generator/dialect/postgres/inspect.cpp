// Reads a PostgreSQL schema from pg_catalog: columns, constraints, indexes,
// enum types and views in five queries for the whole schema. What PostgreSQL
// rewrites is folded back: `c = ANY (ARRAY['a'::text, …])` CHECKs become enum
// columns, casts leave defaults, identity columns are identities.
#include <cctype>
#include <map>
#include <optional>
#include <stdexcept>
#include <regex>

#include "generator/dialect/inspect_support.hpp"
#include "generator/dialect/postgres/inspector.hpp"
#include "generator/model/default_value.hpp"
#include "generator/model/strings.hpp"
#include "runtime/db/connection.hpp"

namespace sf::dialect {
namespace {

model::FkAction action(const std::string& code) {
  switch (code.empty() ? 'a' : code[0]) {
    case 'r': return model::FkAction::restrict;
    case 'c': return model::FkAction::cascade;
    case 'n': return model::FkAction::set_null;
    case 'd': return model::FkAction::set_default;
    default: return model::FkAction::no_action;
  }
}

// `(status = ANY (ARRAY['pending'::text, 'done'::text]))` or `status IN (…)` -> (column, values).
bool enum_check(const std::string& def, std::string& column, std::vector<std::string>& values) {
  static const std::regex any(R"re(^CHECK \(+"?([^ "()]+)"?\)? = ANY \(\(?ARRAY\[(.*)\]\)?(::text\[\])?\)\)+$)re");
  std::smatch m;
  if (!std::regex_match(def, m, any)) return false;
  column = m[1].str();
  static const std::regex item(R"('((?:[^']|'')*)'(::[a-z ]+)?)");
  std::string list = m[2].str();
  for (auto it = std::sregex_iterator(list.begin(), list.end(), item); it != std::sregex_iterator(); ++it) {
    std::string v = (*it)[1].str();
    for (std::size_t p = v.find("''"); p != std::string::npos; p = v.find("''", p + 1)) v.erase(p, 1);
    values.push_back(v);
  }
  return !values.empty();
}

// Enum types by name, their labels in order.
std::map<std::string, std::vector<std::string>> read_enum_types(db::Connection& c) {
  std::map<std::string, std::vector<std::string>> enum_types;
  for (const auto& r : c.query("SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid "
                               "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() "
                               "ORDER BY t.typname, e.enumsortorder").rows)
    enum_types[db::as_string(r[0])].push_back(db::as_string(r[1]));
  return enum_types;
}

// Every table's columns, in order; `reported` gets each column's type as
// format_type() spells it (pin_exact_types keeps it where the model's differs).
void read_columns(db::Connection& c, TableLookup& s, const std::string& where, ExactTypes& reported) {
  const auto enum_types = read_enum_types(c);
  auto cols = c.query(
      "SELECT cl.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), "
      "a.attidentity, col_description(cl.oid, a.attnum), obj_description(cl.oid, 'pg_class'), "
      // The column's collation where it is not its type's default (what COLLATE in the DDL sets).
      "CASE WHEN a.attcollation <> ty.typcollation THEN co.collname END, "
      "a.attgenerated "  // 's': pg_attrdef holds the generation expression, not a default
      "FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
      "JOIN pg_type ty ON ty.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation "
      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
      "WHERE n.nspname = current_schema() AND cl.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped "
      "ORDER BY cl.relname, a.attnum");
  for (const auto& r : cols.rows) {
    model::Table& t = s.table_for(db::as_string(r[0]), where);
    t.description = db::as_optional_string(r[7]).value_or("");
    model::Column col;
    col.name = db::as_string(r[1]);
    std::string type = db::as_string(r[2]);
    reported[t.name][col.name] = type;
    if (auto e = enum_types.find(type); e != enum_types.end()) {
      col.type = model::LogicalType::enumeration(e->second);
      col.native_types["postgres"] = type;
    } else {
      std::string err;
      auto parsed = model::parse_type_name(type, err);
      col.type = parsed ? parsed->type : model::LogicalType::of(model::TypeKind::text);
      if (!parsed) col.native_types["postgres"] = type;  // a type the model has no name for
    }
    col.nullable = !db::as_bool(r[3]);
    std::string identity = db::as_optional_string(r[5]).value_or("");
    col.identity = identity == "a" || identity == "d";
    const bool generated = db::as_optional_string(r[9]).value_or("") == "s";
    if (auto def = db::as_optional_string(r[4]); def && generated) {
      col.generated = model::GeneratedColumn{strip_outer_parentheses(*def), true};
    } else if (def) {
      if (def->rfind("nextval(", 0) == 0)
        col.identity = true;  // serial
      else
        col.default_value = model::classify_default(strip_casts(*def));
      // A cast NULL (text DEFAULT NULL::character varying) is no default: NULL goes in either way.
      if (col.default_value.kind == model::DefaultValue::Kind::null) col.default_value = {};
    }
    col.description = db::as_optional_string(r[6]).value_or("");
    if (auto coll = db::as_optional_string(r[8])) col.collations["postgres"] = *coll;
    col.loc = {where, 0};
    t.columns.push_back(std::move(col));
  }
}

// Keys, foreign keys and checks; a CHECK that lists a text column's values is
// folded back into an enum column (how schemaforge writes enums).
void read_constraints(db::Connection& c, TableLookup& s) {
  auto cons = c.query(
      "SELECT cl.relname, co.conname, co.contype, pg_get_constraintdef(co.oid), "
      "(SELECT string_agg(a.attname, E'\\x1f' ORDER BY k.o) FROM unnest(co.conkey) WITH ORDINALITY k(n, o) "
      "  JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.n), "
      "rcl.relname, "
      "(SELECT string_agg(a.attname, E'\\x1f' ORDER BY k.o) FROM unnest(co.confkey) WITH ORDINALITY k(n, o) "
      "  JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.n), "
      "co.confdeltype, co.confupdtype, co.condeferrable, co.condeferred "
      "FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
      "LEFT JOIN pg_class rcl ON rcl.oid = co.confrelid WHERE n.nspname = current_schema() ORDER BY cl.relname, co.conname");
  for (const auto& r : cons.rows) {
    model::Table* t = s.find_table(db::as_string(r[0]));
    if (!t) continue;
    std::string name = db::as_string(r[1]), type = db::as_string(r[2]), def = db::as_string(r[3]);
    auto columns = split_unit(db::as_optional_string(r[4]).value_or(""));
    if (type == "p") {
      t->primary_key = model::Key{name == t->name + "_pkey" ? "" : name, columns, {}};
    } else if (type == "u") {  // pg_get_constraintdef: UNIQUE [NULLS NOT DISTINCT] (…) [DEFERRABLE …]
      model::Key k{name, columns, {}};
      if (db::as_bool(r[9])) k.deferral = db::as_bool(r[10]) ? model::Deferral::deferred : model::Deferral::immediate;
      k.nulls_not_distinct = def.rfind("UNIQUE NULLS NOT DISTINCT", 0) == 0;
      t->uniques.push_back(std::move(k));
    } else if (type == "f") {
      model::ForeignKey fk;
      fk.name = name;
      fk.columns = columns;
      fk.ref_table = db::as_optional_string(r[5]).value_or("");
      fk.ref_columns = split_unit(db::as_optional_string(r[6]).value_or(""));
      fk.on_delete = action(db::as_string(r[7]));
      fk.on_update = action(db::as_string(r[8]));
      if (db::as_bool(r[9])) fk.deferral = db::as_bool(r[10]) ? model::Deferral::deferred : model::Deferral::immediate;
      t->foreign_keys.push_back(std::move(fk));
    } else if (type == "c") {
      std::string column;
      std::vector<std::string> values;
      model::Column* col = nullptr;
      if (enum_check(def, column, values) && (col = t->find_column(column)) && col->type.is_textual()) {
        col->type = model::LogicalType::enumeration(values);  // TEXT + CHECK is how we write enums
        continue;
      }
      std::string expr = def.size() > 8 && def.rfind("CHECK (", 0) == 0 ? def.substr(7, def.size() - 8) : def;
      t->checks.push_back({name, expr, {}});
    }
  }
}

// One index part as the query below writes it: column name \x1e operator
// class \x1e 1 for DESC \x1e expression.
std::optional<model::IndexColumn> index_part(const std::string& text) {
  std::vector<std::string> f;
  for (std::size_t from = 0;;) {
    const auto to = text.find('\x1e', from);
    f.push_back(text.substr(from, to == std::string::npos ? std::string::npos : to - from));
    if (to == std::string::npos) break;
    from = to + 1;
  }
  if (f.size() < 4) return std::nullopt;
  model::IndexColumn ic;
  ic.name = f[0];
  ic.opclass = f[1];
  ic.descending = f[2] == "1";
  ic.expression = f[3];
  if (ic.expression.size() >= 2 && ic.expression.front() == '(' && ic.expression.back() == ')')
    ic.expression = ic.expression.substr(1, ic.expression.size() - 2);  // pg_get_indexdef wraps some in ( )
  return ic;
}

// Indexes that back no constraint (those are keys, read above).
void read_indexes(db::Connection& c, TableLookup& s) {
  // Each key part as column name \x1e operator class (where not its type's
  // default) \x1e 1 for DESC \x1e its expression (for an expression part,
  // whose column name is empty); then the partial index's predicate.
  auto idx = c.query(
      "SELECT t.relname, i.relname, ix.indisunique, "
      "(SELECT string_agg(COALESCE(a.attname, '') || E'\\x1e' || CASE WHEN oc.opcdefault THEN '' ELSE oc.opcname END || E'\\x1e' || "
      "   (ix.indoption[k.o - 1] & 1)::text || E'\\x1e' || "
      "   CASE WHEN k.n = 0 THEN pg_get_indexdef(ix.indexrelid, k.o::int, true) ELSE '' END, E'\\x1f' ORDER BY k.o) "
      "  FROM unnest(ix.indkey) WITH ORDINALITY k(n, o) LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n "
      "  JOIN pg_opclass oc ON oc.oid = ix.indclass[k.o - 1]), "
      "CASE WHEN am.amname = 'btree' THEN '' ELSE am.amname END, pg_get_expr(ix.indpred, ix.indrelid, true), "
      // INCLUDE columns follow the key parts in indkey (indclass covers the key parts only)
      "(SELECT string_agg(a.attname, E'\\x1f' ORDER BY k.o) FROM unnest(ix.indkey) WITH ORDINALITY k(n, o) "
      "  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n WHERE k.o > ix.indnkeyatts), "
      "ix.indnullsnotdistinct "
      "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid "
      "JOIN pg_am am ON am.oid = i.relam "
      "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema() AND NOT ix.indisprimary "
      "AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = ix.indexrelid) ORDER BY t.relname, i.relname");
  for (const auto& r : idx.rows) {
    model::Table* t = s.find_table(db::as_string(r[0]));
    if (!t) continue;
    model::Index i;
    i.name = db::as_string(r[1]);
    i.unique = db::as_bool(r[2]);
    i.method = db::as_string(r[4]);
    i.where = db::as_optional_string(r[5]).value_or("");
    i.include = split_unit(db::as_optional_string(r[6]).value_or(""));
    i.nulls_not_distinct = db::as_bool(r[7]);
    for (const auto& part : split_unit(db::as_optional_string(r[3]).value_or("")))
      if (auto ic = index_part(part)) i.columns.push_back(std::move(*ic));
    t->indexes.push_back(std::move(i));
  }
}

// A statement's head without the current schema's qualifier, which
// pg_get_functiondef writes (CREATE FUNCTION public.f()): the spec names the
// function as it names tables, unqualified.
std::string without_qualifier(std::string sql, const std::string& schema) {
  const std::size_t head_end = std::min(sql.find('('), sql.find('\n'));
  for (const std::string& q : {schema + ".", "\"" + schema + "\"."})
    if (auto at = sql.find(" " + q); at != std::string::npos && at < head_end) return sql.erase(at + 1, q.size());
  return sql;
}

// PostgreSQL has no ON UPDATE, so generate writes a BEFORE UPDATE trigger
// named on_update_<table>_<column> whose function, of the same name, sets
// NEW.<column> := CURRENT_TIMESTAMP[(p)] (Spelling::on_update_trigger_name).
const std::regex& clock_sets() {
  static const std::regex sets(R"re(NEW\.("?)([^"\s:]+)\1\s*:=\s*(CURRENT_TIMESTAMP(\(\d\))?)\s*;)re", std::regex::icase);
  return sets;
}

// Whether a function is one of generate's clocks: its trigger's, or one a
// dropped table left behind (DROP TABLE takes the trigger, not the function).
bool is_clock_function(const std::string& name, const std::string& body) {
  return name.rfind(std::string(Spelling::on_update_prefix) + "_", 0) == 0 && std::regex_search(body, clock_sets());
}

// Triggers. generate's clock is the column's ON UPDATE attribute; every other
// trigger (constraint triggers too; not the internal ones behind FKs) is kept
// as pg_get_triggerdef prints it.
void read_triggers(db::Connection& c, TableLookup& s, const Spelling& spelling, const std::string& schema) {
  for (const auto& r : c.query("SELECT cl.relname, tg.tgname, pg_get_triggerdef(tg.oid), p.prosrc FROM pg_trigger tg "
                               "JOIN pg_class cl ON cl.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                               "JOIN pg_proc p ON p.oid = tg.tgfoid "
                               "WHERE NOT tg.tgisinternal AND n.nspname = current_schema() ORDER BY 1, 2").rows) {
    model::Table* t = s.find_table(db::as_string(r[0]));
    if (!t) continue;
    const std::string name = db::as_string(r[1]), body = db::as_string(r[3]);
    std::smatch m;
    if (std::regex_search(body, m, clock_sets()))
      if (model::Column* col = t->find_column(m[2].str()); col && name == spelling.on_update_trigger_name(t->name, col->name)) {
        col->on_update = model::canonical_expression(m[3].str());
        continue;
      }
    t->triggers.push_back({name, {{"postgres", without_qualifier(db::as_string(r[2]), schema)}}, {}});
  }
}

// Functions and procedures of the current schema, as pg_get_functiondef
// prints them (without OR REPLACE), but not those an extension brings, nor
// generate's clocks, nor aggregates (which it cannot print). An
// overloaded name is known by its arguments: name(integer, text).
void read_routines(db::Connection& c, model::Schema& s, const std::string& schema) {
  const auto rows = c.query(
      "SELECT p.proname, pg_get_function_identity_arguments(p.oid), pg_get_functiondef(p.oid), "
      "count(*) OVER (PARTITION BY p.proname), p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
      "WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p') "
      "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') "
      "ORDER BY 1, 2");
  for (const auto& r : rows.rows) {
    const std::string name = db::as_string(r[0]);
    if (is_clock_function(name, db::as_string(r[4]))) continue;
    std::string sql = model::trim(db::as_string(r[2]));
    if (sql.rfind("CREATE OR REPLACE ", 0) == 0) sql = "CREATE " + sql.substr(18);
    s.routines.push_back({db::as_int(r[3]) > 1 ? name + "(" + db::as_string(r[1]) + ")" : name, {{"postgres", without_qualifier(sql, schema)}}, {}});
  }
}

// Nothing here but tables elsewhere: reading "no tables" would make drift
// report a clean database it never looked at.
void refuse_tables_only_elsewhere(db::Connection& c, const std::string& where) {
  {
    std::string elsewhere;
    for (const auto& r : c.query("SELECT n.nspname, count(*) FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                                 "WHERE cl.relkind IN ('r', 'p') AND n.nspname <> current_schema() "
                                 "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                                 "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5").rows)
      elsewhere += (elsewhere.empty() ? "" : ", ") + db::as_string(r[0]) + " (" + std::to_string(db::as_int(r[1])) + " tables)";
    if (!elsewhere.empty())
      throw std::runtime_error("the current schema of " + where + " has no tables, but schema " + elsewhere +
                               " has; schemaforge reads the current schema: make it the role's first (ALTER ROLE … SET "
                               "search_path = <schema>, public) and run again");
  }
}

}  // namespace

model::Schema PostgresInspector::inspect(db::Connection& c) const {
  model::Schema s;
  TableLookup tables(s);  // every lookup by name below, in constant time
  const std::string where = c.dsn().redacted();
  ExactTypes reported;
  read_columns(c, tables, where, reported);
  read_constraints(c, tables);
  read_indexes(c, tables);
  const std::string schema = db::as_string(c.query("SELECT current_schema()").scalar());
  read_triggers(c, tables, spelling_, schema);
  read_routines(c, s, schema);
  for (const auto& r : c.query("SELECT viewname, definition FROM pg_views WHERE schemaname = current_schema() ORDER BY 1").rows)
    attach_view(tables, db::as_string(r[0]), db::as_string(r[1]));
  if (s.tables.empty()) refuse_tables_only_elsewhere(c, where);
  // plpgsql comes with every database; the rest were created for the schema.
  for (const auto& r : c.query("SELECT extname FROM pg_extension ORDER BY 1").rows)
    if (std::string name = db::as_string(r[0]); !is_builtin_extension(name)) s.extensions.push_back(std::move(name));
  model::canonicalize(s);
  pin_exact_types(s, reported);
  return s;
}

// A bytea default is bytes: '' is '\x', and 'ab' is '\x6162' (what the
// catalogue prints). Both input formats are read (docs: "Binary Data
// Types"): hex, '\x…', and escape, where \\ is a backslash and \nnn an
// octal byte. Text that is neither stays as written.
model::DefaultValue PostgresInspector::canonical_default(const model::Column& c) const {
  const model::DefaultValue& d = c.default_value;
  if (c.type.kind != model::TypeKind::binary || d.kind != model::DefaultValue::Kind::string) return d;
  const std::string& in = d.text;
  auto digit = [](char ch, int base) {
    const int v = std::isdigit(static_cast<unsigned char>(ch)) ? ch - '0'
                  : std::isxdigit(static_cast<unsigned char>(ch)) ? std::tolower(static_cast<unsigned char>(ch)) - 'a' + 10 : 99;
    return v < base ? v : -1;
  };
  std::string bytes;
  if (in.size() >= 2 && in[0] == '\\' && (in[1] == 'x' || in[1] == 'X')) {
    std::string digits;  // whitespace may stand between pairs
    for (std::size_t i = 2; i < in.size(); ++i)
      if (!std::isspace(static_cast<unsigned char>(in[i]))) digits += in[i];
    if (digits.size() % 2 != 0) return d;
    for (std::size_t i = 0; i < digits.size(); i += 2) {
      if (digit(digits[i], 16) < 0 || digit(digits[i + 1], 16) < 0) return d;
      bytes += static_cast<char>(digit(digits[i], 16) * 16 + digit(digits[i + 1], 16));
    }
  } else {
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (in[i] != '\\') {
        bytes += in[i];
      } else if (i + 1 < in.size() && in[i + 1] == '\\') {
        bytes += '\\';
        ++i;
      } else if (i + 3 < in.size() && digit(in[i + 1], 8) >= 0 && digit(in[i + 2], 8) >= 0 && digit(in[i + 3], 8) >= 0) {
        bytes += static_cast<char>(digit(in[i + 1], 8) * 64 + digit(in[i + 2], 8) * 8 + digit(in[i + 3], 8));
        i += 3;
      } else {
        return d;
      }
    }
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\\x";
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return {model::DefaultValue::Kind::string, out};
}

}  // namespace sf::dialect
