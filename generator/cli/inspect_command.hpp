#pragma once
// `schemaforge inspect`: a live database as canonical JSON or a YAML spec.
#include <CLI/CLI.hpp>

#include <functional>

namespace sf::cli {

std::function<int()> add_inspect_command(CLI::App& app);

}  // namespace sf::cli
