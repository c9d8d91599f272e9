#include "generator/render/graphviz.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sf::render {

bool graphviz_available() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

std::optional<std::string> dot_to_svg(const std::string& dot) {
  if (!graphviz_available()) return std::nullopt;
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("schemaforge-dot-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "erd.dot") << dot;
  std::string cmd = "dot -Tsvg '" + (dir / "erd.dot").string() + "' -o '" + (dir / "erd.svg").string() + "' 2>/dev/null";
  std::optional<std::string> svg;
  if (std::system(cmd.c_str()) == 0) {
    std::ifstream in(dir / "erd.svg", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    svg = s.str();
  }
  fs::remove_all(dir);
  return svg;
}

}  // namespace sf::render
