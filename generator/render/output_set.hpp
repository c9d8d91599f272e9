#pragma once
// The files one `generate` produces, by path relative to the output folder.
// Writing is atomic per file (temp name + rename) and skips unchanged files so
// build systems see no spurious changes; checking lists every difference.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sf::render {

struct OutputSet {
  std::map<std::string, std::string> files;          // relative path -> content
  std::vector<std::string> managed_dirs;             // folders whose other files are "extra"
};

struct FileDifference {
  enum class Kind { stale, missing, extra };
  Kind kind;
  std::string path;  // relative to the output folder
};

// Writes every file; returns the relative paths actually (re)written.
std::vector<std::string> write_outputs(const OutputSet& set, const std::filesystem::path& out_dir);
// What differs between `set` and the files under `out_dir`, sorted by path.
[[nodiscard]] std::vector<FileDifference> check_outputs(const OutputSet& set, const std::filesystem::path& out_dir);
[[nodiscard]] const char* to_string(FileDifference::Kind k);

}  // namespace sf::render
