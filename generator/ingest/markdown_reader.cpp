#include "generator/ingest/markdown_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

#include "generator/model/default_value.hpp"
#include "generator/ingest/markdown_document.hpp"
#include "generator/ingest/sql_reader.hpp"

namespace sf::ingest {
namespace {

using model::Column;
using model::Table;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}
std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!trim(cur).empty()) out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!trim(cur).empty()) out.push_back(trim(cur));
  return out;
}

// "mysql", "MariaDB", "postgresql", "pg" -> canonical dialect names.
std::string engine_name(const std::string& raw) {
  std::string e = lower(trim(raw));
  if (e == "mysql" || e == "mariadb") return "mysql";
  if (e == "postgres" || e == "postgresql" || e == "pg") return "postgres";
  if (e == "sqlite" || e == "sqlite3") return "sqlite";
  return {};
}

// Header cell text -> the role the column plays; unknown headers return "".
std::string header_role(const std::string& h) {
  static const std::map<std::string, std::string> roles = {
      {"column", "column"},       {"name", "column"},         {"column name", "column"},
      {"field", "column"},        {"type", "type"},           {"data type", "type"},
      {"null", "null"},           {"nullable", "null"},       {"null?", "null"},
      {"default", "default"},     {"default value", "default"}, {"description", "description"},
      {"comment", "description"}, {"notes", "description"},   {"crypto", "crypto"},
  };
  auto it = roles.find(lower(trim(h)));
  return it == roles.end() ? std::string{} : it->second;
}

std::map<std::string, std::size_t> header_index(const MdBlock& table) {
  std::map<std::string, std::size_t> idx;
  for (std::size_t i = 0; i < table.header.size(); ++i) idx.emplace(lower(trim(table.header[i].text)), i);
  return idx;
}

const std::string& cell(const MdRow& row, std::optional<std::size_t> i) {
  static const std::string empty;
  if (!i || *i >= row.cells.size()) return empty;
  return row.cells[*i].text;
}

class MarkdownReader {
 public:
  MarkdownReader(const SourceText& src, model::Diagnostics& diags) : src_(src), diags_(diags) {}

  bool run(model::Schema& out) {
    blocks_ = parse_markdown(src_);
    bool has_columns = std::any_of(blocks_.begin(), blocks_.end(), [](const MdBlock& b) {
      return b.kind == MdBlock::Kind::heading && b.level == 2 && lower(b.text) == "columns";
    });
    if (has_columns) return columns_form(out);
    for (const auto& b : blocks_) {
      if (b.kind == MdBlock::Kind::code && (b.info.empty() || lower(b.info) == "sql") &&
          std::regex_search(b.text, std::regex(R"(\bCREATE\s+TABLE\b)", std::regex::icase)))
        return sql_block_form(out, b);
    }
    diags_.error(src_.loc(first_line()), "no `## Columns` table and no ```sql block with CREATE TABLE: this "
                                         "markdown does not describe a table (see docs/spec-format.md)");
    return false;
  }

 private:
  int first_line() const { return blocks_.empty() ? 1 : blocks_.front().line; }
  model::SourceLoc at(int line) const { return src_.loc(line); }

  // ---- the columns-table form ------------------------------------------------

  bool columns_form(model::Schema& out) {
    const std::size_t errors_before = diags_.count(model::Severity::error);
    Table t;
    t.sources.push_back(src_.path());
    std::string section, engine, label;
    bool have_title = false, have_columns = false;
    std::set<std::string> engines_seen;
    for (const auto& b : blocks_) {
      if (!have_title && !(b.kind == MdBlock::Kind::heading && b.level == 1)) {
        diags_.error(at(b.line), "the document must start with a `# table_name` heading naming the table");
        return false;
      }
      if (b.kind == MdBlock::Kind::heading) {
        label.clear();
        if (b.level == 1 && !have_title) {
          have_title = true;
          t.name = trim(b.text);
          t.loc = at(b.line);
          static const std::regex ident(R"(^[A-Za-z_][A-Za-z0-9_$]*$)");
          if (!std::regex_match(t.name, ident))
            diags_.error(t.loc, "table name '" + t.name + "' in the `#` heading is not an identifier "
                                "(letters, digits and _ only; no spaces)");
          section.clear();
        } else if (b.level == 2) {
          section = lower(trim(b.text));
          engine.clear();
          if (section != "columns" && section != "engine details" && section != "engine differences" &&
              section != "views")
            diags_.note(at(b.line), "section '" + trim(b.text) + "' is not part of the spec format; ignored");
        } else if (b.level == 3 && section == "engine details") {
          engine = engine_name(b.text);
          if (engine.empty())
            diags_.warning(at(b.line), "unknown engine '" + trim(b.text) + "' (expected mysql, postgres or sqlite); section ignored");
          else if (!engines_seen.insert(engine).second)
            diags_.error(at(b.line), "engine section '" + engine + "' appears twice");
        }
        continue;
      }
      if (section.empty()) {
        if (b.kind == MdBlock::Kind::paragraph && t.description.empty()) t.description = b.text;
        continue;
      }
      if (b.kind == MdBlock::Kind::paragraph) {
        label = lower(trim(b.text));
        if (!label.empty() && label.back() == ':') label.pop_back();
        continue;
      }
      if (b.kind != MdBlock::Kind::table) continue;
      if (section == "columns") {
        if (have_columns) {
          diags_.error(at(b.line), "a second table under `## Columns`; put every column in one table");
          continue;
        }
        have_columns = true;
        read_columns(t, b);
      } else if (section == "engine details" && !engine.empty()) {
        read_engine_table(t, engine, label, b);
      } else if (section == "views") {
        read_views(t, b);
      } else if (section == "engine differences") {
        diags_.note(at(b.line), "tables under `## Engine differences` are documentation only; not read");
      }
    }
    if (!have_title || t.name.empty()) {
      diags_.error(at(first_line()), "the document must start with a `# table_name` heading naming the table");
      return false;
    }
    if (!have_columns) {
      diags_.error(t.loc, "table '" + t.name + "' has a `## Columns` heading but no columns table under it");
      return false;
    }
    merge_engines(t);
    infer_primary_key(t);
    order_columns(t);
    if (diags_.count(model::Severity::error) > errors_before) return false;
    out.tables.push_back(std::move(t));
    return true;
  }

  void read_columns(Table& t, const MdBlock& b) {
    std::map<std::string, std::size_t> roles;
    for (std::size_t i = 0; i < b.header.size(); ++i) {
      std::string role = header_role(b.header[i].text);
      if (role.empty()) {
        diags_.note(at(b.line), "column-table header '" + b.header[i].text + "' is not known; its cells are ignored");
        continue;
      }
      if (!roles.emplace(role, i).second)
        diags_.error(at(b.line), "column-table header '" + b.header[i].text + "' repeats the " + role + " column");
    }
    for (const char* required : {"column", "type"}) {
      if (!roles.count(required)) {
        std::string headers;
        for (const auto& h : b.header) headers += (headers.empty() ? "" : ", ") + h.text;
        diags_.error(at(b.line), std::string("the Columns table has no '") + (required[0] == 'c' ? "Column" : "Type") +
                                     "' header (headers: " + headers + ")");
        return;
      }
    }
    auto role = [&](const char* r) -> std::optional<std::size_t> {
      auto it = roles.find(r);
      return it == roles.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    };
    for (const auto& row : b.rows) {
      Column c;
      c.loc = at(row.line);
      c.name = cell(row, role("column"));
      if (c.name.empty()) {
        diags_.error(c.loc, "column row without a name");
        continue;
      }
      if (t.find_column(c.name)) {
        diags_.error(c.loc, "column '" + t.name + "." + c.name + "' is listed twice");
        continue;
      }
      c.description = cell(row, role("description"));
      c.crypto = cell(row, role("crypto"));
      std::string null_cell = lower(cell(row, role("null")));
      if (null_cell == "no" || null_cell == "n" || null_cell == "false" || null_cell == "not null")
        c.nullable = false;
      else if (null_cell.empty() || null_cell == "yes" || null_cell == "y" || null_cell == "true" || null_cell == "null")
        c.nullable = true;
      else
        diags_.error(c.loc, "Null cell of " + t.name + "." + c.name + " is '" + null_cell + "'; write YES or NO");
      if (!read_type_cell(t, c, cell(row, role("type")))) continue;
      c.default_value = model::classify_default(cell(row, role("default")));
      t.columns.push_back(std::move(c));
    }
  }

  // A Type cell: one type for every engine, or "mysql: X / postgres: Y" where
  // either half may be missing; enum values may also come from "(enum: a, b)".
  bool read_type_cell(const Table& t, Column& c, const std::string& text) {
    const std::string where = t.name + "." + c.name;
    if (trim(text).empty()) {
      diags_.error(c.loc, "column " + where + " has no type");
      return false;
    }
    static const std::regex engine_prefix(R"(^\s*(mysql|mariadb|postgres|postgresql|pg|sqlite)\s*:\s*)", std::regex::icase);
    std::vector<std::pair<std::string, std::string>> halves;  // engine, type text
    if (std::regex_search(text, engine_prefix)) {
      // Split on '/' that starts another "engine:" half.
      std::size_t start = 0;
      for (std::size_t i = 0; i <= text.size(); ++i) {
        bool boundary = i == text.size();
        if (!boundary && text[i] == '/') {
          std::string rest = text.substr(i + 1);
          boundary = std::regex_search(rest, engine_prefix);
        }
        if (!boundary) continue;
        std::string part = text.substr(start, i - start);
        std::smatch m;
        if (!std::regex_search(part, m, engine_prefix)) {
          diags_.error(c.loc, "type of " + where + ": '" + trim(part) + "' is not of the form engine: TYPE");
          return false;
        }
        halves.emplace_back(engine_name(m[1].str()), trim(part.substr(static_cast<std::size_t>(m.length(0)))));
        start = i + 1;
      }
    } else {
      halves.emplace_back("", trim(text));
    }

    std::optional<model::LogicalType> logical;
    std::string logical_from;
    for (const auto& [engine, type_text] : halves) {
      std::string err;
      auto parsed = model::parse_type_name(type_text, err);
      if (!parsed) {
        diags_.error(c.loc, "type of " + where + ": " + err);
        return false;
      }
      if (parsed->is_unsigned) c.is_unsigned = true;
      if (parsed->auto_increment_hint) c.identity = true;
      if (!engine.empty()) {
        if (c.native_types.count(engine)) {
          diags_.error(c.loc, "type of " + where + " names " + engine + " twice");
          return false;
        }
        c.native_types[engine] = type_text;
      }
      const model::LogicalType& lt = parsed->type;
      if (!logical) {
        logical = lt;
        logical_from = type_text;
      } else if (*logical != lt) {
        // The halves may spell one logical type two ways (ENUM vs TEXT + CHECK,
        // JSON vs JSONB); the richer one wins. Anything else is a contradiction.
        bool keep_old = lt.kind == model::TypeKind::text &&
                        (logical->kind == model::TypeKind::enumeration || logical->kind == model::TypeKind::json);
        bool take_new = logical->kind == model::TypeKind::text &&
                        (lt.kind == model::TypeKind::enumeration || lt.kind == model::TypeKind::json);
        if (take_new) {
          logical = lt;
          logical_from = type_text;
        } else if (!keep_old && logical->kind != lt.kind) {
          diags_.error(c.loc, "type of " + where + ": '" + logical_from + "' and '" + type_text +
                                  "' are different kinds of type; give types that hold the same values");
          return false;
        }
      }
    }
    c.type = *logical;

    // "(enum: a, b)" in the description.
    static const std::regex enum_note(R"(\(\s*enum\s*:\s*([^)]*)\))", std::regex::icase);
    std::smatch m;
    if (std::regex_search(c.description, m, enum_note)) {
      std::vector<std::string> values = split_list(m[1].str());
      if (values.empty()) {
        diags_.error(c.loc, "the (enum: …) note of " + where + " lists no values");
        return false;
      }
      if (c.type.kind == model::TypeKind::enumeration) {
        if (c.type.values != values) {
          std::string a, b;
          for (const auto& v : c.type.values) a += (a.empty() ? "" : ", ") + v;
          for (const auto& v : values) b += (b.empty() ? "" : ", ") + v;
          diags_.error(c.loc, "enum values of " + where + " conflict: the type says (" + a + ") but the description says (" +
                                  b + "); make them the same");
          return false;
        }
      } else if (c.type.is_textual()) {
        c.type = model::LogicalType::enumeration(values);
      } else {
        diags_.error(c.loc, "the (enum: …) note of " + where + " is on a " + model::to_string(c.type) + " column; enums are text");
        return false;
      }
    }
    return true;
  }

  // -- engine sections: unique keys, indexes, foreign keys, checks, per engine --

  struct EngineItems {
    std::vector<model::Key> uniques;
    std::vector<model::Index> indexes;
    std::vector<model::ForeignKey> fks;
    std::vector<model::Check> checks;
  };
  std::map<std::string, EngineItems> engines_;
  std::set<std::string> repaired_fks_;

  void read_engine_table(Table& t, const std::string& engine, const std::string& label, const MdBlock& b) {
    auto h = header_index(b);
    std::string kind = label;
    if (kind.empty() || (kind != "unique keys" && kind != "indexes" && kind != "foreign keys" && kind != "checks")) {
      kind = h.count("references") ? "foreign keys" : h.count("sql") ? "indexes"
             : h.count("expression") ? "checks" : "unique keys";
      if (!label.empty())
        diags_.note(at(b.line), "label '" + label + ":' is not known; reading the table as " + kind + " from its headers");
    }
    auto col = [&](const char* name) -> std::optional<std::size_t> {
      auto it = h.find(name);
      return it == h.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    };
    if (!col("name")) {
      diags_.error(at(b.line), "the " + kind + " table of engine " + engine + " has no 'Name' header");
      return;
    }
    EngineItems& items = engines_[engine];
    for (const auto& row : b.rows) {
      model::SourceLoc loc = at(row.line);
      std::string name = cell(row, col("name"));
      if (name.empty()) {
        diags_.error(loc, "a " + kind + " row without a name (engine " + engine + ")");
        continue;
      }
      std::vector<std::string> columns = split_list(cell(row, col("columns")));
      if (kind == "unique keys") {
        if (columns.empty()) diags_.error(loc, "unique key '" + name + "' lists no columns");
        items.uniques.push_back({name, columns, loc});
      } else if (kind == "indexes") {
        read_index_row(t, items, engine, name, columns, cell(row, col("sql")), loc);
      } else if (kind == "foreign keys") {
        read_fk_row(t, items, name, columns, cell(row, col("references")), cell(row, col("actions")), loc);
      } else {
        std::string expr = cell(row, col("expression"));
        if (expr.empty()) expr = cell(row, col("check"));
        if (expr.empty()) diags_.error(loc, "check '" + name + "' has no expression");
        items.checks.push_back({name, expr, loc});
      }
    }
  }

  void read_index_row(const Table& t, EngineItems& items, const std::string& engine, const std::string& name,
                      const std::vector<std::string>& columns, const std::string& sql, const model::SourceLoc& loc) {
    model::Index idx;
    idx.name = name;
    idx.loc = loc;
    for (const auto& c : columns) idx.columns.push_back({c, false});
    if (!sql.empty()) {
      std::string err;
      auto parsed = parse_index_sql(sql, err);
      if (!parsed) {
        diags_.error(loc, "SQL of index '" + name + "' (" + engine + "): " + err);
        return;
      }
      if (parsed->name != name) {
        diags_.error(loc, "index row '" + name + "' has SQL that creates '" + parsed->name + "'; make the names agree");
        return;
      }
      std::vector<std::string> sql_cols;
      for (const auto& c : parsed->columns) sql_cols.push_back(c.name);
      if (!columns.empty() && sql_cols != columns) {
        diags_.error(loc, "index '" + name + "': the Columns cell says (" + join(columns) + ") but the SQL says (" +
                              join(sql_cols) + ")");
        return;
      }
      idx.columns = parsed->columns;
      idx.unique = parsed->unique;
      if (parsed->constraint) {
        // A UNIQUE KEY / CONSTRAINT … UNIQUE listed among indexes is the unique key itself.
        auto same = std::find_if(items.uniques.begin(), items.uniques.end(), [&](const model::Key& k) { return k.name == name; });
        if (same == items.uniques.end()) items.uniques.push_back({name, sql_cols, loc});
        else if (same->columns != sql_cols)
          diags_.error(loc, "unique key '" + name + "' has columns (" + join(same->columns) + ") but its index SQL says (" +
                                join(sql_cols) + ")");
        return;
      }
    }
    if (idx.columns.empty()) {
      diags_.error(loc, "index '" + name + "' lists no columns");
      return;
    }
    (void)t;
    items.indexes.push_back(std::move(idx));
  }

  void read_fk_row(const Table& t, EngineItems& items, const std::string& name, const std::vector<std::string>& columns,
                   const std::string& references, const std::string& actions, const model::SourceLoc& loc) {
    model::ForeignKey fk;
    fk.name = name;
    fk.columns = columns;
    fk.loc = loc;
    std::string err;
    auto target = parse_fk_target(references, err);
    if (!target) {
      diags_.error(loc, "foreign key '" + name + "': References '" + references + "' is not table(column, …): " + err);
      return;
    }
    fk.ref_table = target->table;
    fk.ref_columns = target->columns;
    auto acts = parse_fk_actions(actions, err);
    if (!acts) {
      diags_.error(loc, "foreign key '" + name + "': Actions '" + actions + "': " + err);
      return;
    }
    fk.on_delete = acts->on_delete;
    fk.on_update = acts->on_update;
    for (auto [truncated, which] : {std::pair{acts->delete_truncated_set, "DELETE"}, std::pair{acts->update_truncated_set, "UPDATE"}}) {
      if (!truncated) continue;
      bool all_nullable = std::all_of(columns.begin(), columns.end(), [&](const std::string& c) {
        const Column* col = t.find_column(c);
        return col && col->nullable;
      });
      if (!all_nullable) {
        diags_.error(loc, "foreign key '" + name + "': 'ON " + which + " SET' is cut short and cannot mean SET NULL because (" +
                              join(columns) + ") is NOT NULL; write the intended action (e.g. ON " + which + " CASCADE)");
        return;
      }
      if (repaired_fks_.insert(name + which).second)
        diags_.warning(loc, "foreign key '" + name + "': 'ON " + which + " SET' is cut short; read as SET NULL because (" +
                                join(columns) + ") is nullable. Write ON " + which + " SET NULL to silence this");
    }
    items.fks.push_back(std::move(fk));
  }

  // Items listed identically under every engine become engine-neutral; an
  // index under only some engines is kept for those; keys and FKs must agree.
  void merge_engines(Table& t) {
    std::vector<std::string> engines;
    for (const auto& [e, _] : engines_) engines.push_back(e);
    auto merge = [&](auto member, auto& target, const char* what, bool per_dialect) {
      using Item = typename std::decay_t<decltype(target)>::value_type;
      std::vector<std::string> order;
      std::map<std::string, std::vector<std::pair<std::string, Item>>> by_name;
      for (const auto& e : engines) {
        for (const auto& item : engines_[e].*member) {
          if (!by_name.count(item.name)) order.push_back(item.name);
          by_name[item.name].emplace_back(e, item);
        }
      }
      for (const auto& name : order) {
        auto& defs = by_name[name];
        Item first = defs.front().second;
        bool same = std::all_of(defs.begin(), defs.end(), [&](const auto& d) { return same_definition(d.second, first); });
        if (!same) {
          if constexpr (std::is_same_v<Item, model::Index>) {
            for (auto& [e, item] : defs) {
              item.dialects = {e};
              target.push_back(item);
            }
            continue;
          }
          diags_.error(first.loc, std::string(what) + " '" + name + "' is defined differently for " + defs.front().first +
                                      " and " + defs.back().first + "; the model has one definition per table");
          continue;
        }
        if (defs.size() < engines.size()) {
          if constexpr (std::is_same_v<Item, model::Index>) {
            if (per_dialect)
              for (const auto& d : defs) first.dialects.push_back(d.first);
          } else {
            diags_.note(first.loc, std::string(what) + " '" + name + "' is listed only for " + defs.front().first +
                                       "; it applies to every engine");
          }
        }
        target.push_back(first);
      }
    };
    merge(&EngineItems::uniques, t.uniques, "unique key", false);
    merge(&EngineItems::indexes, t.indexes, "index", true);
    merge(&EngineItems::fks, t.foreign_keys, "foreign key", false);
    merge(&EngineItems::checks, t.checks, "check", false);
  }
  static bool same_definition(const model::Key& a, const model::Key& b) { return a.columns == b.columns; }
  static bool same_definition(const model::Index& a, const model::Index& b) { return a.columns == b.columns && a.unique == b.unique; }
  static bool same_definition(const model::ForeignKey& a, const model::ForeignKey& b) {
    return a.columns == b.columns && a.ref_table == b.ref_table && a.ref_columns == b.ref_columns &&
           a.on_delete == b.on_delete && a.on_update == b.on_update;
  }
  static bool same_definition(const model::Check& a, const model::Check& b) { return a.expression == b.expression; }

  void read_views(Table& t, const MdBlock& b) {
    auto h = header_index(b);
    auto idx = [&](std::initializer_list<const char*> names) -> std::optional<std::size_t> {
      for (const char* n : names)
        if (auto it = h.find(n); it != h.end()) return it->second;
      return std::nullopt;
    };
    auto name_col = idx({"view", "name"});
    if (!name_col) {
      diags_.error(at(b.line), "the Views table has no 'View' header");
      return;
    }
    auto engine_col = idx({"engine"}), flags_col = idx({"flags"}), file_col = idx({"file", "link", "sql"});
    for (const auto& row : b.rows) {
      model::SourceLoc loc = at(row.line);
      std::string name = cell(row, name_col);
      if (name.empty()) {
        diags_.error(loc, "a view row without a name");
        continue;
      }
      auto view = std::find_if(t.views.begin(), t.views.end(), [&](const model::View& v) { return v.name == name; });
      if (view == t.views.end()) {
        t.views.push_back({name, "", {}, loc});
        view = t.views.end() - 1;
      }
      std::string engine_raw = cell(row, engine_col);
      if (engine_raw.empty()) continue;  // an engine-neutral entry: nothing but the name
      std::string engine = engine_name(engine_raw);
      if (engine.empty()) {
        diags_.warning(loc, "view '" + name + "': unknown engine '" + engine_raw + "'; row ignored");
        continue;
      }
      model::ViewVariant v;
      for (const auto& flag : split_list(cell(row, flags_col))) {
        auto eq = flag.find('=');
        std::string key = lower(trim(flag.substr(0, eq)));
        std::string value = eq == std::string::npos ? "" : trim(flag.substr(eq + 1));
        std::string upper_value = value;
        for (char& ch : upper_value) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (key == "algorithm") v.algorithm = upper_value;
        else if (key == "security" || key == "sql security") v.security = upper_value;
        else diags_.warning(loc, "view '" + name + "': unknown flag '" + flag + "' (known: algorithm=…, security=…)");
      }
      if (file_col && *file_col < row.cells.size()) {
        const MdCell& fc = row.cells[*file_col];
        v.link = fc.links.empty() ? fc.text : fc.links.front();
        std::replace(v.link.begin(), v.link.end(), '\\', '/');  // Windows-style links
      }
      if (view->variants.count(engine)) {
        diags_.error(loc, "view '" + name + "' is listed twice for " + engine);
        continue;
      }
      view->variants[engine] = v;
    }
  }

  // Markdown docs name no primary key: `id` NOT NULL whose description says
  // "primary key" becomes the key; failing that, a lone NOT NULL integer `id`.
  void infer_primary_key(Table& t) {
    if (t.primary_key) return;
    Column* id = t.find_column("id");
    if (!id || id->nullable) {
      diags_.warning(t.loc, "table '" + t.name + "' has no primary key; name one with `primary_key:` in a YAML overlay");
      return;
    }
    bool said = lower(id->description).find("primary key") != std::string::npos;
    if (!said && !id->type.is_integer()) {
      diags_.warning(t.loc, "table '" + t.name + "' has no primary key; name one with `primary_key:` in a YAML overlay");
      return;
    }
    t.primary_key = model::Key{"", {"id"}, id->loc};
    if (id->type.is_integer()) id->identity = true;
    diags_.note(id->loc, std::string("'") + t.name + ".id' taken as the " + (id->identity ? "identity " : "") +
                             "primary key (" + (said ? "its description says so" : "a NOT NULL integer named id") + ")");
  }

  // Column order follows the document, except that primary-key columns come
  // first: docs that sort rows alphabetically still give `id` first.
  static void order_columns(Table& t) {
    if (!t.primary_key) return;
    std::stable_partition(t.columns.begin(), t.columns.end(), [&](const Column& c) {
      return std::find(t.primary_key->columns.begin(), t.primary_key->columns.end(), c.name) != t.primary_key->columns.end();
    });
  }

  // ---- the SQL-block form ----------------------------------------------------

  bool sql_block_form(model::Schema& out, const MdBlock& code) {
    model::Schema parsed;
    if (!read_sql(src_, code.text, code.line, parsed, diags_)) return false;
    std::string title;
    for (const auto& b : blocks_)
      if (b.kind == MdBlock::Kind::heading && b.level == 1) {
        title = trim(b.text);
        break;
      }
    std::set<std::string> described;
    for (const auto& b : blocks_) {
      if (b.kind != MdBlock::Kind::table) continue;
      std::optional<std::size_t> name_col, desc_col;
      for (std::size_t i = 0; i < b.header.size(); ++i) {
        std::string r = header_role(b.header[i].text);
        if (r == "column") name_col = i;
        if (r == "description") desc_col = i;
      }
      if (!name_col || !desc_col) continue;
      for (const auto& row : b.rows) {
        std::string name = cell(row, name_col);
        Column* c = nullptr;
        for (auto& t : parsed.tables)
          if (!c) c = t.find_column(name);
        if (!c) {
          diags_.warning(at(row.line), "description for column '" + name + "', which the CREATE TABLE does not define");
          continue;
        }
        if (c->description.empty()) c->description = cell(row, desc_col);
        described.insert(name);
      }
    }
    for (auto& t : parsed.tables) {
      if (t.description.empty() && parsed.tables.size() == 1) t.description = title;
      for (auto& c : t.columns) {
        if (!described.count(c.name) && c.description.empty())
          diags_.note(c.loc, "column " + t.name + "." + c.name + " has no description");
        if (t.primary_key && t.primary_key->columns == std::vector<std::string>{c.name} &&
            (c.type.kind == model::TypeKind::uuid || (c.type.is_textual() && c.type.length == 36)) &&
            lower(c.description).find("uuid") != std::string::npos) {
          c.generate_uuid = true;
        }
      }
      t.sources = {src_.path()};
      out.tables.push_back(std::move(t));
    }
    return true;
  }

  static std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
  }

  const SourceText& src_;
  model::Diagnostics& diags_;
  std::vector<MdBlock> blocks_;
};

}  // namespace

bool read_markdown(const SourceText& src, model::Schema& out, model::Diagnostics& diags) {
  return MarkdownReader(src, diags).run(out);
}

}  // namespace sf::ingest
