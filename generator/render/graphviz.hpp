#pragma once
// Runs Graphviz `dot` to turn a DOT graph into SVG, when dot is installed.
#include <optional>
#include <string>

namespace sf::render {

[[nodiscard]] bool graphviz_available();
// nullopt when dot is missing or fails.
[[nodiscard]] std::optional<std::string> dot_to_svg(const std::string& dot);

}  // namespace sf::render
