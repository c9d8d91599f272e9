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

// A path the project file names, as a path from the current directory: the
// file's folder joined to it, so `spec: [spec]` means the same from anywhere.
std::string beside(const fs::path& file, const std::string& written) {
  const fs::path p(written);
  return shown(p.is_absolute() ? p : file.parent_path() / p);
}

// environments:
//   dev:  { dsn: "sqlite:build/dev.db" }
//   prod: { dsn_env: PROD_DATABASE_URL }          # the whole DSN from the environment
//   ci:   { dsn: "postgresql://ci:${CI_DB_PASSWORD}@db/app" }
template <class At>
void read_environments(const YAML::Node& v, const At& at, Project& p, model::Diagnostics& diags) {
  if (!v.IsMap()) {
    diags.error(at(v), "environments: expected a mapping of names to { dsn: … } or { dsn_env: VARIABLE }");
    return;
  }
  for (const auto& entry : v) {
    const YAML::Node name = entry.first, body = entry.second;
    Environment e{name.Scalar(), "", "", at(name)};
    const std::string where = "environments." + e.name;
    if (!body.IsMap()) {
      diags.error(at(body), where + ": expected { dsn: … } or { dsn_env: VARIABLE }");
      continue;
    }
    for (const auto& field : body) {
      const YAML::Node fk = field.first, fv = field.second;
      if (!fv.IsScalar() || fv.Scalar().empty()) {
        diags.error(at(fv), where + "." + fk.Scalar() + ": expected text");
      } else if (fk.Scalar() == "dsn") {
        e.dsn = fv.Scalar();
        // A password written here would end up in the repository: only
        // `${NAME}` may stand in the password's place.
        const auto scheme_end = e.dsn.find("://");
        const auto at_sign = e.dsn.rfind('@');
        if (scheme_end != std::string::npos && at_sign != std::string::npos && at_sign > scheme_end) {
          const std::string userinfo = e.dsn.substr(scheme_end + 3, at_sign - scheme_end - 3);
          const auto colon = userinfo.find(':');
          if (colon != std::string::npos && userinfo.find("${", colon) != colon + 1)
            diags.error(at(fv), where + ".dsn holds a password; write it as ${VARIABLE} (e.g. postgresql://app:${DB_PASSWORD}@host/db) "
                                        "or use dsn_env: VARIABLE, so that no secret is kept in the project file");
        }
      } else if (fk.Scalar() == "dsn_env") {
        e.dsn_env = fv.Scalar();
      } else {
        diags.error(at(fk), where + ": unknown key '" + fk.Scalar() + "' (known: dsn, dsn_env)");
      }
    }
    if (e.dsn.empty() == e.dsn_env.empty()) {
      diags.error(at(name), where + ": give exactly one of dsn and dsn_env");
      continue;
    }
    p.environments.push_back(std::move(e));
  }
}

}  // namespace

std::optional<fs::path> find_project_file_here() {
  std::error_code ec;
  const fs::path here = fs::current_path(ec);
  if (ec) return std::nullopt;
  return find_project_file({here});
}

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
    } else if (key == "extensions") {
      if (!list) diags.error(at(v), "extensions: expected a list of PostgreSQL extensions, e.g. extensions: [citext, pg_trgm]");
      p.extensions = std::move(raw);
    } else if (key == "spec") {
      if (raw.empty() || !list) diags.error(at(v), "spec: expected a folder or a list of spec folders and files, e.g. spec: [spec]");
      for (const auto& r : raw) p.specs.push_back(beside(file, r));
    } else if (key == "templates" || key == "migrations") {
      if (!v.IsScalar() || v.Scalar().empty()) {
        diags.error(at(v), key + ": expected one folder, e.g. " + key + ": " + key);
        continue;
      }
      (key == "templates" ? p.templates : p.migrations) = beside(file, v.Scalar());
    } else if (key == "environments") {
      read_environments(v, at, p, diags);
    } else {
      diags.error(at(k), "unknown key '" + key + "' (known: engines, generated_views, extensions, spec, templates, migrations, environments)");
    }
  }
  return p;
}

}  // namespace sf::ingest
