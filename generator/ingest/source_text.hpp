#pragma once
// A spec file's text, checked before any reader sees it: size limit, valid
// UTF-8 without NUL bytes, BOM removed, CRLF folded to LF. Offsets into `text`
// map back to 1-based line numbers.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "generator/model/diagnostic.hpp"

namespace sf::ingest {

// A table spec is a few kilobytes; anything this large is a mistake (a dump, a
// binary, a log) and reading it would only produce noise.
inline constexpr std::size_t max_spec_bytes = 4u << 20;

class SourceText {
 public:
  SourceText(std::string display_path, std::string text);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] int line_of(std::size_t offset) const;
  [[nodiscard]] model::SourceLoc loc(int line) const { return {path_, line}; }
  [[nodiscard]] model::SourceLoc loc_at(std::size_t offset) const { return {path_, line_of(offset)}; }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

// Reads and checks a file; on failure adds an error naming the file (and line,
// for bad bytes) and returns nullopt.
[[nodiscard]] std::optional<SourceText> read_source(const std::filesystem::path& file, const std::string& display_path,
                                                    model::Diagnostics& diags);
// The same checks for text already in memory (tests, fuzzers).
[[nodiscard]] std::optional<SourceText> check_source(std::string display_path, std::string bytes,
                                                     model::Diagnostics& diags);

}  // namespace sf::ingest
