#pragma once
// Helpers shared by the tests that read specs: repo paths and one-call loading.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "generator/cli/spec_pipeline.hpp"
#include "generator/ingest/loader.hpp"

namespace sf::test {

inline std::filesystem::path source_dir() { return SF_SOURCE_DIR; }

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes a spec file into a temporary folder of this process; its path.
inline std::string temp_spec(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / ("sf-spec-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path) << text;
  return path.string();
}

// Ingest + validate paths relative to the repository (tests run from its root).
inline ingest::LoadResult load(std::initializer_list<std::string> rel) {
  std::vector<std::filesystem::path> paths;
  for (const auto& r : rel) paths.push_back(r);
  return cli::load_and_validate(paths);
}

inline std::string all_messages(const model::Diagnostics& d) {
  std::string out;
  for (const auto& i : d.items()) out += i.str() + "\n";
  return out;
}

// The one diagnostic of `severity` whose message contains `text`; fails the test otherwise.
inline const model::Diagnostic& find_diag(const model::Diagnostics& d, model::Severity severity, const std::string& text) {
  const model::Diagnostic* found = nullptr;
  for (const auto& i : d.items())
    if (i.severity == severity && i.message.find(text) != std::string::npos) found = &i;
  INFO(all_messages(d));
  REQUIRE(found != nullptr);
  return *found;
}

}  // namespace sf::test
