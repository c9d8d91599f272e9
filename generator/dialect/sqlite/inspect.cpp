// Reads a SQLite schema from sqlite_master and the table/index/foreign-key
// pragmas. SQLite keeps affinities, not types, so declared types read back as
// the model's nearest type (TEXT -> text), with the declared spelling pinned
// where the model would write another; constraint names and CHECK bodies
// live only in each table's SQL text and are not recovered. Column
// collations and generation expressions are, from that text: there is no
// pragma for them.
#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "generator/dialect/inspect_support.hpp"
#include "generator/dialect/sqlite/inspector.hpp"
#include "generator/dialect/sqlite/table_options.hpp"
#include "generator/model/default_value.hpp"
#include "generator/model/strings.hpp"
#include "runtime/db/connection.hpp"

namespace sf::dialect {
namespace {

// One column definition in a CREATE TABLE text: as written, and with what
// stands inside parentheses blanked (same length), so clauses are found at
// the top level only (a CHECK may name a COLLATE).
struct ColumnText {
  std::string full, top;
};

// Column name -> its definition, from a CREATE TABLE text: SQLite has no
// pragma for a column's collation or generation expression. The body is
// split at commas outside parentheses; a column definition is a part that
// starts with the column's name.
std::map<std::string, ColumnText> column_texts(const std::string& create) {
  std::map<std::string, ColumnText> out;
  const auto open = create.find('(');
  if (open == std::string::npos) return out;
  std::vector<ColumnText> parts(1);
  int depth = 0;
  for (std::size_t i = open + 1; i < create.size(); ++i) {
    const char ch = create[i];
    if (ch == '(') ++depth;
    if (ch == ')' && depth-- == 0) break;
    if (ch == ',' && depth == 0) {
      parts.emplace_back();
      continue;
    }
    parts.back().full += ch;
    parts.back().top += depth == 0 || ch == '(' ? ch : ' ';  // keep only the top level
  }
  static const std::regex column(R"re(^\s*["`\[]?(\w+)["`\]]?\s)re");
  for (auto& p : parts)
    if (std::smatch name; std::regex_search(p.top, name, column)) out[name[1].str()] = std::move(p);
  return out;
}

// The column's COLLATE, upper case, or "".
std::string collation_in(const ColumnText& c) {
  static const std::regex collate(R"re(\bCOLLATE\s+["`]?(\w+))re", std::regex::icase);
  std::smatch m;
  return std::regex_search(c.top, m, collate) ? model::upper(m[1].str()) : std::string{};
}

// `[GENERATED ALWAYS] AS (expression) [STORED|VIRTUAL]`: the expression, or "".
std::string generation_expression(const ColumnText& c) {
  static const std::regex as(R"re(\bAS\s*\()re", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(c.top, m, as)) return {};
  const std::size_t open = static_cast<std::size_t>(m.position(0) + m.length(0)) - 1;
  const std::size_t close = model::closing_paren(c.full, open);
  return close == std::string::npos ? std::string{} : model::trim(c.full.substr(open + 1, close - open - 1));
}

// STRICT and WITHOUT ROWID, from what follows the column list of a CREATE
// TABLE text (pragma table_list has them too, but only from SQLite 3.37).
void read_table_options(const std::string& create, model::Table& t) {
  const auto open = create.find('(');
  const std::size_t close = open == std::string::npos ? std::string::npos : model::closing_paren(create, open);
  if (close == std::string::npos) return;
  const std::string tail = create.substr(close + 1);
  static const std::regex strict(R"(\bSTRICT\b)", std::regex::icase), without_rowid(R"(\bWITHOUT\s+ROWID\b)", std::regex::icase);
  if (std::regex_search(tail, strict)) t.options["sqlite"][sqlite_options::strict] = "true";
  if (std::regex_search(tail, without_rowid)) t.options["sqlite"][sqlite_options::without_rowid] = "true";
}

// The parts and WHERE of `CREATE [UNIQUE] INDEX name ON table (parts) [WHERE …]`.
void read_index_text(const std::string& sql, model::Index& idx) {
  const auto open = sql.find('(');
  if (open == std::string::npos) return;
  const std::size_t close = model::closing_paren(sql, open);
  if (close == std::string::npos) return;
  const std::vector<std::string> parts = model::split_top_level(std::string_view(sql).substr(open + 1, close - open - 1));
  std::vector<model::IndexColumn> columns;
  for (const auto& part : parts) {
    std::string err;
    auto ic = model::parse_index_part(part, err);
    if (!ic && part.find('(') != std::string::npos) {  // a call without parentheses of its own: lower(email)
      ic = model::IndexColumn{};
      ic->expression = model::trim(part);
    }
    if (!ic) return;  // a spelling we do not know: keep what the pragmas said
    columns.push_back(std::move(*ic));
  }
  if (columns.size() == idx.columns.size()) idx.columns = std::move(columns);
  const std::string rest = sql.substr(close + 1);
  static const std::regex where(R"(^\s*WHERE\s+([\s\S]*?)\s*;?\s*$)", std::regex::icase);
  std::smatch m;
  if (std::regex_match(rest, m, where)) idx.where = m[1].str();
}

// SQLite keeps FK names only in the table's SQL and numbers them in the
// pragma, last declared first: they get the names a SQL spec gives unnamed
// FKs (<table>_<columns>_fkey), in that order, so the same FKs read the same
// whatever order they were declared in.
void name_foreign_keys(model::Table& t) {
  std::set<std::string> used;
  for (auto& fk : t.foreign_keys) {
    const std::string base = t.name + "_" + model::join(fk.columns, "_") + "_fkey";
    fk.name = base;
    for (int n = 2; !used.insert(fk.name).second; ++n) fk.name = base + std::to_string(n);
  }
  std::sort(t.foreign_keys.begin(), t.foreign_keys.end(),
            [](const model::ForeignKey& a, const model::ForeignKey& b) { return a.name < b.name; });
}

}  // namespace

model::Schema SqliteInspector::inspect(db::Connection& c) const {
  model::Schema s;
  TableLookup tables(s);  // every lookup by name below, in constant time
  const std::string where = c.dsn().redacted();
  auto table_rows = c.query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  ExactTypes declared;  // as CREATE TABLE wrote them ("" for none): pinned where the model would write another
  // Each index's CREATE text, read once: sqlite_master has no index on its
  // names, so joining it per table scanned it once per table (quadratic).
  std::map<std::string, std::string> index_sql;
  for (const auto& r : c.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").rows)
    index_sql.emplace(db::as_string(r[0]), db::as_string(r[1]));

  for (const auto& tr : table_rows.rows) {
    model::Table& t = tables.table_for(db::as_string(tr[0]), where);
    const std::string sql = db::as_optional_string(tr[1]).value_or("");
    bool autoincrement = std::regex_search(sql, std::regex("AUTOINCREMENT", std::regex::icase));
    const auto texts = column_texts(sql);
    read_table_options(sql, t);
    std::vector<std::pair<std::int64_t, std::string>> pk;
    // table_xinfo, not table_info: only it lists generated columns (hidden 2
    // VIRTUAL, 3 STORED); hidden 1 is a virtual table's own.
    for (const auto& r : c.query("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?) "
                                 "WHERE hidden <> 1", {t.name}).rows) {
      model::Column col;
      col.name = db::as_string(r[0]);
      const auto text = texts.find(col.name);
      if (const std::int64_t hidden = db::as_int(r[5]); (hidden == 2 || hidden == 3) && text != texts.end())
        if (std::string expr = generation_expression(text->second); !expr.empty())
          col.generated = model::GeneratedColumn{std::move(expr), hidden == 3};
      std::string type = db::as_string(r[1]), err;
      declared[t.name][col.name] = type;
      auto parsed = model::parse_type_name(type.empty() ? "TEXT" : type, err);
      col.type = parsed ? parsed->type : model::LogicalType::of(model::TypeKind::text);
      if (type == "REAL") col.type = model::LogicalType{model::TypeKind::floating, 64, 0, 0, 0, {}};
      col.nullable = db::as_int(r[2]) == 0;
      if (auto def = db::as_optional_string(r[3])) col.default_value = model::classify_default(*def);
      std::int64_t in_pk = db::as_int(r[4]);
      if (in_pk > 0) {
        pk.emplace_back(in_pk, col.name);
        col.nullable = false;
        if (autoincrement && type == "INTEGER") col.identity = true;
      }
      if (text != texts.end())
        if (std::string coll = collation_in(text->second); !coll.empty()) col.collations["sqlite"] = coll;
      col.loc = {where, 0};
      t.columns.push_back(std::move(col));
    }
    std::sort(pk.begin(), pk.end());
    if (!pk.empty()) {
      t.primary_key = model::Key{};
      for (const auto& [_, n] : pk) t.primary_key->columns.push_back(n);
    }
    for (const auto& ir : c.query("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?) ORDER BY name", {t.name}).rows) {
      std::string name = db::as_string(ir[0]), origin = db::as_string(ir[2]);
      if (origin == "pk") continue;
      model::Index idx;
      idx.name = name;
      idx.unique = db::as_int(ir[1]) != 0;
      bool expressions = false;
      for (const auto& xr : c.query("SELECT name, \"desc\" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", {name}).rows) {
        expressions = expressions || db::is_null(xr[0]);  // an expression part has no column name
        idx.columns.push_back({db::as_optional_string(xr[0]).value_or(""), db::as_int(xr[1]) != 0});
      }
      // SQLite keeps a partial index's WHERE and an expression part only in
      // the CREATE INDEX text: read them from there.
      if (auto text = index_sql.find(name); (expressions || db::as_int(ir[3]) != 0) && text != index_sql.end())
        read_index_text(text->second, idx);
      if (origin == "u") {
        model::Key k;  // SQLite names it sqlite_autoindex_…: the constraint's own name is lost
        for (const auto& ic : idx.columns) k.columns.push_back(ic.name);
        t.uniques.push_back(std::move(k));
      } else {
        t.indexes.push_back(std::move(idx));
      }
    }
    for (const auto& r : c.query("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) "
                                 "ORDER BY id, seq", {t.name}).rows) {
      std::string id = std::to_string(db::as_int(r[0]));
      if (t.foreign_keys.empty() || t.foreign_keys.back().name != id) {
        model::ForeignKey fk;
        fk.name = id;  // SQLite keeps FK names only in the table's SQL
        fk.ref_table = db::as_string(r[1]);
        fk.on_update = model::parse_fk_action(db::as_string(r[4])).value_or(model::FkAction::no_action);
        fk.on_delete = model::parse_fk_action(db::as_string(r[5])).value_or(model::FkAction::no_action);
        t.foreign_keys.push_back(std::move(fk));
      }
      t.foreign_keys.back().columns.push_back(db::as_string(r[2]));
      t.foreign_keys.back().ref_columns.push_back(db::as_string(r[3]));
    }
    name_foreign_keys(t);
  }
  // Triggers. SQLite has no ON UPDATE, so generate writes an AFTER UPDATE
  // trigger named on_update_<table>_<column> that sets the column to the
  // clock in the updated row (by rowid, or by key in a WITHOUT ROWID
  // table): such a trigger is the column's ON UPDATE attribute. Every other
  // trigger is kept as sqlite_master holds it, as it was written.
  static const std::regex sets(R"re(\bSET\s+["`]?(\w+)["`]?\s*=\s*(\(strftime\('%Y-%m-%dT%H:%M:%f000Z',\s*'now'\)\)|CURRENT_TIMESTAMP)\s+WHERE\s+[^;]*\bNEW\.)re",
                                  std::regex::icase);
  for (const auto& r : c.query("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").rows) {
    model::Table* t = tables.find_table(db::as_string(r[0]));
    if (!t) continue;  // on a view (INSTEAD OF): views hold no triggers in the model yet
    const std::string name = db::as_string(r[1]), body = db::as_optional_string(r[2]).value_or("");
    std::smatch m;
    if (std::regex_search(body, m, sets))
      if (model::Column* col = t->find_column(m[1].str()); col && name == spelling_.on_update_trigger_name(t->name, col->name)) {
        col->on_update = "CURRENT_TIMESTAMP";
        continue;
      }
    t->triggers.push_back({name, {{"sqlite", model::trim(body)}}, {}});
  }
  // sqlite_master keeps the whole CREATE VIEW; the model holds the SELECT, as the other engines report it.
  for (const auto& r : c.query("SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name").rows) {
    const std::string create = db::as_optional_string(r[1]).value_or("");
    const std::string select = view_select(create);
    attach_view(tables, db::as_string(r[0]), select.empty() ? create : select);
  }
  // A declared type is only an affinity to SQLite, but it is what the
  // database says (and INTEGER PRIMARY KEY, unlike BIGINT, is the rowid):
  // a database generated from the inspected spec declares the same.
  pin_exact_types(s, declared);
  model::canonicalize(s);
  return s;
}

std::map<std::string, std::string> SqliteInspector::compared_options(const model::Table& t) const {
  using namespace sqlite_options;
  return {{strict, is_set(t, strict) ? "true" : "false"}, {without_rowid, is_set(t, without_rowid) ? "true" : "false"}};
}

std::string SqliteInspector::canonical_collation(std::string_view collation) const { return model::upper(collation); }

}  // namespace sf::dialect
