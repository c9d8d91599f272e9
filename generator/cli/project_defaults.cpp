#include "generator/cli/project_defaults.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "generator/model/strings.hpp"

namespace sf::cli {
namespace {

std::string from_environment(const std::string& variable) {
  const char* value = std::getenv(variable.c_str());
  return value ? value : "";
}

// `${NAME}` in a DSN written in the project file, from the process environment.
std::string expand(const ingest::Environment& e, const std::string& file) {
  std::string out;
  for (std::size_t i = 0; i < e.dsn.size();) {
    const auto open = e.dsn.find("${", i);
    if (open == std::string::npos) {
      out += e.dsn.substr(i);
      break;
    }
    const auto close = e.dsn.find('}', open);
    if (close == std::string::npos)
      throw UsageError(e.where.str() + ": environments." + e.name + ".dsn: '${' without a closing '}'");
    out += e.dsn.substr(i, open - i);
    const std::string variable = e.dsn.substr(open + 2, close - open - 2);
    const std::string value = from_environment(variable);
    if (value.empty())
      throw UsageError("environment '" + e.name + "' (" + file + ") needs $" + variable + ", which is not set");
    out += value;
    i = close + 1;
  }
  return out;
}

}  // namespace

void report_usage_error(std::string_view command, const UsageError& e) { std::cerr << command << ": " << e.what() << "\n"; }

ProjectDefaults ProjectDefaults::load(const std::vector<std::string>& specs) {
  ProjectDefaults d;
  const auto file = specs.empty() ? ingest::find_project_file_here()
                                  : ingest::find_project_file({specs.begin(), specs.end()});
  if (!file) return d;
  model::Diagnostics diags;
  d.project_ = ingest::read_project_file(*file, diags);
  if (diags.has_errors()) {
    std::string text;
    for (const auto& item : diags.items())
      if (item.severity == model::Severity::error) text += (text.empty() ? "" : "\n") + item.str();
    throw UsageError("the project file has errors:\n" + text);
  }
  return d;
}

void ProjectDefaults::fill_specs(std::vector<std::string>& specs) const {
  if (!specs.empty()) return;
  specs = project_.specs;
  if (specs.empty())
    throw UsageError(project_.file.empty()
                         ? "no specs: pass --spec <folder>, or keep a schemaforge.yaml with `spec: [<folder>]` here or above"
                         : "no specs: pass --spec <folder>, or add `spec: [<folder>]` to " + project_.file);
}

void ProjectDefaults::fill_templates(std::string& templates) const {
  if (templates.empty()) templates = project_.templates;
}

void ProjectDefaults::fill_migrations(std::string& dir) const {
  if (dir.empty()) dir = project_.migrations.empty() ? "migrations" : project_.migrations;
}

std::string ProjectDefaults::dsn(const std::string& flag, const std::string& env) const {
  if (!flag.empty()) return flag;
  if (!env.empty()) {
    for (const auto& e : project_.environments) {
      if (e.name != env) continue;
      if (e.dsn_env.empty()) return expand(e, project_.file);
      std::string value = from_environment(e.dsn_env);
      if (value.empty())
        throw UsageError("environment '" + env + "' (" + project_.file + ") reads its DSN from $" + e.dsn_env + ", which is not set");
      return value;
    }
    if (project_.file.empty())
      throw UsageError("--env " + env + ": no schemaforge.yaml here or above to define it");
    std::vector<std::string> known;
    for (const auto& e : project_.environments) known.push_back(e.name);
    throw UsageError("--env " + env + ": " + project_.file + " defines no such environment" +
                     (known.empty() ? std::string(" (it has no environments: section)") : " (known: " + model::join(known) + ")"));
  }
  if (std::string value = from_environment("SCHEMAFORGE_DSN"); !value.empty()) return value;
  throw UsageError("no database: pass --dsn, --env <name> (schemaforge.yaml environments:), or set SCHEMAFORGE_DSN");
}

}  // namespace sf::cli
