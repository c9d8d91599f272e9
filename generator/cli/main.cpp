// The `schemaforge` command. Thin by design: it parses flags and calls the
// rooms under generator/; no behaviour lives here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "generator/cli/malloc_tuning.hpp"
#include "generator/cli/drift_command.hpp"
#include "generator/cli/migrate_command.hpp"
#include "generator/inspect/inspect.hpp"
#include "generator/model/yaml.hpp"
#include "runtime/db/connection.hpp"
#include "generator/cli/spec_pipeline.hpp"
#include "generator/model/json.hpp"
#include "generator/render/generate.hpp"
#include "generator/render/template_engine.hpp"

namespace {

using sf::model::Severity;

void print_diagnostics(const sf::model::Diagnostics& d, bool verbose) {
  for (const auto& item : d.items())
    if (verbose || item.severity != Severity::note) std::cerr << item.str() << "\n";
}

nlohmann::ordered_json diagnostics_json(const sf::model::Diagnostics& d) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const auto& item : d.items()) {
    nlohmann::ordered_json o;
    o["severity"] = sf::model::to_string(item.severity);
    o["file"] = item.loc.file;
    o["line"] = item.loc.line;
    o["message"] = item.message;
    a.push_back(o);
  }
  return a;
}

void print_summary(const sf::model::Schema& s) {
  std::size_t jobs = 0;
  for (const auto& t : s.tables) {
    if (t.job) ++jobs;
    std::cout << fmt::format("  {:<24} {:>2} columns  {:>2} indexes  {:>2} unique  {:>2} FKs  {:>2} views{}\n", t.name,
                             t.columns.size(), t.indexes.size(), t.uniques.size(), t.foreign_keys.size(), t.views.size(),
                             t.job ? "  job table (status: " + t.job->status_column + ")" : "");
  }
  std::cout << fmt::format("{} tables, {} job tables\n", s.tables.size(), jobs);
}

}  // namespace

int main(int argc, char** argv) {
  sf::cli::tune_malloc();
  CLI::App app{"schemaforge: table specs (markdown, YAML, SQL) to DDL, repositories, migrations and drift checks"};
  app.set_version_flag("--version", std::string("schemaforge ") + SCHEMAFORGE_VERSION);
  app.require_subcommand(1);

  std::vector<std::string> specs;
  bool json = false, verbose = false;

  auto* check = app.add_subcommand("check", "Read and validate specs; print a summary of the model");
  check->add_option("--spec", specs, "Spec file or directory (repeatable)")->required();
  check->add_flag("--json", json, "Diagnostics and summary as JSON");
  check->add_flag("-v,--verbose", verbose, "Also print notes");

  auto* schema = app.add_subcommand("schema", "Print the canonical JSON model of the specs");
  schema->add_option("--spec", specs, "Spec file or directory (repeatable)")->required();

  std::string out_dir, templates_dir, dialects = sf::model::engine_list(",");
  bool check_only = false;
  auto* generate = app.add_subcommand("generate", "Render DDL, views, schema.json and docs from the specs");
  generate->add_option("--spec", specs, "Spec file or directory (repeatable)")->required();
  generate->add_option("--out", out_dir, "Output folder (e.g. generated)")->required();
  generate->add_option("--templates", templates_dir, "Template folder (default: templates/ of this checkout)");
  generate->add_option("--dialect", dialects, "Comma-separated dialects")->capture_default_str();
  unsigned render_threads = 0;
  generate->add_option("--threads", render_threads, "Rendering threads (default: one per core)")->check(CLI::Range(1, 64));
  generate->add_flag("--check", check_only, "Write nothing; exit 1 and list every file that is stale, missing or extra");
  generate->add_flag("-v,--verbose", verbose, "Also print notes");
  bool keep_going = false;
  generate->add_flag("--keep-going", keep_going,
                     "Write the outputs of every table whose spec (and FK targets) is valid, list the tables skipped; "
                     "the exit code is still 1");

  auto run_migrate = sf::cli::add_migrate_command(app);
  auto run_drift = sf::cli::add_drift_command(app);

  std::string dsn_text, table_pattern = "*";
  auto* inspect_cmd = app.add_subcommand("inspect", "Read a live database's schema into the model (canonical JSON)");
  inspect_cmd->add_option("--dsn", dsn_text, "postgresql://…, mysql://… or sqlite:path (default: $SCHEMAFORGE_DSN)");
  inspect_cmd->add_option("--tables", table_pattern, "Glob over table names")->capture_default_str();
  inspect_cmd->add_flag("--json", json, "Canonical JSON (the default)");
  bool yaml = false;
  inspect_cmd->add_flag("--yaml", yaml, "A YAML spec that reads back in to the same schema");

  CLI11_PARSE(app, argc, argv);
  if (app.got_subcommand("migrate")) return run_migrate();
  if (app.got_subcommand("drift")) return run_drift();
  if (inspect_cmd->parsed()) {
    try {
      if (dsn_text.empty())
        if (const char* env = std::getenv("SCHEMAFORGE_DSN")) dsn_text = env;
      if (dsn_text.empty()) throw std::invalid_argument("no database: pass --dsn or set SCHEMAFORGE_DSN");
      auto conn = sf::db::connect(dsn_text);
      auto live = sf::inspect::inspect(*conn, {table_pattern});
      if (yaml)
        std::cout << sf::model::to_yaml_text(live, "Read from " + conn->dsn().redacted() + " by `schemaforge inspect --yaml`");
      else
        std::cout << sf::model::to_json_text(live);
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "inspect: " << e.what() << "\n";
      return 2;
    }
  }

  std::vector<std::filesystem::path> paths(specs.begin(), specs.end());
  const bool partial = generate->parsed() && keep_going;
  sf::cli::ValidPart loaded = partial ? sf::cli::load_valid_part(paths) : sf::cli::ValidPart{sf::cli::load_and_validate(paths), {}, true};
  auto& result = loaded.loaded;
  const bool failed = result.diagnostics.has_errors();

  if (check->parsed()) {
    if (json) {
      nlohmann::ordered_json o;
      o["ok"] = !failed;
      o["errors"] = result.diagnostics.count(Severity::error);
      o["warnings"] = result.diagnostics.count(Severity::warning);
      o["diagnostics"] = diagnostics_json(result.diagnostics);
      o["tables"] = failed ? nlohmann::ordered_json::array() : nlohmann::ordered_json(sf::model::to_json(result.schema)["tables"]);
      std::cout << o.dump(2) << "\n";
      return failed ? 1 : 0;
    }
    print_diagnostics(result.diagnostics, verbose);
    if (!failed) print_summary(result.schema);
    std::cout << fmt::format("{} files: {} errors, {} warnings\n", result.files.size(),
                             result.diagnostics.count(Severity::error), result.diagnostics.count(Severity::warning));
    return failed ? 1 : 0;
  }
  if (generate->parsed()) {
    print_diagnostics(result.diagnostics, false);
    if (failed && !(partial && loaded.complete)) {
      std::cerr << (partial ? "generate --keep-going: an error above belongs to no one table; nothing written\n"
                            : "generate: specs have errors; nothing written (--keep-going writes the valid tables)\n");
      return 1;
    }
    for (const auto& s : loaded.skipped) std::cerr << "generate --keep-going: skipped " << s << "\n";
    sf::render::GenerateOptions opts;
    opts.templates_dir = !templates_dir.empty() ? std::filesystem::path(templates_dir)
                         : std::filesystem::is_directory("templates") ? std::filesystem::path("templates")
                                                                      : std::filesystem::path(SCHEMAFORGE_TEMPLATES_DIR);
    opts.dialects.clear();
    for (auto part : CLI::detail::split(dialects, ',')) opts.dialects.push_back(CLI::detail::trim_copy(part));
    opts.sources = result.files;
    if (failed)  // --keep-going: the headers name the files the written tables come from
      std::erase_if(opts.sources, [&](const std::string& f) {
        return std::none_of(result.schema.tables.begin(), result.schema.tables.end(), [&](const sf::model::Table& t) {
          return std::find(t.sources.begin(), t.sources.end(), f) != t.sources.end();
        });
      });
    opts.threads = render_threads;
    sf::model::Diagnostics render_diags;
    sf::render::OutputSet outputs;
    try {
      outputs = sf::render::generate(result.schema, opts, render_diags);
    } catch (const std::exception& e) {  // template errors, unknown dialects
      std::cerr << "generate: " << e.what() << "\n";
      return 2;
    }
    print_diagnostics(render_diags, verbose);
    if (check_only) {
      auto diffs = sf::render::check_outputs(outputs, out_dir);
      for (const auto& d : diffs) std::cout << sf::render::to_string(d.kind) << ": " << out_dir << "/" << d.path << "\n";
      if (!diffs.empty()) {
        std::cerr << fmt::format("generate --check: {} file(s) differ from the specs; run `schemaforge generate --out {}` and commit\n",
                                 diffs.size(), out_dir);
        return 1;
      }
      std::cout << fmt::format("generate --check: {} files up to date\n", outputs.files.size());
      return failed ? 1 : 0;
    }
    auto written = sf::render::write_outputs(outputs, out_dir);
    for (const auto& w : written) std::cout << "wrote " << out_dir << "/" << w << "\n";
    std::cout << fmt::format("generate: {} files, {} written, {} unchanged\n", outputs.files.size(), written.size(),
                             outputs.files.size() - written.size());
    if (failed)
      std::cerr << fmt::format("generate --keep-going: {} of the specs' tables written, {} skipped; exit 1 until every spec is valid\n",
                               result.schema.tables.size(), loaded.skipped.size());
    return failed ? 1 : 0;
  }
  if (schema->parsed()) {
    print_diagnostics(result.diagnostics, false);
    if (failed) return 1;
    std::cout << sf::model::to_json_text(result.schema);
    return 0;
  }
  return 2;
}
