#include "generator/cli/drift_command.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "generator/cli/database_drift.hpp"
#include "generator/cli/spec_pipeline.hpp"
#include "generator/cli/project_defaults.hpp"
#include "generator/cli/templates_dir.hpp"
#include "generator/diff/plan.hpp"
#include "generator/migrate/migration_dir.hpp"
#include "generator/migrate/template_ddl.hpp"
#include "runtime/db/connection.hpp"

namespace sf::cli {
namespace {

struct Flags {
  std::vector<std::string> specs, ignore;
  std::string dsn, env, fix_sql, templates;
  bool json = false, allow_destructive = false;
};

// The statements that bring the database back to the specs: plan() of the
// drift's own changes, what a migration would write for them.
std::string fix_sql(const Flags& f, const dialect::Dialect& d, std::vector<diff::Change> changes) {
  // A table only the database has is dropped only with --allow-destructive:
  // without it, the steps that serve the drop (its FKs and views) go too,
  // and the DROP TABLE itself is written commented out.
  if (!f.allow_destructive)
    std::erase_if(changes, [](const diff::Change& c) {
      return c.after.name.empty() && !c.before.name.empty() && c.kind != diff::ChangeKind::drop_table;
    });
  migrate::TemplateDdl ddl(std::string(d.name()), default_templates_dir(f.templates));
  auto plan = diff::plan(changes, d, ddl);
  std::string out = fmt::format("-- schemaforge drift --fix-sql ({}): statements that bring the database back to the specs\n", d.name());
  for (const auto& s : plan.steps) {
    out += "\n-- " + s.title + "\n";
    bool comment_out = s.destructive && !f.allow_destructive;
    if (!s.warning.empty()) out += std::string("-- ") + (s.destructive ? "DESTRUCTIVE: " : "WARNING: ") + s.warning + "\n";
    if (comment_out) out += "-- (commented out: pass --allow-destructive to keep it)\n";
    for (const auto& st : s.statements) {
      std::string text = st + ";";
      if (comment_out) {
        std::string commented = "-- ";
        for (char ch : text) commented += ch == '\n' ? std::string("\n-- ") : std::string(1, ch);
        text = commented;
      }
      out += text + "\n";
    }
  }
  return out;
}

int run(const Flags& f) {
  auto loaded = load_and_validate({f.specs.begin(), f.specs.end()});
  if (loaded.diagnostics.has_errors()) {
    for (const auto& d : loaded.diagnostics.items())
      if (d.severity == model::Severity::error) std::cerr << d.str() << "\n";
    std::cerr << "drift: could not check: the specs have errors\n";
    return 2;
  }
  DatabaseDrift drift;
  try {
    drift = database_drift(loaded, f.dsn, f.ignore, default_templates_dir(f.templates));
  } catch (const CouldNotCheck& e) {
    std::cerr << "drift: could not check: " << e.what() << "\n";
    return 2;
  }
  const auto& d = *drift.dialect;
  const auto& spec = drift.spec;
  const auto& check = drift.check;
  const auto& conn = drift.connection;
  const auto& report = check.report;

  if (!f.fix_sql.empty()) migrate::write_file_atomically(f.fix_sql, fix_sql(f, d, check.changes));
  const std::string where = conn->dsn().redacted();
  if (f.json) {
    nlohmann::ordered_json j;
    j["database"] = where;
    j["clean"] = report.clean();
    j["items"] = nlohmann::ordered_json::array();
    for (const auto& i : report.items)
      j["items"].push_back({{"table", i.table}, {"kind", i.kind}, {"object", i.object}, {"spec", i.spec}, {"database", i.database},
                            {"message", i.message()}});
    std::cout << j.dump(2) << "\n";
  } else if (report.clean()) {
    std::cout << "drift: " << where << " matches the specs (" << spec.tables.size() << " tables)\n";
  } else {
    std::cout << drift_items_text(report);
    std::cout << fmt::format("\ndrift: {} difference(s) between {} and the specs{}\n", report.items.size(), where,
                             f.fix_sql.empty() ? "; --fix-sql FILE writes the statements that repair them" : "; fix written to " + f.fix_sql);
  }
  return report.clean() ? 0 : 1;
}

}  // namespace

std::function<int()> add_drift_command(CLI::App& app) {
  auto f = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand("drift", "Compare a live database with the specs (exit 0 clean, 1 drift, 2 could not check)");
  cmd->add_option("--spec", f->specs, "Spec file or directory (repeatable; default: the project file's spec:)");
  cmd->add_option("--dsn", f->dsn, "postgresql://…, mysql://… or sqlite:path (default: --env's, else $SCHEMAFORGE_DSN)");
  cmd->add_option("--env", f->env, "An environment of the project file: its DSN");
  cmd->add_flag("--json", f->json, "Machine-readable report for CI annotations");
  cmd->add_option("--fix-sql", f->fix_sql, "Write the statements that bring the database back to the specs");
  cmd->add_flag("--allow-destructive", f->allow_destructive, "Keep destructive fix statements (otherwise commented out)");
  cmd->add_option("--ignore", f->ignore, "Glob of tables to leave out (repeatable)");
  cmd->add_option("--templates", f->templates, "Template folder (default: the project file's templates:)");
  return [=]() -> int {
    if (!cmd->parsed()) return -1;
    return reporting_usage_errors("drift: could not check", [&] {
      const auto project = ProjectDefaults::load(f->specs);
      project.fill_specs(f->specs);
      project.fill_templates(f->templates);
      f->dsn = project.dsn(f->dsn, f->env);
      return run(*f);
    });
  };
}

}  // namespace sf::cli
