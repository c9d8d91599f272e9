#include "generator/inspect/project_writer.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <stdexcept>

#include "generator/dialect/dialect.hpp"
#include "generator/ingest/loader.hpp"
#include "generator/ingest/markdown_reader.hpp"
#include "generator/ingest/yaml_reader.hpp"
#include "generator/model/generated_views.hpp"
#include "generator/inspect/markdown_writer.hpp"
#include "generator/model/strings.hpp"
#include "generator/model/yaml.hpp"

namespace sf::inspect {
namespace fs = std::filesystem;

namespace {

void write_whole(const fs::path& file, const std::string& text) {
  const fs::path temp = file.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
  }
  std::error_code ec;
  fs::rename(temp, file, ec);
  if (ec) throw std::runtime_error("cannot rename " + temp.string() + " to " + file.string() + ": " + ec.message());
}

// `extensions: [a, b]` and what it is for, or "" for a schema that uses none.
std::string extensions_entry(const model::Schema& s) {
  if (s.extensions.empty()) return {};
  std::string list;
  for (const auto& e : s.extensions) list += (list.empty() ? "" : ", ") + e;
  return "# The PostgreSQL extensions the schema uses (CREATE EXTENSION IF NOT EXISTS).\nextensions: [" + list + "]\n";
}

// The table without where it was read from: what two spec forms of it must agree on.
model::Table placeless(model::Table t) {
  t.loc = {};
  t.sources.clear();
  if (t.primary_key) t.primary_key->loc = {};
  auto clear = [](auto& items) {
    for (auto& i : items) i.loc = {};
  };
  clear(t.columns);
  clear(t.uniques);
  clear(t.indexes);
  clear(t.foreign_keys);
  clear(t.checks);
  clear(t.views);
  clear(t.triggers);
  return t;
}

// What first differs between two readings of a table, for the note that says why it stays YAML.
std::string first_difference(const model::Table& want, const model::Table& got) {
  std::vector<std::string> a, b;
  for (const auto& c : want.columns) a.push_back(c.name);
  for (const auto& c : got.columns) b.push_back(c.name);
  if (a != b) return "the columns come in another order (" + model::join(b) + ")";
  for (std::size_t i = 0; i < want.columns.size(); ++i)
    if (want.columns[i] != got.columns[i]) return "column " + want.columns[i].name + " reads otherwise";
  if (want.primary_key != got.primary_key) {
    auto key = [](const std::optional<model::Key>& k) { return k ? k->name + "(" + model::join(k->columns) + ")" : std::string("none"); };
    return "the primary key reads as " + key(got.primary_key) + ", not " + key(want.primary_key);
  }
  auto named = [](const auto& want_items, const auto& got_items, const char* what) -> std::string {
    for (const auto& g : got_items)
      if (std::none_of(want_items.begin(), want_items.end(), [&](const auto& w) { return w.name == g.name; }))
        return std::string(what) + " " + g.name + " is added";
    return want_items == got_items ? std::string{} : std::string(what) + "s read otherwise";
  };
  for (const std::string& why : {named(want.uniques, got.uniques, "unique key"), named(want.indexes, got.indexes, "index"),
                                 named(want.foreign_keys, got.foreign_keys, "foreign key"), named(want.checks, got.checks, "check"),
                                 named(want.views, got.views, "view"), named(want.triggers, got.triggers, "trigger")})
    if (!why.empty()) return why;
  return "the table's options, description or engines read otherwise";
}

// The table as its one spec file reads, before validation; nullopt with `why` where it does not read.
std::optional<model::Table> read_back(const std::string& path, const std::string& text, std::string& why) {
  ingest::LoadResult r = ingest::load_text(path, text);
  if (r.diagnostics.has_errors() || r.schema.tables.size() != 1) {
    why = "its YAML does not read back";
    return std::nullopt;
  }
  return std::move(r.schema.tables.front());
}

// A table's markdown doc and overlay, read back exactly as `want` (its YAML
// read back), or nullopt with `why`: the caller writes YAML instead.
struct MarkdownSpec {
  std::string doc, overlay;
};
std::optional<MarkdownSpec> markdown_spec(const model::Table& live, model::Table want, const std::string& engine,
                                          const std::optional<std::vector<std::string>>& project_views,
                                          const std::string& header_comment, std::string& why) {
  // What the project file says of generated views a doc need not repeat.
  if (project_views && want.generated_views == project_views) want.generated_views.reset();
  // That an identity stays signed (the YAML's `unsigned: false`) matters
  // only where integers have an UNSIGNED form; elsewhere the doc, which
  // cannot say it, would need an overlay for every table just to say it.
  if (!dialect::dialect_named(engine).spelling().has_unsigned_integers())
    for (auto& c : want.columns) c.keep_signed = false;
  MarkdownSpec spec{to_markdown_text(live, engine), {}};
  model::Schema read;
  read.engines = {engine};
  read.generated_views = project_views;
  model::Diagnostics diags;
  if (!ingest::read_markdown(ingest::SourceText("spec/" + live.name + ".md", spec.doc), read, diags) || read.tables.size() != 1) {
    auto error = std::find_if(diags.items().begin(), diags.items().end(),
                              [](const model::Diagnostic& d) { return d.severity == model::Severity::error; });
    why = "the markdown reader refuses it (" + (error == diags.items().end() ? std::string("no table") : error->message) + ")";
    return std::nullopt;
  }
  model::Table doc = placeless(read.tables.front());
  spec.overlay = model::to_yaml_overlay_text(want, doc, header_comment);
  if (!spec.overlay.empty()) {
    model::Schema scratch;
    std::vector<ingest::Overlay> overlays;
    if (!ingest::read_yaml(ingest::SourceText("spec/" + live.name + ".overlay.yaml", spec.overlay), scratch, overlays, diags)) {
      why = "its overlay does not read back";
      return std::nullopt;
    }
    for (const auto& o : overlays) o.apply(doc, diags);
  }
  if (diags.has_errors()) {
    why = "its overlay does not apply";
    return std::nullopt;
  }
  if (doc = placeless(doc); doc != want) {
    why = "the markdown form cannot say all of it: " + first_difference(want, doc);
    return std::nullopt;
  }
  return spec;
}

}  // namespace

WrittenProject write_project(const model::Schema& live, const std::string& engine, const fs::path& dir,
                             const std::string& header_comment, SpecForm form) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    throw std::runtime_error(dir.string() + " is not empty; inspect --out writes a new project into an empty or new folder");
  fs::create_directories(dir / "spec", ec);
  if (ec) throw std::runtime_error("cannot create " + (dir / "spec").string() + ": " + ec.message());

  WrittenProject out;
  // A database schemaforge did not create has none of generate's views:
  // said once in the project file, where every table agrees.
  std::optional<std::vector<std::string>> project_views;
  if (!live.tables.empty() &&
      std::all_of(live.tables.begin(), live.tables.end(), [](const model::Table& t) { return model::generated_view_roles(t) == std::vector<std::string>{}; }))
    project_views.emplace();
  write_whole(dir / "schemaforge.yaml", "# " + header_comment +
                                           "\n# The engines this project's tables run on.\nengines: [" + engine +
                                           "]\n# Where the commands find specs and migrations when not given --spec or --dir.\n"
                                           "spec: [spec]\nmigrations: migrations\n" + extensions_entry(live) +
                                           (project_views ? "# The views generate adds to each table: none, as in the database.\n"
                                                            "generated_views: []\n"
                                                          : ""));
  out.files.push_back("schemaforge.yaml");
  std::set<std::string> names;
  for (const auto& t : live.tables) names.insert(t.name);
  for (const auto& t : live.tables) {
    model::Schema one;
    one.tables.push_back(t);
    std::set<std::string> outside;  // FK targets this inspection left out (--tables)
    for (const auto& fk : t.foreign_keys)
      if (!names.count(fk.ref_table)) outside.insert(fk.ref_table);
    one.external_tables.assign(outside.begin(), outside.end());
    const std::string yaml = model::to_yaml_text(one, header_comment);
    if (form == SpecForm::markdown) {
      std::string why;
      std::optional<MarkdownSpec> md;
      if (auto want = read_back("spec/" + t.name + ".yaml", yaml, why)) md = markdown_spec(t, placeless(*want), engine, project_views, header_comment, why);
      if (md) {
        write_whole(dir / "spec" / (t.name + ".md"), md->doc);
        out.files.push_back("spec/" + t.name + ".md");
        std::string overlay = md->overlay;
        if (!one.external_tables.empty())
          overlay += (overlay.empty() ? "# " + header_comment + "\n" : "") + "external_tables: [" + model::join(one.external_tables) + "]\n";
        if (!overlay.empty()) {
          write_whole(dir / "spec" / (t.name + ".overlay.yaml"), overlay);
          out.files.push_back("spec/" + t.name + ".overlay.yaml");
        }
        continue;
      }
      out.yaml_instead.push_back(t.name + ": " + why);
    }
    const std::string file = "spec/" + t.name + ".yaml";
    write_whole(dir / file, yaml);
    out.files.push_back(file);
  }
  // Functions and procedures belong to no table: one file of their own,
  // named clear of every table's.
  if (!live.routines.empty()) {
    model::Schema routines;
    routines.routines = live.routines;
    std::string stem = "_routines";
    while (names.count(stem)) stem = "_" + stem;
    const std::string file = "spec/" + stem + ".yaml";
    write_whole(dir / file, model::to_yaml_text(routines, header_comment));
    out.files.push_back(file);
  }
  return out;
}

}  // namespace sf::inspect
