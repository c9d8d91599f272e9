#include "generator/ingest/project_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <iterator>

#include "generator/ingest/source_text.hpp"
#include "generator/model/engines.hpp"
#include "generator/model/schema.hpp"
#include "generator/model/strings.hpp"

namespace sf::ingest {
namespace fs = std::filesystem;

namespace {

// The path as a user typed it relative to here, when it is below here.
std::string shown(const fs::path& p) {
  std::error_code ec;
  const fs::path rel = fs::relative(p, fs::current_path(ec), ec);
  if (!ec && !rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return p.lexically_normal().generic_string();
}

}  // namespace

std::optional<fs::path> find_project_file(const std::vector<fs::path>& specs) {
  if (specs.empty()) return std::nullopt;
  std::error_code ec;
  fs::path dir = fs::absolute(specs.front(), ec).lexically_normal();
  if (ec) return std::nullopt;
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  for (;;) {
    if (fs::is_regular_file(dir / project_file_name, ec)) return dir / project_file_name;
    if (fs::exists(dir / ".git", ec) || dir == dir.root_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

Project read_project_file(const fs::path& file, model::Diagnostics& diags) {
  Project p;
  p.file = shown(file);
  auto src = read_source(file, p.file, diags);
  if (!src) return p;
  auto at = [&](const YAML::Node& n) { return src->loc(n.Mark().line + 1); };
  YAML::Node root;
  try {
    root = YAML::Load(src->text());
  } catch (const YAML::Exception& e) {
    diags.error(src->loc(e.mark.line + 1), "not valid YAML: " + e.msg);
    return p;
  }
  if (root.IsNull()) return p;  // an empty project file: every default
  if (!root.IsMap()) {
    diags.error(at(root), "expected a mapping (engines: [...])");
    return p;
  }
  for (const auto& entry : root) {
    const YAML::Node k = entry.first, v = entry.second;  // copies: the iterator hands out temporaries
    const std::string key = k.Scalar();
    std::vector<std::string> raw;
    if (v.IsScalar() && !v.Scalar().empty()) raw.push_back(v.Scalar());
    else if (v.IsSequence())
      for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i].IsScalar()) raw.push_back(v[i].Scalar());
    const bool list = v.IsSequence() || v.IsScalar();
    if (key == "engines") {
      std::vector<std::string> unknown;
      p.engines = model::canonical_engines(raw, unknown);
      for (const auto& u : unknown)
        diags.error(at(v), "engines: unknown engine '" + u + "' (known: " + model::engine_list() + ")");
      if (raw.empty() || !list)
        diags.error(at(v), "engines: expected a list of engines, e.g. engines: [postgres] (known: " + model::engine_list() + ")");
    } else if (key == "generated_views") {
      if (!list) diags.error(at(v), "generated_views: expected a list of view roles, e.g. [contract, status], or [] for none");
      std::vector<std::string> roles;
      for (const auto& r : raw) {
        if (std::find(std::begin(model::view_roles), std::end(model::view_roles), r) == std::end(model::view_roles))
          diags.error(at(v), "generated_views: unknown view role '" + r + "' (known: contract, status)");
        else
          roles.push_back(r);
      }
      p.generated_views = std::move(roles);
    } else {
      diags.error(at(k), "unknown key '" + key + "' (known: engines, generated_views)");
    }
  }
  return p;
}

}  // namespace sf::ingest
