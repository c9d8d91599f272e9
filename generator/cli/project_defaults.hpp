#pragma once
// What the project file (schemaforge.yaml) supplies to a command for the
// flags it was not given: spec folders, the template and migration folders,
// and the DSN of a named environment (`--env prod`). A flag always wins, and
// every command works without a project file.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "generator/ingest/project_file.hpp"

namespace sf::cli {

// A command line that cannot run as given; main prints "<command>: <what>".
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ProjectDefaults {
 public:
  // Reads the schemaforge.yaml found from `specs` (when any are given) or
  // from the current directory. Throws UsageError naming file:line when the
  // file has errors.
  [[nodiscard]] static ProjectDefaults load(const std::vector<std::string>& specs);

  // --spec: the flag's paths, else the project file's `spec:`; throws when neither.
  void fill_specs(std::vector<std::string>& specs) const;
  // --templates: the flag, else the project file's `templates:`, else "" (the built-in default).
  void fill_templates(std::string& templates) const;
  // --dir: the flag, else the project file's `migrations:`, else "migrations".
  void fill_migrations(std::string& dir) const;
  // The DSN to use: --dsn, else the project file's environment `env`, else
  // $SCHEMAFORGE_DSN. Throws naming what to pass when there is none, the
  // environment is unknown, or a variable it needs is unset; the message
  // never holds the DSN itself.
  [[nodiscard]] std::string dsn(const std::string& flag, const std::string& env) const;

  [[nodiscard]] const ingest::Project& project() const { return project_; }

 private:
  ingest::Project project_;
};

void report_usage_error(std::string_view command, const UsageError& e);

// Runs `body` (which returns an exit code); a UsageError becomes
// "<command>: <what>" on stderr and exit code 2.
template <class Body>
int reporting_usage_errors(std::string_view command, Body&& body) {
  try {
    return body();
  } catch (const UsageError& e) {
    report_usage_error(command, e);
    return 2;
  }
}

}  // namespace sf::cli
