#include "generator/render/output_set.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sf::render {
namespace fs = std::filesystem;

namespace {

bool read_if_exists(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

}  // namespace

const char* to_string(FileDifference::Kind k) {
  switch (k) {
    case FileDifference::Kind::stale: return "stale";
    case FileDifference::Kind::missing: return "missing";
    case FileDifference::Kind::extra: return "extra";
  }
  return "stale";
}

std::vector<std::string> write_outputs(const OutputSet& set, const fs::path& out_dir) {
  std::vector<std::string> written;
  for (const auto& [rel, content] : set.files) {
    fs::path target = out_dir / rel;
    std::string existing;
    if (read_if_exists(target, existing) && existing == content) continue;
    fs::create_directories(target.parent_path());
    // Temp file in the same folder, so the rename is atomic: a reader (or a
    // crash) sees the old file or the new one, never half of one.
    fs::path tmp = target;
    tmp += ".tmp." + std::to_string(::getpid());
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << content;
      out.flush();
      if (!out) throw std::runtime_error("cannot write " + tmp.generic_string());
    }
    fs::rename(tmp, target);
    written.push_back(rel);
  }
  return written;
}

std::vector<FileDifference> check_outputs(const OutputSet& set, const fs::path& out_dir) {
  std::vector<FileDifference> diffs;
  for (const auto& [rel, content] : set.files) {
    std::string existing;
    if (!read_if_exists(out_dir / rel, existing))
      diffs.push_back({FileDifference::Kind::missing, rel});
    else if (existing != content)
      diffs.push_back({FileDifference::Kind::stale, rel});
  }
  for (const auto& dir : set.managed_dirs) {
    std::error_code ec;
    if (!fs::is_directory(out_dir / dir, ec)) continue;
    for (const auto& e : fs::directory_iterator(out_dir / dir)) {
      if (!e.is_regular_file()) continue;
      std::string rel = (fs::path(dir) / e.path().filename()).generic_string();
      if (!set.files.count(rel)) diffs.push_back({FileDifference::Kind::extra, rel});
    }
  }
  std::sort(diffs.begin(), diffs.end(), [](const FileDifference& a, const FileDifference& b) { return a.path < b.path; });
  return diffs;
}

}  // namespace sf::render
