#include "generator/ingest/source_text.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace sf::ingest {
namespace {

// Returns the offset of the first byte that is not valid UTF-8 (or is NUL), or npos.
std::size_t first_bad_byte(const std::string& s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return i;
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return i;
    // Overlong encodings and surrogates are not text either.
    if (len == 2 && c < 0xC2) return i;
    if (len == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return i;
    }
    if (len == 4) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) return i;
    }
    i += len;
  }
  return std::string::npos;
}

}  // namespace

SourceText::SourceText(std::string display_path, std::string text) : path_(std::move(display_path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

int SourceText::line_of(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<int>(it - line_starts_.begin());
}

namespace {

// A file over the limit is refused with its real size, before it is read.
bool within_limit(const std::string& display_path, std::uintmax_t size, model::Diagnostics& diags) {
  if (size <= max_spec_bytes) return true;
  diags.error({display_path, 0}, "file is " + std::to_string(size) + " bytes; spec files are limited to " +
                                     std::to_string(max_spec_bytes >> 20) +
                                     " MiB. Split it into one file per table, or move data out of the spec");
  return false;
}

}  // namespace

std::optional<SourceText> check_source(std::string display_path, std::string bytes, model::Diagnostics& diags) {
  if (!within_limit(display_path, bytes.size(), diags)) return std::nullopt;
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
  if (std::size_t bad = first_bad_byte(bytes); bad != std::string::npos) {
    int line = static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bad), '\n')) + 1;
    diags.error({display_path, line}, "not UTF-8 text (byte " + std::to_string(bad) +
                                          " is invalid); spec files must be UTF-8 markdown, YAML or SQL");
    return std::nullopt;
  }
  // Fold CRLF (and lone CR) to LF so every reader sees one kind of line end.
  std::string text;
  text.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r') {
      text += '\n';
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    } else {
      text += bytes[i];
    }
  }
  std::string trimmed = text;
  trimmed.erase(std::remove_if(trimmed.begin(), trimmed.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; }),
                trimmed.end());
  if (trimmed.empty()) {
    diags.error({display_path, 0}, "file is empty; a spec needs at least one table");
    return std::nullopt;
  }
  return SourceText(std::move(display_path), std::move(text));
}

std::optional<SourceText> read_source(const std::filesystem::path& file, const std::string& display_path,
                                      model::Diagnostics& diags) {
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    diags.error({display_path, 0}, "cannot read: " + ec.message());
    return std::nullopt;
  }
  if (!within_limit(display_path, size, diags)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    diags.error({display_path, 0}, "cannot open for reading");
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return check_source(display_path, buf.str(), diags);
}

}  // namespace sf::ingest
