// The `schemaforge` command. Thin by design: each subcommand's file parses
// its flags and calls one use case of the rooms under generator/.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <map>

#include "generator/cli/check_command.hpp"
#include "generator/cli/drift_command.hpp"
#include "generator/cli/generate_command.hpp"
#include "generator/cli/inspect_command.hpp"
#include "generator/cli/malloc_tuning.hpp"
#include "generator/cli/migrate_command.hpp"

int main(int argc, char** argv) {
  sf::cli::tune_malloc();
  CLI::App app{"schemaforge: table specs (markdown, YAML, SQL) to DDL, repositories, migrations and drift checks"};
  app.set_version_flag("--version", std::string("schemaforge ") + SCHEMAFORGE_VERSION);
  app.require_subcommand(1);
  const auto check = sf::cli::add_check_command(app);  // check and schema
  const std::map<std::string, std::function<int()>> commands = {
      {"check", check},
      {"schema", check},
      {"generate", sf::cli::add_generate_command(app)},
      {"migrate", sf::cli::add_migrate_command(app)},
      {"drift", sf::cli::add_drift_command(app)},
      {"inspect", sf::cli::add_inspect_command(app)},
  };
  CLI11_PARSE(app, argc, argv);
  for (const CLI::App* given : app.get_subcommands()) {
    auto run = commands.find(given->get_name());
    if (run == commands.end()) continue;
    // Each command reports what it expects to go wrong; this is the last line
    // of defence, so that nothing ends in std::terminate (exit 2: could not run).
    try {
      return run->second();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "schemaforge %s: error: %s\n", given->get_name().c_str(), e.what());
      return 2;
    }
  }
  return 2;
}
