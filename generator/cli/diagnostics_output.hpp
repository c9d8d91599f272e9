#pragma once
// How every command shows diagnostics: compiler-style lines on stderr, or JSON.
#include <nlohmann/json.hpp>

#include "generator/model/diagnostic.hpp"

namespace sf::cli {

// "file:line: severity: message", notes only when `verbose`.
void print_diagnostics(const model::Diagnostics& d, bool verbose);
// [{severity, file, line, message}]
[[nodiscard]] nlohmann::ordered_json diagnostics_json(const model::Diagnostics& d);

}  // namespace sf::cli
