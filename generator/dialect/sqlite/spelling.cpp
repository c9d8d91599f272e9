// How SQLite writes columns. SQLite has type affinities, not types, so the
// model's types become INTEGER/REAL/NUMERIC/TEXT/BLOB and CHECKs carry what
// the types cannot: enum values, 0/1 booleans, valid JSON. Timestamps are
// TEXT holding ISO-8601 UTC with microseconds (YYYY-MM-DDTHH:MM:SS.ffffffZ),
// which sorts in time order as text.
#include <cctype>

#include "generator/dialect/column_rules.hpp"
#include "generator/dialect/sqlite/spelling.hpp"
#include "generator/dialect/sqlite/table_options.hpp"
#include "generator/model/strings.hpp"

namespace sf::dialect {
namespace {

using model::TypeKind;

// strftime's %f gives SS.SSS; three literal zeros make it microseconds, so
// defaults and runtime-written values share one format.
constexpr const char* now_utc = "(strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))";

// A STRICT table takes INTEGER, REAL, TEXT, BLOB and ANY only: a decimal
// there is TEXT, which keeps its digits exactly (NUMERIC affinity would
// turn '12.50' into 12.5, and STRICT refuses the name).
std::string affinity(const model::LogicalType& t, bool strict) {
  switch (t.kind) {
    case TypeKind::integer:
    case TypeKind::boolean: return "INTEGER";
    case TypeKind::decimal: return strict ? "TEXT" : "NUMERIC";
    case TypeKind::floating: return "REAL";
    case TypeKind::binary: return "BLOB";
    default: return "TEXT";
  }
}

}  // namespace

// The updated row, as a trigger's WHERE finds it: by rowid, or where the
// table has none (WITHOUT ROWID) by its primary key.
std::string SqliteSpelling::this_row(const model::Table& t) const {
  if (!sqlite_options::is_set(t, sqlite_options::without_rowid) || !t.primary_key) return "rowid = NEW.rowid";
  std::string out;
  for (const auto& k : t.primary_key->columns) out += (out.empty() ? "" : " AND ") + quote(k) + " = NEW." + quote(k);
  return out;
}

// SQLite has no ON UPDATE: an AFTER UPDATE trigger sets the column to the
// clock (in the form its default takes) unless the UPDATE itself changed it,
// so every writer keeps it. recursive_triggers is off by default, and the
// WHEN clause stops a second round anyway.
void SqliteSpelling::on_update_trigger(const model::Table& t, const model::Column& c, bool pinned, ColumnDdl& d) const {
  const std::string name = quote(on_update_trigger_name(t.name, c.name)), col = quote(c.name);
  const std::string now = c.type.kind == TypeKind::timestamp && !pinned ? now_utc : "CURRENT_TIMESTAMP";
  d.trigger_sql = {"CREATE TRIGGER IF NOT EXISTS " + name + " AFTER UPDATE ON " + quote(t.name) + " FOR EACH ROW WHEN NEW." + col +
                   " IS OLD." + col + "\nBEGIN\n  UPDATE " + quote(t.name) + " SET " + col + " = " + now + " WHERE " + this_row(t) +
                   ";\nEND"};
  d.drop_trigger_sql = {"DROP TRIGGER IF EXISTS " + name};
}

ColumnDdl SqliteSpelling::column_ddl(const model::Table& t, const model::Column& c) const {
  ColumnDdl d;
  auto native = c.native_types.find("sqlite");
  const bool strict = sqlite_options::is_set(t, sqlite_options::strict);
  d.type = (native != c.native_types.end() ? native->second : affinity(c.type, strict)) + collate_clause(c);
  bool whole_key = t.primary_key && t.primary_key->columns == std::vector<std::string>{c.name};
  if (c.identity && whole_key) {
    d.type = "INTEGER";  // only INTEGER PRIMARY KEY is the rowid alias AUTOINCREMENT needs
    d.inline_primary_key = true;
    d.identity = "PRIMARY KEY AUTOINCREMENT";
  }
  d.generated = generated_clause(c);
  using K = model::DefaultValue::Kind;
  const auto& v = c.default_for(name());
  switch (v.kind) {
    case K::none: break;
    case K::null: d.default_sql = "NULL"; break;
    case K::string: d.default_sql = string_literal(v.text); break;
    case K::number: d.default_sql = v.text; break;
    case K::boolean: d.default_sql = v.text == "true" ? "1" : "0"; break;
    case K::expression:
      // A timestamp column gets the runtime's ISO text, which sorts with the
      // times it writes; a column the spec declares as SQLite's own (a pinned
      // type: an adopted database) or that is no timestamp keeps SQLite's clock text.
      if (is_current_timestamp(v.text))
        d.default_sql = c.type.kind == TypeKind::timestamp && native == c.native_types.end() ? now_utc : "CURRENT_TIMESTAMP";
      else d.default_sql = "(" + v.text + ")";
      break;
  }
  if (!c.on_update.empty()) on_update_trigger(t, c, native != c.native_types.end(), d);
  const std::string col = quote(c.name);
  switch (c.type.kind) {
    case TypeKind::enumeration:
      d.checks.push_back({derived_name("ck", t.name, c.name), enum_check_expression(*this, c), c.loc});
      break;
    case TypeKind::boolean: d.checks.push_back({derived_name("ck", t.name, c.name), col + " IN (0, 1)", c.loc}); break;
    case TypeKind::json:
      // json_valid(NULL) is 0, not NULL, before SQLite 3.45: without the IS NULL
      // a nullable JSON column could never be NULL.
      d.checks.push_back({derived_name("ck", t.name, c.name),
                          c.nullable ? col + " IS NULL OR json_valid(" + col + ")" : "json_valid(" + col + ")", c.loc});
      break;
    default: break;
  }
  return d;
}

std::string SqliteSpelling::collation_sql(std::string_view collation) const { return model::upper(collation); }

std::string SqliteSpelling::seconds_between(std::string_view from, std::string_view to) const {
  return "(julianday(" + std::string(to) + ") - julianday(" + std::string(from) + ")) * 86400.0";
}

}  // namespace sf::dialect
