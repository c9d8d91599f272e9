#include "tests/support/live_schema.hpp"

#include <algorithm>
#include <regex>

namespace sf::test {
namespace {

using db::as_string;
using db::is_null;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// 'pending'::text -> pending ; 'it''s' -> it's ; (strftime(...)) kept.
std::string unquote_default(std::string d) {
  static const std::regex cast(R"(^(.*)::[a-z_0-9 "]+(\([0-9]+\))?$)");
  std::smatch m;
  while (std::regex_match(d, m, cast)) d = m[1].str();
  if (d.size() >= 2 && d.front() == '\'' && d.back() == '\'') {
    std::string v;
    for (std::size_t i = 1; i + 1 < d.size(); ++i) {
      if ((d[i] == '\'' || d[i] == '\\') && i + 2 < d.size() && d[i + 1] == d[i]) ++i;  // '' and \\ escapes
      v += d[i];
    }
    d = v;
  }
  return d;
}

// PostgreSQL quotes names that need it in catalogue text: "order"(id) -> order(id).
std::string unquote_names(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '"'), s.end());
  return s;
}

LiveSchema read_postgres(db::Connection& c) {
  LiveSchema s;
  auto cols = c.query(
      "SELECT cl.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid) "
      "FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
      "WHERE n.nspname = 'public' AND cl.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY cl.relname, a.attnum");
  for (const auto& r : cols.rows) {
    LiveColumn col{as_string(r[1]), as_string(r[2]), db::as_bool(r[3]), !is_null(r[4]), is_null(r[4]) ? "" : unquote_default(as_string(r[4]))};
    s.tables[as_string(r[0])].columns.push_back(col);
  }
  auto cons = c.query(
      "SELECT cl.relname, co.conname, co.contype, pg_get_constraintdef(co.oid) FROM pg_constraint co "
      "JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = 'public' "
      "ORDER BY 1, 2");
  static const std::regex cols_re(R"(\(([^)]*)\))");
  static const std::regex fk_re(R"(FOREIGN KEY \(([^)]*)\) REFERENCES ([^(]+)\(([^)]*)\)(.*))");
  for (const auto& r : cons.rows) {
    LiveTable& t = s.tables[as_string(r[0])];
    std::string name = as_string(r[1]), type = as_string(r[2]), def = unquote_names(as_string(r[3]));
    std::smatch m;
    if (type == "p" && std::regex_search(def, m, cols_re)) {
      std::string list = m[1].str();
      t.primary_key.clear();
      for (std::size_t b = 0; b < list.size();) {
        std::size_t e = list.find(", ", b);
        t.primary_key.push_back(list.substr(b, e == std::string::npos ? std::string::npos : e - b));
        b = e == std::string::npos ? list.size() : e + 2;
      }
    } else if (type == "u" && std::regex_search(def, m, cols_re)) {
      t.uniques.insert(name + ": " + m[1].str());
    } else if (type == "c") {
      t.checks.insert(name);
    } else if (type == "f" && std::regex_search(def, m, fk_re)) {
      std::string rest = m[4].str();
      std::string del = "NO ACTION", upd = "NO ACTION";
      std::smatch a;
      if (std::regex_search(rest, a, std::regex(R"(ON DELETE (CASCADE|RESTRICT|SET NULL|SET DEFAULT))"))) del = a[1].str();
      if (std::regex_search(rest, a, std::regex(R"(ON UPDATE (CASCADE|RESTRICT|SET NULL|SET DEFAULT))"))) upd = a[1].str();
      t.foreign_keys.insert("(" + m[1].str() + ") -> " + m[2].str() + "(" + m[3].str() + ") ON DELETE " + del + " ON UPDATE " + upd);
    }
  }
  auto idx = c.query(
      "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT IN "
      "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u')) ORDER BY 1, 2");
  static const std::regex idx_re(R"(USING btree \((.*)\)$)");
  for (const auto& r : idx.rows) {
    std::string def = unquote_names(as_string(r[2]));
    std::smatch m;
    std::string cols_list = std::regex_search(def, m, idx_re) ? m[1].str() : def;
    if (def.find("UNIQUE") != std::string::npos) cols_list += " UNIQUE";
    s.tables[as_string(r[0])].indexes[as_string(r[1])] = cols_list;
  }
  for (const auto& r : c.query("SELECT viewname FROM pg_views WHERE schemaname = 'public'").rows) s.views.insert(as_string(r[0]));
  return s;
}

LiveSchema read_mysql(db::Connection& c) {
  LiveSchema s;
  auto cols = c.query(
      "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS "
      "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES "
      "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE') ORDER BY TABLE_NAME, ORDINAL_POSITION");
  static const std::regex width(R"(^(tinyint|smallint|mediumint|int|bigint)\((\d+)\))");
  for (const auto& r : cols.rows) {
    std::string type = lower(as_string(r[2]));
    std::smatch m;
    if (std::regex_search(type, m, width) && !(m[1].str() == "tinyint" && m[2].str() == "1"))
      type = m[1].str() + type.substr(static_cast<std::size_t>(m.length(0)));
    // MariaDB reports "no default" as NULL and a NULL default as the text NULL.
    bool has_default = !is_null(r[4]) && as_string(r[4]) != "NULL";
    LiveColumn col{as_string(r[1]), type, as_string(r[3]) == "NO", has_default, has_default ? unquote_default(as_string(r[4])) : ""};
    s.tables[as_string(r[0])].columns.push_back(col);
  }
  auto stats = c.query(
      "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION FROM information_schema.STATISTICS "
      "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX");
  std::map<std::pair<std::string, std::string>, std::pair<bool, std::vector<std::string>>> grouped;
  for (const auto& r : stats.rows) {
    auto& g = grouped[{as_string(r[0]), as_string(r[1])}];
    g.first = db::as_int(r[2]) == 0;
    g.second.push_back(as_string(r[3]) + (!is_null(r[4]) && as_string(r[4]) == "D" ? " DESC" : ""));
  }
  for (const auto& [key, g] : grouped) {
    LiveTable& t = s.tables[key.first];
    if (key.second == "PRIMARY") t.primary_key = g.second;
    else if (g.first) t.uniques.insert(key.second + ": " + join(g.second));
    else t.indexes[key.second] = join(g.second);
  }
  auto fks = c.query(
      "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, "
      "r.DELETE_RULE, r.UPDATE_RULE FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
      "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME "
      "WHERE k.TABLE_SCHEMA = DATABASE() ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION");
  std::map<std::pair<std::string, std::string>, std::vector<std::vector<std::string>>> fk_rows;
  for (const auto& r : fks.rows)
    fk_rows[{as_string(r[0]), as_string(r[1])}].push_back({as_string(r[2]), as_string(r[3]), as_string(r[4]), as_string(r[5]), as_string(r[6])});
  for (const auto& [key, rows] : fk_rows) {
    std::vector<std::string> from, to;
    for (const auto& r : rows) {
      from.push_back(r[0]);
      to.push_back(r[2]);
    }
    s.tables[key.first].foreign_keys.insert("(" + join(from) + ") -> " + rows[0][1] + "(" + join(to) + ") ON DELETE " + rows[0][3] +
                                            " ON UPDATE " + rows[0][4]);
  }
  for (const auto& r : c.query("SELECT TABLE_NAME, CONSTRAINT_NAME FROM information_schema.CHECK_CONSTRAINTS "
                               "WHERE CONSTRAINT_SCHEMA = DATABASE()").rows)
    s.tables[as_string(r[0])].checks.insert(as_string(r[1]));
  for (const auto& r : c.query("SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()").rows)
    s.views.insert(as_string(r[0]));
  return s;
}

LiveSchema read_sqlite(db::Connection& c) {
  LiveSchema s;
  for (const auto& tr : c.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").rows) {
    std::string table = as_string(tr[0]);
    LiveTable& t = s.tables[table];
    std::vector<std::pair<std::int64_t, std::string>> pk;
    for (const auto& r : c.query("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)", {table}).rows) {
      bool in_pk = db::as_int(r[4]) > 0;
      LiveColumn col{as_string(r[0]), lower(as_string(r[1])), db::as_int(r[2]) != 0 || in_pk, !is_null(r[3]),
                     is_null(r[3]) ? "" : unquote_default(as_string(r[3]))};
      t.columns.push_back(col);
      if (in_pk) pk.emplace_back(db::as_int(r[4]), col.name);
    }
    std::sort(pk.begin(), pk.end());
    for (const auto& [_, n] : pk) t.primary_key.push_back(n);
    for (const auto& ir : c.query("SELECT name, \"unique\", origin FROM pragma_index_list(?)", {table}).rows) {
      std::string name = as_string(ir[0]), origin = as_string(ir[2]);
      if (origin == "pk") continue;
      std::vector<std::string> cols;
      for (const auto& xr : c.query("SELECT name, \"desc\" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", {name}).rows)
        cols.push_back(as_string(xr[0]) + (db::as_int(xr[1]) ? " DESC" : ""));
      if (origin == "u") t.uniques.insert(join(cols));
      else t.indexes[name] = join(cols) + (db::as_int(ir[1]) ? " UNIQUE" : "");
    }
    std::map<std::int64_t, std::vector<std::vector<std::string>>> fk;
    for (const auto& r : c.query("SELECT id, \"from\", \"table\", \"to\", on_delete, on_update FROM pragma_foreign_key_list(?) ORDER BY id, seq", {table}).rows)
      fk[db::as_int(r[0])].push_back({as_string(r[1]), as_string(r[2]), as_string(r[3]), as_string(r[4]), as_string(r[5])});
    for (const auto& [_, rows] : fk) {
      std::vector<std::string> from, to;
      for (const auto& r : rows) {
        from.push_back(r[0]);
        to.push_back(r[2]);
      }
      t.foreign_keys.insert("(" + join(from) + ") -> " + rows[0][1] + "(" + join(to) + ") ON DELETE " + rows[0][3] + " ON UPDATE " + rows[0][4]);
    }
  }
  for (const auto& r : c.query("SELECT name FROM sqlite_master WHERE type = 'view'").rows) s.views.insert(as_string(r[0]));
  return s;
}

}  // namespace

std::vector<std::string> describe(const LiveSchema& s) {
  std::vector<std::string> out;
  for (const auto& [name, t] : s.tables) {
    for (const auto& c : t.columns)
      out.push_back(name + "." + c.name + " " + c.type + (c.not_null ? " NOT NULL" : "") +
                    (c.has_default ? " DEFAULT " + c.default_value : ""));
    out.push_back(name + " PK (" + join(t.primary_key) + ")");
    for (const auto& u : t.uniques) out.push_back(name + " UNIQUE " + u);
    for (const auto& [i, cols] : t.indexes) out.push_back(name + " INDEX " + i + " (" + cols + ")");
    for (const auto& f : t.foreign_keys) out.push_back(name + " FK " + f);
    for (const auto& c : t.checks) out.push_back(name + " CHECK " + c);
  }
  for (const auto& v : s.views) out.push_back("VIEW " + v);
  return out;
}

LiveSchema read_live_schema(db::Connection& c) {
  switch (c.engine()) {
    case db::Engine::postgres: return read_postgres(c);
    case db::Engine::mysql: return read_mysql(c);
    case db::Engine::sqlite: return read_sqlite(c);
  }
  return {};
}

}  // namespace sf::test
