#pragma once
// ingest -> validate, with identifier rules taken from every dialect. Every
// command that starts from specs goes through here.
#include <filesystem>
#include <string>
#include <vector>

#include "generator/ingest/loader.hpp"

namespace sf::cli {

// Reads and validates the specs; the result's diagnostics hold both rooms' findings, sorted.
[[nodiscard]] ingest::LoadResult load_and_validate(const std::vector<std::filesystem::path>& specs);

// What `generate --keep-going` works from: every table whose spec, and the
// tables its foreign keys reach, are valid. `loaded.diagnostics` holds every
// finding of the whole set, as load_and_validate reports them.
struct ValidPart {
  ingest::LoadResult loaded;          // schema: the valid tables only, validated
  std::vector<std::string> skipped;   // "table: why" and "file: why", in a stable order
  bool complete = true;               // false: an error belongs to no table, so no part can be trusted
};
[[nodiscard]] ValidPart load_valid_part(const std::vector<std::filesystem::path>& specs);

}  // namespace sf::cli
