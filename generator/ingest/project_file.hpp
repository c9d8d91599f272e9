#pragma once
// The project file, schemaforge.yaml: what holds for every spec of a project
// (the engines it targets, the views generate adds). It is found the way .clang-format is: in
// the folder of the first spec path or the nearest folder above it, up to the
// repository root (a folder holding .git). It is never read as a spec.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "generator/model/diagnostic.hpp"

namespace sf::ingest {

inline constexpr const char* project_file_name = "schemaforge.yaml";

struct Project {
  std::string file;                  // as shown in diagnostics; "" when the project has none
  std::vector<std::string> engines;  // canonical, in registry order; empty: every engine
  std::optional<std::vector<std::string>> generated_views;  // view roles generate adds; unset: every role
};

[[nodiscard]] std::optional<std::filesystem::path> find_project_file(const std::vector<std::filesystem::path>& specs);

// Reads one project file; errors name file:line and leave the defaults.
[[nodiscard]] Project read_project_file(const std::filesystem::path& file, model::Diagnostics& diags);

}  // namespace sf::ingest
