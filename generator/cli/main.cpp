// The `schemaforge` command. Thin by design: it parses flags and calls the
// rooms under generator/; no behaviour lives here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "generator/cli/spec_pipeline.hpp"
#include "generator/model/json.hpp"

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

  CLI11_PARSE(app, argc, argv);

  std::vector<std::filesystem::path> paths(specs.begin(), specs.end());
  auto result = sf::cli::load_and_validate(paths);
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
  if (schema->parsed()) {
    print_diagnostics(result.diagnostics, false);
    if (failed) return 1;
    std::cout << sf::model::to_json_text(result.schema);
    return 0;
  }
  return 2;
}
