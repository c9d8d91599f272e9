#pragma once
// Where the commands find their templates when --templates is not given.
#include <filesystem>
#include <string>

namespace sf::cli {

// The flag's folder; else templates/ of the current directory when it holds
// schemaforge templates (a sql/ or cpp/ folder: a web project's templates/ is
// not ours); else the templates installed beside the program
// (<prefix>/share/schemaforge/templates); else the templates/ of the source
// tree schemaforge was built from.
[[nodiscard]] std::filesystem::path default_templates_dir(const std::string& flag);

}  // namespace sf::cli
