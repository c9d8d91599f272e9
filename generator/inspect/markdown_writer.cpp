// The columns-table form, written the way the markdown reader reads it
// (generator/ingest/markdown_reader.cpp): cells on one line with `|`
// escaped, a type pinned for the engine as its `engine: TYPE` half, an
// identity as the Type cell's AUTO_INCREMENT, the primary key stated in the
// engine section (which outranks what the reader would infer from
// descriptions), and every constraint in that one section, so each is the
// table's on its engine.
#include "generator/inspect/markdown_writer.hpp"

#include <algorithm>

#include "generator/dialect/dialect.hpp"
#include "generator/model/strings.hpp"
#include "generator/model/yaml.hpp"

namespace sf::inspect {
namespace {

// A cell's text on one line, its pipes escaped (GFM tables).
std::string cell(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '\n' || ch == '\r') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (ch == '|') {
      out += "\\|";
    } else {
      out += ch;
    }
  }
  return model::trim(out);
}

std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += " " + cell(c) + " |";
  return out + "\n";
}

std::string table_head(const std::vector<std::string>& headers) {
  std::string out = row(headers) + "|";
  for (std::size_t i = 0; i < headers.size(); ++i) out += " --- |";
  return out + "\n";
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char ch : text) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

std::string default_text(const model::DefaultValue& d) {
  using K = model::DefaultValue::Kind;
  switch (d.kind) {
    case K::none: return {};
    case K::null: return "NULL";
    case K::string: return quoted(d.text);
    case K::boolean: return d.text == "true" ? "TRUE" : "FALSE";
    case K::number:
    case K::expression: return d.text;
  }
  return {};
}

std::string type_cell(const model::Column& c, const std::string& engine) {
  const auto pinned = c.native_types.find(engine);
  std::string type = pinned != c.native_types.end() ? engine + ": " + pinned->second : model::to_string(c.type);
  if (pinned == c.native_types.end() && c.is_unsigned) type += " unsigned";
  if (c.identity) type += " AUTO_INCREMENT";
  if (c.invisible) type += " INVISIBLE";
  return type;
}

std::string default_cell(const model::Column& c) {
  if (c.generated) return "GENERATED ALWAYS AS (" + c.generated->expression + ")" + (c.generated->stored ? " STORED" : " VIRTUAL");
  if (c.native_defaults.empty()) return default_text(c.default_value);
  std::string out;
  for (const auto& [engine, d] : c.native_defaults) out += (out.empty() ? "" : " / ") + engine + ": " + default_text(d);
  return out;
}

std::string columns_section(const model::Table& t, const std::string& engine) {
  std::string out = "## Columns\n" + table_head({"Column", "Type", "Null", "Default", "Description"});
  for (const auto& c : t.columns)
    out += row({c.name, type_cell(c, engine), c.nullable ? "YES" : "NO", default_cell(c), c.description});
  return out;
}

// A name in a SQL cell: as it is, or in double quotes where the engine would
// quote it (a hyphen, a reserved word). Never in MySQL's backquotes, which
// markdown reads as a code span and drops.
std::string sql_name(const std::string& name, const dialect::Dialect& d) {
  if (d.quote(name) == name) return name;
  std::string out = "\"";
  for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// CREATE INDEX as the SQL reader takes it, so the doc's SQL cell reads back.
std::string index_sql(const model::Table& t, const model::Index& i, const dialect::Dialect& d) {
  std::vector<std::string> parts;
  for (const auto& p : i.columns) {
    if (!p.expression.empty()) {
      parts.push_back(model::to_string(p));
      continue;
    }
    model::IndexColumn rest = p;  // length, operator class and order, as to_string writes them
    rest.name.clear();
    parts.push_back(sql_name(p.name, d) + model::to_string(rest));
  }
  std::vector<std::string> include;
  for (const auto& c : i.include) include.push_back(sql_name(c, d));
  return std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + "INDEX " + sql_name(i.name, d) + " ON " + sql_name(t.name, d) +
         (i.method.empty() ? "" : " USING " + i.method) + " (" + model::join(parts) + ")" +
         (include.empty() ? "" : " INCLUDE (" + model::join(include) + ")") + (i.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") +
         (i.where.empty() ? "" : " WHERE " + i.where);
}

// CONSTRAINT n UNIQUE [NULLS NOT DISTINCT] (…) [DEFERRABLE …], as the Unique keys SQL cell reads it.
std::string unique_sql(const model::Table& t, const model::Key& k, const dialect::Dialect& d) {
  std::vector<std::string> cols;
  for (const auto& c : k.columns) cols.push_back(sql_name(c, d));
  const std::string_view deferral = model::to_sql(k.deferral);
  return "CONSTRAINT " + sql_name(model::spec_name(t, k), d) + " UNIQUE" + (k.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") + " (" +
         model::join(cols) + ")" + (deferral.empty() ? "" : " " + std::string(deferral));
}

std::string actions(const model::ForeignKey& f) {
  std::string out;
  if (f.on_delete != model::FkAction::no_action) out = "ON DELETE " + std::string(model::to_string(f.on_delete));
  if (f.on_update != model::FkAction::no_action)
    out += (out.empty() ? "" : " ") + std::string("ON UPDATE ") + std::string(model::to_string(f.on_update));
  return out;
}

// `### engine`: what its CREATE TABLE says beside the columns.
std::string engine_section(const model::Table& t, const std::string& engine) {
  const dialect::Dialect& d = dialect::dialect_named(engine);
  std::string out = "### " + engine + "\n\n";
  if (t.primary_key) out += "Primary key: " + model::join(t.primary_key->columns) + "\n\n";
  model::Table without_comment = t;  // the description is the doc's first paragraph, not an option
  without_comment.description.clear();
  if (const std::string options = d.create().table_options(without_comment); !options.empty())
    out += "Table options: " + options + "\n\n";
  if (!t.uniques.empty()) {
    // An SQL cell only where a key says more than its columns (DEFERRABLE, NULLS NOT DISTINCT).
    const bool sql = std::any_of(t.uniques.begin(), t.uniques.end(),
                                 [](const model::Key& k) { return k.deferral != model::Deferral::none || k.nulls_not_distinct; });
    out += "Unique keys:\n\n" + (sql ? table_head({"Name", "Columns", "SQL"}) : table_head({"Name", "Columns"}));
    for (const auto& k : t.uniques) {
      std::vector<std::string> cells = {model::spec_name(t, k), model::join(k.columns, ",")};
      if (sql) cells.push_back(unique_sql(t, k, d));
      out += row(cells);
    }
    out += "\n";
  }
  if (!t.indexes.empty()) {
    out += "Indexes:\n\n" + table_head({"Name", "Columns", "SQL"});
    for (const auto& i : t.indexes) {
      // The Columns cell names plain columns only; with an expression part the SQL cell alone says what is indexed.
      std::vector<std::string> names;
      for (const auto& p : i.columns) names.push_back(p.name);
      const bool plain = std::none_of(names.begin(), names.end(), [](const std::string& n) { return n.empty(); });
      out += row({i.name, plain ? model::join(names, ",") : std::string{}, index_sql(t, i, d)});
    }
    out += "\n";
  }
  if (!t.foreign_keys.empty()) {
    out += "Foreign keys:\n\n" + table_head({"Name", "Columns", "References", "Actions"});
    for (const auto& f : t.foreign_keys)
      out += row({f.name, model::join(f.columns, ","), f.ref_table + "(" + model::join(f.ref_columns, ", ") + ")", actions(f)});
    out += "\n";
  }
  if (!t.checks.empty()) {
    out += "Checks:\n\n" + table_head({"Name", "Expression"});
    for (const auto& c : t.checks) out += row({c.name, c.expression});
    out += "\n";
  }
  return out;
}

}  // namespace

std::string to_markdown_text(const model::Table& t, const std::string& engine) {
  std::string out = "# " + t.name + "\n\n";
  if (!t.description.empty()) out += cell(t.description) + "\n\n";
  out += columns_section(t, engine) + "\n## Engine Details\n\n" + engine_section(t, engine);
  while (out.size() > 1 && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

}  // namespace sf::inspect
