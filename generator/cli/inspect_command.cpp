#include "generator/cli/inspect_command.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "generator/cli/project_defaults.hpp"
#include "generator/inspect/inspect.hpp"
#include "generator/inspect/project_writer.hpp"
#include "generator/model/json.hpp"
#include "generator/model/yaml.hpp"
#include "runtime/db/connection.hpp"

namespace sf::cli {
namespace {

struct Flags {
  std::string dsn, env, tables = "*", out, format = "yaml";
  bool json = false, yaml = false;
};

int run(Flags f) {
  try {
    f.dsn = ProjectDefaults::load({}).dsn(f.dsn, f.env);
    auto conn = db::connect(f.dsn);
    auto live = inspect::inspect(*conn, {f.tables});
    if (!f.out.empty()) {
      const std::string engine(db::to_string(conn->engine()));
      const auto form = f.format == "markdown" ? inspect::SpecForm::markdown : inspect::SpecForm::yaml;
      const auto written =
          inspect::write_project(live, engine, f.out, "Read from " + conn->dsn().redacted() + " by `schemaforge inspect --out`", form);
      for (const auto& file : written.files) std::cout << "wrote " << (std::filesystem::path(f.out) / file).generic_string() << "\n";
      for (const auto& why : written.yaml_instead) std::cout << "inspect: written as YAML, not markdown: " << why << "\n";
      std::cout << "inspect: " << live.tables.size() << " tables written as a project; check it with `schemaforge check --spec "
                << (std::filesystem::path(f.out) / "spec").generic_string() << "`\n";
      return 0;
    }
    if (f.yaml)
      std::cout << model::to_yaml_text(live, "Read from " + conn->dsn().redacted() + " by `schemaforge inspect --yaml`");
    else
      std::cout << model::to_json_text(live);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "inspect: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace

std::function<int()> add_inspect_command(CLI::App& app) {
  auto f = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand("inspect", "Read a live database's schema into the model (canonical JSON)");
  cmd->add_option("--dsn", f->dsn, "postgresql://…, mysql://… or sqlite:path (default: --env's, else $SCHEMAFORGE_DSN)");
  cmd->add_option("--env", f->env, "An environment of the project file: its DSN");
  cmd->add_option("--tables", f->tables, "Glob over table names")->capture_default_str();
  cmd->add_flag("--json", f->json, "Canonical JSON (the default)");
  cmd->add_flag("--yaml", f->yaml, "A YAML spec that reads back in to the same schema");
  cmd->add_option("--out", f->out, "Write a new project into this empty folder: schemaforge.yaml and spec/<table>.yaml");
  cmd->add_option("--format", f->format,
                  "With --out: yaml (spec/<table>.yaml) or markdown (spec/<table>.md in the columns-table form, and "
                  "spec/<table>.overlay.yaml for what a doc cannot say)")
      ->check(CLI::IsMember({"yaml", "markdown"}))
      ->capture_default_str();
  return [=]() -> int { return cmd->parsed() ? run(*f) : -1; };
}

}  // namespace sf::cli
