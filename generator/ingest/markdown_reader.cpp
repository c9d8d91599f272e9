#include "generator/ingest/markdown_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "generator/ingest/markdown_cells.hpp"
#include "generator/ingest/markdown_document.hpp"
#include "generator/ingest/sql_reader.hpp"
#include "generator/model/engines.hpp"
#include "generator/model/strings.hpp"

namespace sf::ingest {
namespace {

using model::Column;
using model::Table;

using model::join;
using model::lower;
using model::split_list;
using model::trim;

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
    project_engines_ = out.engines;
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

  // Where the walk through the document is: the section (and engine, and
  // `Label:` paragraph) the next block falls under, and what was seen so far.
  struct ColumnsWalk {
    std::string section, engine, label;
    bool have_title = false, have_columns = false;
    std::set<std::string> engines_seen;
  };

  bool columns_form(model::Schema& out) {
    const std::size_t errors_before = diags_.count(model::Severity::error);
    Table t;
    t.sources.push_back(src_.path());
    ColumnsWalk walk;
    for (const auto& b : blocks_) {
      if (!walk.have_title && !(b.kind == MdBlock::Kind::heading && b.level == 1)) {
        diags_.error(at(b.line), "the document must start with a `# table_name` heading naming the table");
        return false;
      }
      if (b.kind == MdBlock::Kind::heading) read_heading(t, b, walk);
      else read_section_block(t, b, walk);
    }
    if (!walk.have_title || t.name.empty()) {
      diags_.error(at(first_line()), "the document must start with a `# table_name` heading naming the table");
      return false;
    }
    if (!walk.have_columns) {
      diags_.error(t.loc, "table '" + t.name + "' has a `## Columns` heading but no columns table under it");
      return false;
    }
    merge_engines(t);
    fold_repeated_uniques(t);
    resolve_primary_key(t);
    order_columns(t);
    if (diags_.count(model::Severity::error) > errors_before) return false;
    out.tables.push_back(std::move(t));
    return true;
  }

  // `# table_name`, `## Section` or `### engine` (under Engine details): where the blocks after it belong.
  void read_heading(Table& t, const MdBlock& b, ColumnsWalk& walk) {
    walk.label.clear();
    if (b.level == 1 && !walk.have_title) {
      walk.have_title = true;
      t.name = trim(b.text);
      t.loc = at(b.line);
      static const std::regex ident(R"(^[A-Za-z_][A-Za-z0-9_$]*$)");
      if (!std::regex_match(t.name, ident))
        diags_.error(t.loc, "table name '" + t.name + "' in the `#` heading is not an identifier "
                            "(letters, digits and _ only; no spaces)");
      walk.section.clear();
    } else if (b.level == 2) {
      walk.section = lower(trim(b.text));
      walk.engine.clear();
      if (walk.section != "columns" && walk.section != "engine details" && walk.section != "engine differences" &&
          walk.section != "views")
        diags_.note(at(b.line), "section '" + trim(b.text) + "' is not part of the spec format; ignored");
    } else if (b.level == 3 && walk.section == "engine details") {
      walk.engine = model::canonical_engine(b.text);
      if (walk.engine.empty())
        diags_.warning(at(b.line), "unknown engine '" + trim(b.text) + "' (known: " + model::engine_list() + "); section ignored");
      else if (!walk.engines_seen.insert(walk.engine).second)
        diags_.error(at(b.line), "engine section '" + walk.engine + "' appears twice");
    }
  }

  // A block that is not a heading, read as the section it falls under says.
  void read_section_block(Table& t, const MdBlock& b, ColumnsWalk& walk) {
    if (walk.section.empty()) {
      if (read_directives(t, b)) return;
      if (b.kind == MdBlock::Kind::paragraph && t.description.empty()) t.description = b.text;
      return;
    }
    if (walk.section == "engine details" && !walk.engine.empty() &&
        (read_stated_key(walk.engine, b) || read_table_options(t, walk.engine, b)))
      return;
    if (b.kind == MdBlock::Kind::paragraph) {
      walk.label = lower(trim(b.text));
      if (!walk.label.empty() && walk.label.back() == ':') walk.label.pop_back();
      return;
    }
    if (b.kind != MdBlock::Kind::table) return;
    if (walk.section == "columns") {
      if (walk.have_columns) {
        diags_.error(at(b.line), "a second table under `## Columns`; put every column in one table");
        return;
      }
      walk.have_columns = true;
      read_columns(t, b);
    } else if (walk.section == "engine details" && !walk.engine.empty()) {
      read_engine_table(t, walk.engine, walk.label, b);
    } else if (walk.section == "views") {
      read_views(t, b);
    } else if (walk.section == "engine differences") {
      diags_.note(at(b.line), "tables under `## Engine differences` are documentation only; not read");
    }
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
      const std::string where = t.name + "." + c.name;
      if (!read_type_cell(where, cell(row, role("type")), c, diags_, project_engines_)) continue;
      if (!read_default_cell(where, cell(row, role("default")), c, diags_)) continue;
      t.columns.push_back(std::move(c));
    }
  }

  // -- engine sections: unique keys, indexes, foreign keys, checks, per engine --

  struct EngineItems {
    std::vector<model::Key> uniques;
    std::vector<model::Index> indexes;
    std::vector<model::ForeignKey> fks;
    std::vector<model::Check> checks;
  };
  std::map<std::string, EngineItems> engines_;
  std::vector<std::string> project_engines_;  // the project's target engines (schemaforge.yaml), empty: every engine
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
      if (kind != "foreign keys" && kind != "checks" && read_primary_key_row(engine, name, columns, cell(row, col("sql")), loc))
        continue;
      if (kind == "unique keys") {
        if (columns.empty()) diags_.error(loc, "unique key '" + name + "' lists no columns");
        model::Key k{name, columns, loc};
        if (const std::string sql = cell(row, col("sql")); !sql.empty()) read_unique_sql(k, sql, engine);
        items.uniques.push_back(std::move(k));
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
        // A Columns cell that names columns of the table and disagrees is a
        // conflict; one that does not parse as this table's column names
        // (`payloadjsonb_path_ops`, mangled by a doc generator) gives way to the SQL.
        const bool names_columns = std::all_of(columns.begin(), columns.end(), [&](const std::string& c) { return t.find_column(c); });
        if (names_columns) {
          diags_.error(loc, "index '" + name + "': the Columns cell says (" + join(columns) + ") but the SQL says (" +
                                join(sql_cols) + ")");
          return;
        }
        diags_.note(loc, "index '" + name + "': the Columns cell (" + join(columns) + ") does not name columns of " + t.name +
                             "; the columns are read from the SQL cell (" + join(sql_cols) + ")");
      }
      idx.columns = parsed->columns;
      idx.unique = parsed->unique;
      idx.method = parsed->method;
      idx.include = parsed->include;
      idx.nulls_not_distinct = parsed->nulls_not_distinct && !parsed->constraint;
      idx.where = parsed->where;
      // An access method or operator class is that engine's syntax: the index is that engine's alone.
      if (!idx.method.empty() || std::any_of(idx.columns.begin(), idx.columns.end(), [](const model::IndexColumn& c) { return !c.opclass.empty(); }))
        idx.dialects = {engine};
      if (parsed->constraint) {
        // A UNIQUE KEY / CONSTRAINT … UNIQUE listed among indexes is the unique key itself.
        auto same = std::find_if(items.uniques.begin(), items.uniques.end(), [&](const model::Key& k) { return k.name == name; });
        if (same == items.uniques.end()) items.uniques.push_back({name, sql_cols, loc, parsed->deferral, parsed->nulls_not_distinct});
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
    items.indexes.push_back(std::move(idx));
  }

  // A Unique keys row's SQL cell, `CONSTRAINT n UNIQUE [NULLS NOT DISTINCT]
  // (…) [DEFERRABLE …]`: what the Name and Columns cells cannot say.
  void read_unique_sql(model::Key& k, const std::string& sql, const std::string& engine) {
    std::string err;
    auto parsed = parse_index_sql(sql, err);
    if (!parsed || !parsed->constraint) {
      diags_.error(k.loc, "SQL of unique key '" + k.name + "' (" + engine + "): " +
                              (parsed ? "expected CONSTRAINT " + k.name + " UNIQUE (…) or UNIQUE KEY " + k.name + " (…)" : err));
      return;
    }
    std::vector<std::string> sql_cols;
    for (const auto& c : parsed->columns) sql_cols.push_back(c.name);
    if (parsed->name != k.name || sql_cols != k.columns) {
      diags_.error(k.loc, "unique key '" + k.name + "' (" + join(k.columns) + ") has SQL for '" + parsed->name + "' (" + join(sql_cols) +
                              "); make them agree");
      return;
    }
    k.deferral = parsed->deferral;
    k.nulls_not_distinct = parsed->nulls_not_distinct;
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
              for (const auto& d : defs)
                if (std::find(first.dialects.begin(), first.dialects.end(), d.first) == first.dialects.end())
                  first.dialects.push_back(d.first);
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
  static bool same_definition(const model::Index& a, const model::Index& b) {
    return a.columns == b.columns && a.unique == b.unique && a.method == b.method && a.dialects == b.dialects;
  }
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
      std::string engine = model::canonical_engine(engine_raw);
      if (engine.empty()) {
        diags_.warning(loc, "view '" + name + "': unknown engine '" + engine_raw + "'; row ignored");
        continue;
      }
      model::ViewVariant v;
      for (const auto& flag : split_list(cell(row, flags_col))) {
        auto eq = flag.find('=');
        std::string key = lower(trim(flag.substr(0, eq)));
        std::string value = eq == std::string::npos ? "" : trim(flag.substr(eq + 1));
        const std::string upper_value = model::upper(value);
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

  // -- primary keys: where a doc states them -----------------------------------

  // A key one engine section states, and where.
  struct StatedKey {
    std::vector<std::string> columns;
    model::SourceLoc loc;
  };
  std::map<std::string, StatedKey> engine_keys_;  // engine -> key its section states

  void state_key(const std::string& engine, std::vector<std::string> columns, const model::SourceLoc& loc) {
    auto [it, fresh] = engine_keys_.emplace(engine, StatedKey{columns, loc});
    if (!fresh && it->second.columns != columns)
      diags_.error(loc, "the " + engine + " section states primary key (" + join(columns) + ") here but (" +
                            join(it->second.columns) + ") at " + it->second.loc.str() + "; state it once");
  }

  // `Engines: postgres, mysql` and `Allow: reserved-word` in a paragraph
  // before the first section (one paragraph may hold both): the table's
  // target engines and the warnings it silences. Any other paragraph is not
  // a directive.
  bool read_directives(Table& t, const MdBlock& b) {
    if (b.kind != MdBlock::Kind::paragraph) return false;
    std::vector<std::string> words;
    std::string word;
    for (char c : b.text + " ") {
      if (std::isspace(static_cast<unsigned char>(c)) || c == ',') {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
      } else {
        word += c;
      }
    }
    auto key_of = [](const std::string& w) {
      const std::string k = lower(w);
      return k == "engines:" || k == "allow:" ? k.substr(0, k.size() - 1) : std::string{};
    };
    if (words.empty() || key_of(words.front()).empty()) return false;
    std::string key;
    std::vector<std::string> engines;
    for (const auto& w : words) {
      if (std::string k = key_of(w); !k.empty()) key = k;
      else if (key == "engines") engines.push_back(w);
      else t.allow.push_back(w);
    }
    if (key_of(words.front()) == "engines" || !engines.empty()) {
      std::vector<std::string> unknown;
      t.engines = model::canonical_engines(engines, unknown);
      for (const auto& u : unknown)
        diags_.error(at(b.line), "Engines: unknown engine '" + u + "' (known: " + model::engine_list() + ")");
      if (engines.empty()) diags_.error(at(b.line), "Engines: lists no engine; leave the line out to target the project's engines");
    }
    return true;
  }

  // `Table options: ENGINE=InnoDB ROW_FORMAT=DYNAMIC` (MySQL) or `Table
  // options: STRICT, WITHOUT ROWID` (SQLite) in that engine's section: what
  // its CREATE TABLE says after the columns.
  bool read_table_options(Table& t, const std::string& engine, const MdBlock& b) {
    static const std::regex said(R"(^\s*table\s+options\s*:\s*(.*)$)", std::regex::icase);
    std::smatch m;
    if (b.kind != MdBlock::Kind::paragraph || b.text.size() > 1024 || !std::regex_match(b.text, m, said)) return false;
    std::string error;
    const auto parsed = parse_table_options(m[1].str(), error);
    if (!parsed) {
      diags_.error(at(b.line), "Table options: " + error);
      return true;
    }
    for (const auto& [owner, options] : parsed->options) {
      if (owner != engine) {
        diags_.error(at(b.line), "Table options: " + options.begin()->first + " is " + owner +
                                     "'s option, not " + engine + "'s; write it under `### " + owner + "`");
        continue;
      }
      for (const auto& [option, value] : options) t.options[owner][option] = value;
    }
    if (!parsed->description.empty()) diags_.error(at(b.line), "Table options: COMMENT is the table's description; write it under the title");
    return true;
  }

  // `Primary key: a, b` in an engine section, or a ```sql block there holding
  // PRIMARY KEY (a, b) (ALTER TABLE … ADD PRIMARY KEY, a table constraint).
  bool read_stated_key(const std::string& engine, const MdBlock& b) {
    static const std::regex said(R"(^\s*primary\s+key\s*:\s*(.+)$)", std::regex::icase);
    std::smatch m;
    if (b.kind == MdBlock::Kind::paragraph && b.text.size() <= 1024 && std::regex_match(b.text, m, said)) {
      state_key(engine, key_columns(m[1].str()), at(b.line));
      return true;
    }
    if (b.kind != MdBlock::Kind::code) return false;
    auto key = primary_key_clause(b.text);
    if (!key) return false;
    const int line = b.line + 1 + static_cast<int>(std::count(b.text.begin(), b.text.begin() + static_cast<std::ptrdiff_t>(key->first), '\n'));
    state_key(engine, key_columns(key->second), at(line));
    return true;
  }

  // The first `PRIMARY KEY ( … )` in SQL text: where it starts, and what the
  // parentheses hold. Scanned by hand: a code block may be long.
  static std::optional<std::pair<std::size_t, std::string>> primary_key_clause(const std::string& sql) {
    const std::string folded = lower(sql);
    for (std::size_t at = folded.find("primary"); at != std::string::npos; at = folded.find("primary", at + 1)) {
      if (at > 0 && (std::isalnum(static_cast<unsigned char>(folded[at - 1])) || folded[at - 1] == '_')) continue;
      std::size_t i = at + 7;
      auto skip_space = [&] {
        while (i < folded.size() && std::isspace(static_cast<unsigned char>(folded[i]))) ++i;
      };
      skip_space();
      if (folded.compare(i, 3, "key") != 0) continue;
      i += 3;
      skip_space();
      if (i >= folded.size() || folded[i] != '(') continue;
      const std::size_t close = folded.find(')', i);
      if (close == std::string::npos) return std::nullopt;
      return std::pair{at, sql.substr(i + 1, close - i - 1)};
    }
    return std::nullopt;
  }

  // An index or unique-key row that is the primary key: named PRIMARY (as
  // MySQL names it), or whose SQL says PRIMARY KEY (…).
  bool read_primary_key_row(const std::string& engine, const std::string& name, const std::vector<std::string>& columns,
                            const std::string& sql, const model::SourceLoc& loc) {
    static const std::regex pk_sql(
        R"(^\s*(ALTER\s+TABLE\s+\S+\s+ADD\s+)?(CONSTRAINT\s+\S+\s+)?PRIMARY\s+KEY\s*\(([^)]*)\)\s*;?\s*$)", std::regex::icase);
    std::smatch m;
    const bool by_sql = sql.size() <= 1024 && std::regex_match(sql, m, pk_sql);
    if (!by_sql && lower(name) != "primary") return false;
    std::vector<std::string> cols = by_sql ? key_columns(m[3].str()) : columns;
    if (cols.empty()) {
      diags_.error(loc, "primary key row '" + name + "' (" + engine + ") lists no columns");
      return true;
    }
    state_key(engine, std::move(cols), loc);
    return true;
  }

  // "a, b", "(a, b)", "`a`, `b`" -> {a, b}
  static std::vector<std::string> key_columns(std::string text) {
    std::erase_if(text, [](char c) { return c == '`' || c == '"' || c == '(' || c == ')'; });
    return split_list(text);
  }

  // Docs state the primary key in one of three places, the most specific
  // first: an engine section (a row named PRIMARY, PRIMARY KEY (…) in its
  // SQL), the column descriptions ("(primary key)", "Surrogate primary
  // key."), and, failing both, a lone NOT NULL integer `id`.
  void resolve_primary_key(Table& t) {
    if (t.primary_key) return;
    const std::pair<const std::string, StatedKey>* engine_key = nullptr;
    for (const auto& e : engine_keys_) {
      if (!engine_key) {
        engine_key = &e;
      } else if (engine_key->second.columns != e.second.columns) {
        diags_.error(e.second.loc, "primary key of '" + t.name + "' is (" + join(e.second.columns) + ") for " + e.first + " but (" +
                                       join(engine_key->second.columns) + ") for " + engine_key->first +
                                       "; the model has one primary key per table");
        return;
      }
    }
    std::vector<std::string> described;
    for (const auto& c : t.columns)
      if (states_primary_key(c.description)) described.push_back(c.name);
    if (engine_key) {
      if (!described.empty() && described != engine_key->second.columns)
        diags_.warning(engine_key->second.loc, "primary key of '" + t.name + "': the " + engine_key->first + " section says (" +
                                                   join(engine_key->second.columns) + ") but the column descriptions say (" +
                                                   join(described) + "); the " + engine_key->first + " section wins");
      set_primary_key(t, engine_key->second.columns, engine_key->second.loc, "the " + engine_key->first + " section says so");
      return;
    }
    if (!described.empty()) {
      set_primary_key(t, described, t.find_column(described.front())->loc,
                      described.size() > 1 ? "their descriptions say so" : "its description says so");
      return;
    }
    const Column* id = t.find_column("id");
    if (!id || id->nullable || !id->type.is_integer()) {
      diags_.warning(t.loc, "table '" + t.name + "' has no primary key; name one with `primary_key:` in a YAML overlay, "
                            "or say \"(primary key)\" in the column's description");
      return;
    }
    set_primary_key(t, {"id"}, id->loc, "a NOT NULL integer named id");
  }

  // A lone integer key is database-generated where the doc implies it: an
  // `id`, or a description that says surrogate or auto-increment.
  void set_primary_key(Table& t, const std::vector<std::string>& columns, const model::SourceLoc& loc, const std::string& why) {
    t.primary_key = model::Key{"", columns, loc};
    Column* only = columns.size() == 1 ? t.find_column(columns.front()) : nullptr;
    if (only && only->type.is_integer()) {
      static const std::regex generated(R"(surrogate|auto[-_ ]?increment|identity|serial)", std::regex::icase);
      if (only->name == "id" || std::regex_search(only->description, generated)) only->identity = true;
    }
    const std::string what = only ? "'" + t.name + "." + only->name + "' taken as the " + (only->identity ? "identity " : "") + "primary key"
                                   : "(" + join(columns) + ") taken as the primary key of '" + t.name + "'";
    diags_.note(only ? only->loc : loc, what + " (" + why + ")");
  }

  // A unique key listed again as a UNIQUE index of the same name and columns
  // (once under Unique keys, once as CREATE UNIQUE INDEX) is one constraint.
  // The same name with other columns, or on a plain index, is a conflict.
  void fold_repeated_uniques(Table& t) {
    for (auto it = t.indexes.begin(); it != t.indexes.end();) {
      auto key = std::find_if(t.uniques.begin(), t.uniques.end(), [&](const model::Key& k) { return k.name == it->name; });
      if (key == t.uniques.end()) {
        ++it;
        continue;
      }
      std::vector<std::string> cols;
      bool plain = it->method.empty();
      for (const auto& c : it->columns) {
        cols.push_back(c.name);
        plain = plain && !c.descending && c.opclass.empty();
      }
      if (it->unique && plain && cols == key->columns) {
        diags_.note(it->loc, "unique index '" + it->name + "' repeats unique key '" + key->name + "' at " + key->loc.str() +
                                 "; read as one constraint");
        it = t.indexes.erase(it);
        continue;
      }
      diags_.error(it->loc, std::string(it->unique ? "unique index '" : "index '") + it->name + "' (" + join(cols) +
                                ") has the name of unique key '" + key->name + "' (" + join(key->columns) + ") at " +
                                key->loc.str() + "; give one of them another name, or make them the same");
      ++it;
    }
  }

  // Column order follows the document. A doc that does not start with a
  // primary-key column gets its primary-key columns first: docs that sort
  // rows alphabetically still give `id` first, and a doc that starts with
  // its key (a table written in its own order) keeps that order.
  static void order_columns(Table& t) {
    if (!t.primary_key || t.columns.empty()) return;
    const auto& key = t.primary_key->columns;
    if (std::find(key.begin(), key.end(), t.columns.front().name) != key.end()) return;
    std::stable_partition(t.columns.begin(), t.columns.end(), [&](const Column& c) {
      return std::find(t.primary_key->columns.begin(), t.primary_key->columns.end(), c.name) != t.primary_key->columns.end();
    });
  }

  // ---- the SQL-block form ----------------------------------------------------

  bool sql_block_form(model::Schema& out, const MdBlock& code) {
    model::Schema parsed;
    parsed.engines = out.engines;  // the project's: a one-engine project keeps its engine's own types here too
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
    for (auto& e : parsed.extensions) out.extensions.push_back(std::move(e));  // CREATE EXTENSION in the block
    return true;
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
