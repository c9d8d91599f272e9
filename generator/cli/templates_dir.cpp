#include "generator/cli/templates_dir.hpp"

namespace sf::cli {
namespace fs = std::filesystem;

std::filesystem::path default_templates_dir(const std::string& flag) {
  if (!flag.empty()) return flag;
  std::error_code ec;
  if (fs::is_directory("templates/sql", ec) || fs::is_directory("templates/cpp", ec)) return "templates";
  // /proc/self/exe, not argv[0]: the program may have been found on the PATH.
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = (exe.parent_path() / SCHEMAFORGE_INSTALLED_TEMPLATES_FROM_BINDIR).lexically_normal();
    if (fs::is_directory(installed / "sql", ec)) return installed;
  }
  return SCHEMAFORGE_TEMPLATES_DIR;
}

}  // namespace sf::cli
