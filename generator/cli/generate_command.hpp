#pragma once
// `schemaforge generate`: specs -> generated files, or --check them, or
// --keep-going past invalid docs.
#include <CLI/CLI.hpp>

#include <functional>

namespace sf::cli {

std::function<int()> add_generate_command(CLI::App& app);

}  // namespace sf::cli
