#pragma once
// Entry point of the ingest room: reads every spec file under the given paths
// (files or directories, walked recursively in sorted order) into one Schema.
// Dispatch is by extension: .md/.markdown, .yaml/.yml, .sql. A file with errors
// contributes nothing; overlays apply after all definitions, in file order.
#include <filesystem>
#include <string>
#include <vector>

#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"

namespace sf::ingest {

struct LoadResult {
  model::Schema schema;
  model::Diagnostics diagnostics;
  std::vector<std::string> files;  // spec files read, as displayed in diagnostics
  std::vector<std::string> rejected_files;  // files whose errors kept all they define out of the schema
  std::string project_file;                 // the schemaforge.yaml read (ingest/project_file.hpp), "" for none
};

[[nodiscard]] LoadResult load_specs(const std::vector<std::filesystem::path>& paths);

// One in-memory document, format chosen by the extension of `display_path`
// (tests and fuzz targets). Overlays in it apply to tables in the same text.
[[nodiscard]] LoadResult load_text(const std::string& display_path, std::string bytes);

enum class SpecFormat { markdown, yaml, sql, unknown };
[[nodiscard]] SpecFormat format_of(const std::filesystem::path& p);

}  // namespace sf::ingest
