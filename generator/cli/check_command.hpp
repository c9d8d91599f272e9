#pragma once
// `schemaforge check` and `schemaforge schema`: read and validate the specs,
// then a summary (or JSON), or the canonical model.
#include <CLI/CLI.hpp>

#include <functional>

namespace sf::cli {

// Adds `check` and `schema`; the function runs whichever was given.
std::function<int()> add_check_command(CLI::App& app);

}  // namespace sf::cli
