// How MySQL 8.0 / MariaDB >= 10.6 write columns: native ENUM and JSON,
// DATETIME(p) for instants (stored as UTC by the runtime), TINYINT(1) for
// booleans, AUTO_INCREMENT identities, and ON UPDATE CURRENT_TIMESTAMP.
#include "generator/dialect/column_rules.hpp"
#include "generator/dialect/mysql/spelling.hpp"
#include "generator/model/strings.hpp"

#include <cctype>
#include <cstdlib>
#include <map>

namespace sf::dialect {
namespace {

using model::TypeKind;

std::string precision_suffix(int p) { return p ? "(" + std::to_string(p) + ")" : ""; }

using model::upper;

}  // namespace

std::string MysqlSpelling::string_literal(std::string_view text) const {
  // With the default sql_mode a backslash escapes in MySQL strings: double it.
  std::string out = "'";
  for (char ch : text) {
    if (ch == '\'' || ch == '\\') out += ch;
    out += ch;
  }
  return out + "'";
}

ColumnDdl MysqlSpelling::column_ddl(const model::Table&, const model::Column& c) const {
  ColumnDdl d;
  const auto& t = c.type;
  std::string type;
  switch (t.kind) {
    case TypeKind::integer:
      type = t.bits == 8 ? "TINYINT" : t.bits == 16 ? "SMALLINT" : t.bits == 24 ? "MEDIUMINT" : t.bits == 64 ? "BIGINT" : "INT";
      break;
    case TypeKind::boolean: type = "TINYINT(1)"; break;
    case TypeKind::decimal: type = "DECIMAL(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")"; break;
    case TypeKind::floating: type = t.bits == 64 ? "DOUBLE" : "FLOAT"; break;
    case TypeKind::fixed_char: type = "CHAR(" + std::to_string(t.length) + ")"; break;
    case TypeKind::varchar: type = "VARCHAR(" + std::to_string(t.length) + ")"; break;
    case TypeKind::text: type = "TEXT"; break;
    case TypeKind::json: type = "JSON"; break;
    case TypeKind::binary: type = t.length > 0 ? "VARBINARY(" + std::to_string(t.length) + ")" : "LONGBLOB"; break;
    case TypeKind::timestamp: type = "DATETIME" + precision_suffix(t.precision); break;
    case TypeKind::date: type = "DATE"; break;
    case TypeKind::time: type = "TIME" + precision_suffix(t.precision); break;
    case TypeKind::uuid: type = "CHAR(36)"; break;
    case TypeKind::enumeration: {
      type = "ENUM(";
      for (std::size_t i = 0; i < t.values.size(); ++i) type += (i ? "," : "") + string_literal(t.values[i]);
      type += ")";
      break;
    }
    case TypeKind::interval: type = "VARCHAR(64)"; break;
  }
  auto native = c.native_types.find("mysql");
  if (native != c.native_types.end()) type = native->second;
  else if (t.kind == TypeKind::interval)
    d.note = "MySQL has no INTERVAL type; " + c.name + " holds PostgreSQL's interval text (docs/type-mapping.md)";
  // An FK column must match its target's signedness or InnoDB refuses the FK.
  bool numeric = t.kind == TypeKind::integer || t.kind == TypeKind::decimal || t.kind == TypeKind::floating;
  if (c.is_unsigned && numeric && upper(type).find("UNSIGNED") == std::string::npos) type += " UNSIGNED";
  d.type = type + collate_clause(c);
  if (c.identity) d.identity = "AUTO_INCREMENT";
  d.generated = generated_clause(c);

  using K = model::DefaultValue::Kind;
  const auto& v = c.default_for(name());
  // TEXT/BLOB/JSON columns take only expression defaults on MySQL 8: ('x').
  // The type that counts is the one this engine gets: a pinned TEXT half of
  // a varchar column is a TEXT column here.
  model::LogicalType here = t;
  if (native != c.native_types.end()) {
    std::string err;
    if (auto parsed = model::parse_type_name(native->second, err)) here = parsed->type;
  }
  bool blob_like = here.kind == TypeKind::text || here.kind == TypeKind::json || here.kind == TypeKind::binary;
  auto timestamp_now = [&](const std::string& expr) {
    // A bare CURRENT_TIMESTAMP means "at the column's precision"; MySQL needs it spelled out.
    return expr == "CURRENT_TIMESTAMP" && t.kind == TypeKind::timestamp && t.precision > 0
               ? "CURRENT_TIMESTAMP(" + std::to_string(t.precision) + ")"
               : expr;
  };
  switch (v.kind) {
    case K::none: break;
    case K::null: d.default_sql = "NULL"; break;
    case K::string: d.default_sql = blob_like ? "(" + string_literal(v.text) + ")" : string_literal(v.text); break;
    case K::number: d.default_sql = blob_like ? "(" + v.text + ")" : v.text; break;
    case K::boolean: d.default_sql = v.text == "true" ? "1" : "0"; break;
    case K::expression:
      d.default_sql = is_current_timestamp(v.text) ? timestamp_now(v.text) : "(" + v.text + ")";
      break;
  }
  if (!c.on_update.empty()) d.on_update_sql = timestamp_now(c.on_update);
  if (c.invisible) d.visibility = "INVISIBLE";
  return d;
}

std::string MysqlSpelling::seconds_between(std::string_view from, std::string_view to) const {
  return "TIMESTAMPDIFF(MICROSECOND, " + std::string(from) + ", " + std::string(to) + ") / 1000000";
}

}  // namespace sf::dialect

namespace sf::dialect {

// MySQL's and MariaDB's aliases to the names COLUMN_TYPE reports, without
// integer display widths (MySQL 8 drops them; MariaDB shows int(11)) except
// TINYINT(1), the boolean; a zero fractional-second precision is none.
std::string MysqlSpelling::type_key(std::string_view type) const {
  FoldedType f = fold_type_text(type);
  std::string b = f.base;
  std::string flags;
  for (const char* flag : {" unsigned", " zerofill"})
    if (auto p = b.find(flag); p != std::string::npos) {
      b.erase(p, std::string_view(flag).size());
      flags += flag;
    }
  static const std::map<std::string, std::string, std::less<>> aliases = {
      {"integer", "int"},     {"int4", "int"},      {"int1", "tinyint"},   {"int2", "smallint"},  {"int3", "mediumint"},
      {"middleint", "mediumint"}, {"int8", "bigint"}, {"dec", "decimal"},  {"numeric", "decimal"}, {"fixed", "decimal"},
      {"double precision", "double"}, {"real", "double"}, {"character varying", "varchar"}, {"character", "char"},
      {"bool", "tinyint"},    {"boolean", "tinyint"},
  };
  const bool boolean = b == "bool" || b == "boolean";
  if (auto a = aliases.find(b); a != aliases.end()) b = a->second;
  if (boolean) f.args = "1";
  if (b == "tinyint" || b == "smallint" || b == "mediumint" || b == "int" || b == "bigint") {
    if (!(b == "tinyint" && f.args == "1")) f.args.clear();
  }
  if (b == "decimal" && f.args.empty()) f.args = "10,0";
  if (b == "decimal" && f.args.find(',') == std::string::npos) f.args += ",0";
  if (b == "float" && !f.args.empty() && f.args.find(',') == std::string::npos) {
    if (std::atoi(f.args.c_str()) > 24) b = "double";
    f.args.clear();
  }
  if ((b == "char" || b == "binary" || b == "bit") && f.args.empty()) f.args = "1";
  if ((b == "datetime" || b == "timestamp" || b == "time") && f.args == "0") f.args.clear();
  if (b == "year") f.args.clear();
  f.base = b;
  return f.text() + flags;
}

}  // namespace sf::dialect
