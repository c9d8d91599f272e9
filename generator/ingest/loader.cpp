#include "generator/ingest/loader.hpp"

#include <algorithm>
#include <cctype>
#include <deque>

#include "generator/dialect/dialect.hpp"
#include "generator/ingest/markdown_reader.hpp"
#include "generator/ingest/project_file.hpp"
#include "generator/ingest/source_text.hpp"
#include "generator/ingest/sql_reader.hpp"
#include "generator/ingest/yaml_reader.hpp"
#include "generator/model/strings.hpp"

namespace sf::ingest {
namespace fs = std::filesystem;

SpecFormat format_of(const fs::path& p) {
  const std::string ext = model::lower(p.extension().string());
  if (ext == ".md" || ext == ".markdown") return SpecFormat::markdown;
  if (ext == ".yaml" || ext == ".yml") return SpecFormat::yaml;
  if (ext == ".sql") return SpecFormat::sql;
  return SpecFormat::unknown;
}

namespace {

// A one-engine project's SQL says each column's exact type: the reader
// pins it as written, and here it stays pinned only where the model's
// logical type would write another type on that engine (PostgreSQL
// `timestamp`, which the logical timestamp writes as timestamptz; MySQL
// `mediumtext`, `binary(16)`) — the rule inspect applies to a catalogue's
// types, so a dump read as a spec and the database it came from agree.
void keep_written_types(model::Schema& part) {
  if (part.engines.size() != 1) return;
  const std::string& engine = part.engines.front();
  dialect::ExactTypes written;
  for (auto& t : part.tables)
    for (auto& c : t.columns)
      if (auto pin = c.native_types.find(engine); pin != c.native_types.end()) {
        written[t.name][c.name] = pin->second;
        c.native_types.erase(pin);
      }
  dialect::dialect_named(engine).inspector().pin_exact_types(part, written);
}

// A one-engine project on an engine that cuts a long name (PostgreSQL:
// to 63 bytes, at a character's end) rather than refusing it: a
// constraint's or index's name in the model is the one the catalogue will
// hold, and a warning says so. Tables and columns, which other names
// refer to, are still held to the limit by check.
void cut_long_names(model::Schema& part, model::Diagnostics& diags) {
  if (part.engines.size() != 1) return;
  const auto& spelling = dialect::dialect_named(part.engines.front()).spelling();
  const std::size_t max = spelling.max_identifier_bytes();
  if (!spelling.truncates_long_identifiers() || max == 0) return;
  auto cut = [&](std::string& name, const model::SourceLoc& loc, const std::string& what) {
    if (name.size() <= max) return;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;  // inside a UTF-8 character
    diags.warning(loc, what + " '" + name + "' is " + std::to_string(name.size()) + " bytes; " + part.engines.front() + " keeps its first " +
                           std::to_string(end) + ", '" + name.substr(0, end) + "', and so does the model. Name it so to silence this");
    name.resize(end);
  };
  for (auto& t : part.tables) {
    if (t.primary_key) cut(t.primary_key->name, t.primary_key->loc, "primary key name");
    for (auto& k : t.uniques) cut(k.name, k.loc, "unique key name");
    for (auto& i : t.indexes) cut(i.name, i.loc, "index name");
    for (auto& f : t.foreign_keys) cut(f.name, f.loc, "foreign key name");
    for (auto& c : t.checks) cut(c.name, c.loc, "check name");
  }
}

// Holds every source until overlays have run (their closures point into them).
class Assembly {
 public:
  explicit Assembly(LoadResult& r) : r_(r) {}

  void add(std::optional<SourceText> src, SpecFormat format) {
    if (!src) return;
    sources_.push_back(std::move(*src));
    const SourceText& s = sources_.back();
    model::Schema part;
    part.engines = r_.schema.engines;  // readers may keep types native to a one-engine project
    const std::size_t errors_before = r_.diagnostics.count(model::Severity::error);
    switch (format) {
      case SpecFormat::markdown: read_markdown(s, part, r_.diagnostics); break;
      case SpecFormat::yaml: read_yaml(s, part, overlays_, r_.diagnostics); break;
      case SpecFormat::sql: read_sql(s, s.text(), 1, part, r_.diagnostics); break;
      case SpecFormat::unknown: break;
    }
    if (format == SpecFormat::sql || format == SpecFormat::markdown) keep_written_types(part);  // markdown: its SQL blocks
    cut_long_names(part, r_.diagnostics);
    for (auto& t : part.tables) {
      if (const model::Table* prev = r_.schema.find_table(t.name)) {
        r_.diagnostics.error(t.loc, "table '" + t.name + "' is already defined at " + prev->loc.str() +
                                        "; define it once and patch it with a YAML overlay");
        continue;
      }
      r_.schema.tables.push_back(std::move(t));
    }
    for (auto& e : part.external_tables) r_.schema.external_tables.push_back(std::move(e));
    for (auto& e : part.extensions) r_.schema.extensions.push_back(std::move(e));
    for (auto& routine : part.routines) add_routine(std::move(routine));
    if (r_.diagnostics.count(model::Severity::error) > errors_before && part.tables.empty()) r_.rejected_files.push_back(s.path());
  }

  // A routine whose name another has already is an overload (PostgreSQL:
  // one name, other parameters): both are then known by name(parameters),
  // as inspect knows them. The same name and parameters twice is an error.
  void add_routine(model::Routine routine) {
    for (auto& prev : r_.schema.routines) {
      if (base_name(prev.name) != base_name(routine.name)) continue;
      if (prev.name == base_name(prev.name)) prev.name = with_parameters(prev);
      if (routine.name == base_name(routine.name)) routine.name = with_parameters(routine);
    }
    for (const auto& prev : r_.schema.routines)
      if (prev.name == routine.name) {
        r_.diagnostics.error(routine.loc, "routine '" + routine.name + "' is already defined at " + prev.loc.str() +
                                              "; define it once (an overload needs other parameters)");
        return;
      }
    r_.schema.routines.push_back(std::move(routine));
  }

  static std::string base_name(const std::string& name) { return name.substr(0, name.find('(')); }

  // name(parameters) from the routine's statement (any engine's: only one engine overloads).
  static std::string with_parameters(const model::Routine& r) {
    std::string error;
    for (const auto& [engine, sql] : r.sql)
      if (auto code = parse_code_statement(sql, error)) return r.name + "(" + code->parameters + ")";
    return r.name;
  }

  void finish() {
    for (const auto& o : overlays_) {
      model::Table* t = r_.schema.find_table(o.table);
      if (!t && !r_.rejected_files.empty()) {
        // Most likely the table of a file its own errors kept out; those errors fail the run already.
        r_.diagnostics.warning(o.loc, "overlay for table '" + o.table + "', which no spec defines; skipped (a spec with errors may "
                                      "define it: " + r_.rejected_files.front() + (r_.rejected_files.size() > 1 ? ", …" : "") + ")");
        continue;
      }
      if (!t) {
        r_.diagnostics.error(o.loc, "overlay for table '" + o.table + "', which no spec defines");
        continue;
      }
      o.apply(*t, r_.diagnostics);
    }
    model::canonicalize(r_.schema);
  }

 private:
  LoadResult& r_;
  std::deque<SourceText> sources_;
  std::vector<Overlay> overlays_;
};

bool skipped(const fs::path& p) {
  std::string name = p.filename().string();
  if (name.empty() || name[0] == '.' || name == project_file_name) return true;
  return model::upper(name).rfind("README", 0) == 0;  // a folder's README describes it; it is not a table
}

}  // namespace

LoadResult load_specs(const std::vector<fs::path>& paths) {
  LoadResult r;
  if (auto project = find_project_file(paths)) {
    Project p = read_project_file(*project, r.diagnostics);
    r.project_file = p.file;
    r.schema.engines = std::move(p.engines);
    r.schema.generated_views = std::move(p.generated_views);
    r.schema.extensions = std::move(p.extensions);
  }
  std::vector<fs::path> files;
  for (const auto& root : paths) {
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (skipped(it->path())) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file()) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      for (auto& f : found) {
        if (format_of(f) == SpecFormat::unknown) {
          r.diagnostics.note({f.lexically_normal().generic_string(), 0}, "not a spec file (.md, .yaml, .yml, .sql); skipped");
          continue;
        }
        files.push_back(f);
      }
    } else if (fs::is_regular_file(root, ec)) {
      if (root.filename() == project_file_name)
        r.diagnostics.error({root.generic_string(), 0}, std::string("the project file is found, not given: pass the folder of specs "
                                                                    "beside or below it as --spec"));
      else if (format_of(root) == SpecFormat::unknown)
        r.diagnostics.error({root.generic_string(), 0}, "unknown spec format; name it .md, .yaml, .yml or .sql");
      else
        files.push_back(root);
    } else {
      r.diagnostics.error({root.generic_string(), 0}, "no such file or directory");
    }
  }
  Assembly a(r);
  for (const auto& f : files) {
    std::string shown = f.lexically_normal().generic_string();
    r.files.push_back(shown);
    a.add(read_source(f, shown, r.diagnostics), format_of(f));
  }
  a.finish();
  return r;
}

LoadResult load_text(const std::string& display_path, std::string bytes) {
  LoadResult r;
  SpecFormat f = format_of(display_path);
  if (f == SpecFormat::unknown) {
    r.diagnostics.error({display_path, 0}, "unknown spec format; name it .md, .yaml, .yml or .sql");
    return r;
  }
  r.files.push_back(display_path);
  Assembly a(r);
  a.add(check_source(display_path, std::move(bytes), r.diagnostics), f);
  a.finish();
  return r;
}

}  // namespace sf::ingest
