#pragma once
// The project file, schemaforge.yaml: what holds for every spec of a project
// (the engines it targets, the views generate adds) and what every command
// would otherwise take as a flag (spec folders, template and migration
// folders, the DSN of each environment), the way sqlc.yaml and atlas.hcl do.
// It is found the way .clang-format is: in the folder of the first spec path
// (or of the current directory) or the nearest folder above it, up to the
// repository root (a folder holding .git). It is never read as a spec.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "generator/model/diagnostic.hpp"

namespace sf::ingest {

inline constexpr const char* project_file_name = "schemaforge.yaml";

// Where an environment's DSN comes from. Never the password itself: a DSN
// written in the file is refused when it holds one; `${NAME}` in it, or the
// whole DSN, comes from the process environment when a command runs.
struct Environment {
  std::string name;
  std::string dsn;      // as written, `${NAME}` unexpanded; "" when dsn_env is used
  std::string dsn_env;  // the environment variable holding the whole DSN
  model::SourceLoc where;
};

struct Project {
  std::string file;                  // as shown in diagnostics; "" when the project has none
  std::vector<std::string> engines;  // canonical, in registry order; empty: every engine
  std::optional<std::vector<std::string>> generated_views;  // view roles generate adds; unset: every role
  std::vector<std::string> extensions;                      // PostgreSQL extensions the schema needs
  // Paths below are relative to the current directory (the file's own folder
  // joined to what it says), ready to use as flags; empty when not given.
  std::vector<std::string> specs;
  std::string templates;
  std::string migrations;
  std::vector<Environment> environments;  // in file order
};

[[nodiscard]] std::optional<std::filesystem::path> find_project_file(const std::vector<std::filesystem::path>& specs);
// From the current directory, for commands given no spec path.
[[nodiscard]] std::optional<std::filesystem::path> find_project_file_here();

// Reads one project file; errors name file:line and leave the defaults.
[[nodiscard]] Project read_project_file(const std::filesystem::path& file, model::Diagnostics& diags);

}  // namespace sf::ingest
