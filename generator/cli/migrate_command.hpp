#pragma once
// `schemaforge migrate new|up|down|status|validate|force|hash`.
#include <CLI/CLI.hpp>

#include <functional>

namespace sf::cli {

// Registers the subcommand; the returned function runs whichever was parsed
// and returns the process exit code.
std::function<int()> add_migrate_command(CLI::App& app);

}  // namespace sf::cli
