#pragma once
// `schemaforge drift`: live database vs specs, for CI.
#include <CLI/CLI.hpp>

#include <functional>

namespace sf::cli {

std::function<int()> add_drift_command(CLI::App& app);

}  // namespace sf::cli
