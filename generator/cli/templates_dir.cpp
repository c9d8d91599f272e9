#include "generator/cli/templates_dir.hpp"

namespace sf::cli {

std::filesystem::path default_templates_dir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (std::filesystem::is_directory("templates")) return "templates";
  return SCHEMAFORGE_TEMPLATES_DIR;
}

}  // namespace sf::cli
