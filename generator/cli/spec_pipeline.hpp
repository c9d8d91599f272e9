#pragma once
// ingest -> validate, with identifier rules taken from every dialect. Every
// command that starts from specs goes through here.
#include <filesystem>
#include <vector>

#include "generator/ingest/loader.hpp"

namespace sf::cli {

// Reads and validates the specs; the result's diagnostics hold both rooms' findings, sorted.
[[nodiscard]] ingest::LoadResult load_and_validate(const std::vector<std::filesystem::path>& specs);

}  // namespace sf::cli
