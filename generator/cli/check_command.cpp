#include "generator/cli/check_command.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "generator/cli/diagnostics_output.hpp"
#include "generator/cli/project_defaults.hpp"
#include "generator/cli/spec_pipeline.hpp"
#include "generator/model/json.hpp"

namespace sf::cli {
namespace {

struct Flags {
  std::vector<std::string> specs;
  bool json = false, verbose = false;
};

void print_summary(const model::Schema& s) {
  std::size_t jobs = 0;
  for (const auto& t : s.tables) {
    if (t.job) ++jobs;
    std::cout << fmt::format("  {:<24} {:>2} columns  {:>2} indexes  {:>2} unique  {:>2} FKs  {:>2} views{}\n", t.name,
                             t.columns.size(), t.indexes.size(), t.uniques.size(), t.foreign_keys.size(), t.views.size(),
                             t.job ? "  job table (status: " + t.job->status_column + ")" : "");
  }
  std::cout << fmt::format("{} tables, {} job tables\n", s.tables.size(), jobs);
}

int check(const Flags& f) {
  const auto result = load_and_validate({f.specs.begin(), f.specs.end()});
  const bool failed = result.diagnostics.has_errors();
  if (f.json) {
    nlohmann::ordered_json o;
    o["ok"] = !failed;
    o["errors"] = result.diagnostics.count(model::Severity::error);
    o["warnings"] = result.diagnostics.count(model::Severity::warning);
    o["diagnostics"] = diagnostics_json(result.diagnostics);
    o["tables"] = failed ? nlohmann::ordered_json::array() : nlohmann::ordered_json(model::to_json(result.schema)["tables"]);
    std::cout << o.dump(2) << "\n";
    return failed ? 1 : 0;
  }
  print_diagnostics(result.diagnostics, f.verbose);
  if (!failed) print_summary(result.schema);
  std::cout << fmt::format("{} files: {} errors, {} warnings\n", result.files.size(), result.diagnostics.count(model::Severity::error),
                           result.diagnostics.count(model::Severity::warning));
  return failed ? 1 : 0;
}

int schema(const Flags& f) {
  const auto result = load_and_validate({f.specs.begin(), f.specs.end()});
  print_diagnostics(result.diagnostics, false);
  if (result.diagnostics.has_errors()) return 1;
  std::cout << model::to_json_text(result.schema);
  return 0;
}

}  // namespace

std::function<int()> add_check_command(CLI::App& app) {
  auto f = std::make_shared<Flags>();
  auto* check_cmd = app.add_subcommand("check", "Read and validate specs; print a summary of the model");
  check_cmd->add_option("--spec", f->specs, "Spec file or directory (repeatable; default: the project file's spec:)");
  check_cmd->add_flag("--json", f->json, "Diagnostics and summary as JSON");
  check_cmd->add_flag("-v,--verbose", f->verbose, "Also print notes");
  auto* schema_cmd = app.add_subcommand("schema", "Print the canonical JSON model of the specs");
  schema_cmd->add_option("--spec", f->specs, "Spec file or directory (repeatable; default: the project file's spec:)");
  return [=]() -> int {
    const char* name = check_cmd->parsed() ? "check" : schema_cmd->parsed() ? "schema" : nullptr;
    if (!name) return -1;
    return reporting_usage_errors(name, [&] {
      ProjectDefaults::load(f->specs).fill_specs(f->specs);
      return check_cmd->parsed() ? check(*f) : schema(*f);
    });
  };
}

}  // namespace sf::cli
