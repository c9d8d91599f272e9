#include "generator/cli/migrate_command.hpp"

#include "generator/model/engines.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>

#include "generator/cli/database_drift.hpp"
#include "generator/cli/project_defaults.hpp"
#include "generator/cli/spec_pipeline.hpp"
#include "generator/cli/templates_dir.hpp"
#include "generator/migrate/migrator.hpp"
#include "generator/migrate/new_migration.hpp"
#include "generator/model/strings.hpp"
#include "runtime/db/connection.hpp"

namespace sf::cli {
namespace {

namespace fs = std::filesystem;

struct Flags {
  std::vector<std::string> specs;
  std::string dir;  // "": the project file's migrations:, else migrations
  std::string dsn, env;
  std::string templates;
  std::string dialects = model::engine_list(",");
  std::string name;
  std::string version;
  int count = 0;
  std::string to;
  bool empty = false, check = false, allow_destructive = false, dry_run = false, json = false, out_of_order = false;
  int lock_timeout = 60;
};

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  for (auto part : CLI::detail::split(s, ',')) out.push_back(CLI::detail::trim_copy(part));
  return out;
}

// The specs, validated; with errors, they go to stderr followed by `refusal`, and nullopt.
std::optional<ingest::LoadResult> valid_specs(const Flags& f, const char* refusal) {
  auto loaded = load_and_validate({f.specs.begin(), f.specs.end()});
  for (const auto& d : loaded.diagnostics.items())
    if (d.severity == model::Severity::error) std::cerr << d.str() << "\n";
  if (!loaded.diagnostics.has_errors()) return loaded;
  std::cerr << refusal << "\n";
  return std::nullopt;
}

int migrate_new(const Flags& f) {
  const auto specs = valid_specs(f, "migrate new: specs have errors; nothing written");
  if (!specs) return 1;
  const auto& loaded = *specs;
  if (f.check) {
    auto changes = migrate::unmigrated_changes(loaded.schema, f.dir);
    if (changes.empty()) {
      std::cout << "migrate new --check: every spec change is covered by a migration\n";
      return 0;
    }
    std::cout << "migrate new --check: " << changes.size() << " change(s) no migration covers:\n";
    for (const auto& c : changes) std::cout << "  " << c.describe() << "\n";
    std::cout << "run `schemaforge migrate new <name> --spec … --dir " << f.dir << "`\n";
    return 1;
  }
  const migrate::NewMigrationRequest request{f.dir, default_templates_dir(f.templates), split_list(f.dialects), f.name, f.version, f.empty};
  const auto migration = migrate::plan_new_migration(loaded.schema, request);
  if (migration.changes.empty() && !f.empty) {
    std::cout << "migrate new: the specs match the latest migration; nothing to write (use --empty for a data migration)\n";
    return 0;
  }
  if (migration.destructive() && !f.allow_destructive) {
    std::cerr << "migrate new: refusing destructive changes (pass --allow-destructive after reviewing them):\n";
    for (const auto& c : migration.changes)
      if (c.destructive) std::cerr << "  " << c.describe() << ": " << c.warning << "\n";
    return 1;
  }
  try {
    migrate::write_new_migration(migration, loaded.schema, request);
  } catch (const std::exception& e) {
    std::cerr << "migrate new: " << e.what() << "\n";
    return 1;
  }
  for (const auto& [path, content] : migration.files) std::cout << "wrote " << path.generic_string() << "\n";
  for (const auto& c : migration.changes) std::cout << "  " << c.describe() << "\n";
  return 0;
}

int migrate_hash(const Flags& f) {
  for (const auto& dialect_name : split_list(f.dialects)) {
    auto dir = migrate::MigrationDir::load(f.dir, dialect_name);
    if (dir.migrations().empty()) continue;
    migrate::write_file_atomically(dir.path() / "schemaforge.sum", dir.sum_text());
    std::cout << "wrote " << (dir.path() / "schemaforge.sum").generic_string() << "\n";
  }
  return 0;
}

int with_database(const Flags& f, const std::string& what) {
  auto dsn = db::Dsn::parse(f.dsn);
  const auto& d = dialect::dialect_named(db::to_string(dsn.engine));
  if (const std::string wrong = migrate::MigrationDir::misplaced(f.dir, std::string(d.name())); !wrong.empty()) {
    std::cerr << "migrate " << what << ": " << wrong << "; nothing run\n";
    return 1;
  }
  auto dir = migrate::MigrationDir::load(f.dir, std::string(d.name()));
  int problems = 0;
  for (const auto& p : dir.layout_problems()) {
    std::cerr << (dir.path() / p.file).generic_string() << ": error: " << p.what << "\n";
    ++problems;
  }
  auto sum = dir.verify_sum();
  for (const auto& p : sum) std::cerr << (dir.path() / p.file).generic_string() << ": error: " << p.what << "\n";
  problems += static_cast<int>(sum.size());
  if (problems && what != "status") {
    std::cerr << "migrate " << what << ": " << problems << " problem(s) in " << dir.path().generic_string() << "; nothing run\n";
    return 1;
  }
  auto conn = db::connect(dsn);
  migrate::Options o;
  o.lock_timeout_seconds = f.lock_timeout;
  o.allow_out_of_order = f.out_of_order;
  o.dry_run = f.dry_run;
  migrate::Migrator m(*conn, d, dir, o);
  std::optional<int> count = f.count > 0 ? std::optional<int>(f.count) : std::nullopt;
  std::optional<std::string> to = f.to.empty() ? std::nullopt : std::optional<std::string>(f.to);
  auto report_run = [&](const migrate::RunReport& r, const char* verb) {
    if (f.json) {
      nlohmann::ordered_json j;
      j["dsn"] = dsn.redacted();
      j[f.dry_run ? "planned" : verb] = f.dry_run ? r.planned : r.applied;
      std::cout << j.dump(2) << "\n";
      return 0;
    }
    if (f.dry_run) {
      for (std::size_t i = 0; i < r.planned.size(); ++i) std::cout << "-- would run " << r.planned[i] << "\n" << r.dry_run_sql[i];
      std::cout << fmt::format("migrate {} --dry-run: {} migration(s) would run on {}\n", what, r.planned.size(), dsn.redacted());
      return 0;
    }
    for (const auto& v : r.applied) std::cout << verb << " " << v << "\n";
    std::cout << fmt::format("migrate {}: {} migration(s) {} on {}\n", what, r.applied.size(), verb, dsn.redacted());
    return 0;
  };
  if (what == "up") return report_run(m.up(count, to), "applied");
  if (what == "down") return report_run(m.down(count, to), "rolled back");
  if (what == "force") {
    m.force(f.version);
    std::cout << "migrate force: " << f.version << " marked applied on " << dsn.redacted() << " (no SQL was run)\n";
    return 0;
  }
  auto entries = m.status();
  bool bad = problems > 0;
  if (f.json) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& e : entries)
      j.push_back({{"version", e.version}, {"name", e.name}, {"state", e.state}, {"detail", e.detail}, {"applied_at", e.applied_at}});
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << fmt::format("{:<16} {:<32} {:<13} {}\n", "VERSION", "NAME", "STATE", "DETAIL");
    for (const auto& e : entries)
      std::cout << fmt::format("{:<16} {:<32} {:<13} {}\n", e.version, e.name, e.state, e.detail.empty() ? e.applied_at : e.detail);
  }
  for (const auto& e : entries)
    if (e.state == "failed" || e.state == "edited" || e.state == "missing" || e.state == "out-of-order") bad = true;
  if (what == "validate") {
    if (bad) std::cerr << "migrate validate: problems found (see above)\n";
    else std::cout << "migrate validate: " << dir.migrations().size() << " migration(s) consistent with the database\n";
    return bad ? 1 : 0;
  }
  return 0;
}

// Adopts a database made without schemaforge: checks that it is what the
// latest migration describes (the specs, all covered by migrations, and a
// clean drift), then records every migration as applied without running it.
int migrate_baseline(const Flags& f) {
  const auto specs = valid_specs(f, "migrate baseline: the specs have errors; nothing recorded");
  if (!specs) return 1;
  const auto& loaded = *specs;
  if (auto uncovered = migrate::unmigrated_changes(loaded.schema, f.dir); !uncovered.empty()) {
    std::cerr << "migrate baseline: the specs have " << uncovered.size() << " change(s) no migration in " << f.dir << " covers:\n";
    for (const auto& c : uncovered) std::cerr << "  " << c.describe() << "\n";
    std::cerr << "run `schemaforge migrate new <name>` first: the database is checked against the latest migration; nothing recorded\n";
    return 1;
  }
  DatabaseDrift drift;
  try {
    drift = database_drift(loaded, f.dsn, {}, default_templates_dir(f.templates));
  } catch (const CouldNotCheck& e) {
    std::cerr << "migrate baseline: could not check the database: " << e.what() << "; nothing recorded\n";
    return 2;
  }
  const std::string where = drift.connection->dsn().redacted();
  if (!drift.check.report.clean()) {
    std::cout << drift_items_text(drift.check.report);
    std::cerr << fmt::format("migrate baseline: {} differs from the specs in {} way(s) (above); bring them together "
                             "(`schemaforge drift --fix-sql fix.sql` writes the statements) and baseline again; nothing recorded\n",
                             where, drift.check.report.items.size());
    return 1;
  }
  const std::string engine(drift.dialect->name());
  if (const std::string wrong = migrate::MigrationDir::misplaced(f.dir, engine); !wrong.empty()) {
    std::cerr << "migrate baseline: " << wrong << "; nothing recorded\n";
    return 1;
  }
  auto dir = migrate::MigrationDir::load(f.dir, engine);
  if (!dir.layout_problems().empty() || !dir.verify_sum().empty()) {
    std::cerr << "migrate baseline: " << dir.path().generic_string() << " has problems (run `schemaforge migrate validate`); nothing recorded\n";
    return 1;
  }
  migrate::Options o;
  o.lock_timeout_seconds = f.lock_timeout;
  migrate::Migrator m(*drift.connection, *drift.dialect, dir, o);
  const auto versions = m.baseline();
  std::cout << fmt::format("migrate baseline: {} recorded as applied on {}, without running {}; `migrate up` runs the migrations "
                           "written from now on\n",
                           model::join(versions), where, versions.size() == 1 ? "it" : "them");
  return 0;
}

int validate_files_only(const Flags& f) {
  int problems = 0;
  for (const auto& dialect_name : split_list(f.dialects)) {
    auto dir = migrate::MigrationDir::load(f.dir, dialect_name);
    for (const auto& p : dir.layout_problems()) {
      std::cerr << (dir.path() / p.file).generic_string() << ": error: " << p.what << "\n";
      ++problems;
    }
    for (const auto& p : dir.verify_sum()) {
      std::cerr << (dir.path() / p.file).generic_string() << ": error: " << p.what << "\n";
      ++problems;
    }
  }
  if (problems) return 1;
  std::cout << "migrate validate: migration files match their sums\n";
  return 0;
}

}  // namespace

std::function<int()> add_migrate_command(CLI::App& app) {
  auto f = std::make_shared<Flags>();
  auto* mig = app.add_subcommand("migrate", "Versioned migrations: new, up, down, status, validate, force, baseline, hash");
  mig->require_subcommand(1);
  auto common_db = [&](CLI::App* c) {
    c->add_option("--dir", f->dir, "Migration folder, holding <dialect>/ subfolders (default: the project file's migrations:, else migrations)");
    c->add_option("--dsn", f->dsn, "postgresql://…, mysql://… or sqlite:path (default: --env's, else $SCHEMAFORGE_DSN)");
    c->add_option("--env", f->env, "An environment of the project file: its DSN");
    c->add_option("--lock-timeout", f->lock_timeout, "Seconds to wait for the migration lock")->capture_default_str();
    c->add_flag("--json", f->json, "Machine-readable output");
  };
  auto* n = mig->add_subcommand("new", "Write the migrations that bring the latest snapshot to the specs");
  n->add_option("name", f->name, "Migration name, e.g. add_user_nickname")->required();
  n->add_option("--spec", f->specs, "Spec file or directory (repeatable; default: the project file's spec:)");
  n->add_option("--dir", f->dir, "Migration folder (default: the project file's migrations:, else migrations)");
  n->add_option("--dialect", f->dialects, "Dialects to write")->capture_default_str();
  n->add_option("--templates", f->templates, "Template folder (default: the project file's templates:)");
  n->add_option("--version", f->version, "Version to use instead of the next sequence number (e.g. a UTC timestamp)");
  n->add_flag("--empty", f->empty, "Write a blank pair for a hand-written data migration");
  n->add_flag("--check", f->check, "Write nothing; exit 1 when the specs have changes no migration covers");
  n->add_flag("--allow-destructive", f->allow_destructive, "Allow dropping tables or columns and narrowing types");
  auto* up = mig->add_subcommand("up", "Apply pending migrations");
  up->add_option("count", f->count, "At most this many");
  up->add_option("--to", f->to, "Up to and including this version");
  up->add_flag("--dry-run", f->dry_run, "Print what would run; change nothing");
  up->add_flag("--allow-out-of-order", f->out_of_order, "Apply a pending migration that sorts before an applied one");
  common_db(up);
  auto* down = mig->add_subcommand("down", "Roll back applied migrations (default: the latest one)");
  down->add_option("count", f->count, "This many, newest first");
  down->add_option("--to", f->to, "Down to, not including, this version");
  down->add_flag("--dry-run", f->dry_run, "Print what would run; change nothing");
  common_db(down);
  auto* st = mig->add_subcommand("status", "Applied, pending, failed, edited and out-of-order migrations");
  common_db(st);
  auto* val = mig->add_subcommand("validate", "Check files against schemaforge.sum and, with a DSN, against the history");
  common_db(val);
  val->add_option("--dialect", f->dialects, "Dialects to check when no DSN is given")->capture_default_str();
  auto* force = mig->add_subcommand("force", "Mark VERSION applied without running it");
  force->add_option("version", f->version, "The version")->required();
  common_db(force);
  auto* baseline = mig->add_subcommand("baseline", "Record a database that already has the schema as being at the latest "
                                                  "migration, after checking that it matches the specs");
  baseline->add_option("--spec", f->specs, "Spec file or directory (repeatable; default: the project file's spec:)");
  baseline->add_option("--templates", f->templates, "Template folder (default: the project file's templates:)");
  common_db(baseline);
  auto* hash = mig->add_subcommand("hash", "Re-sum the migration files after a deliberate edit");
  hash->add_option("--dir", f->dir, "Migration folder (default: the project file's migrations:, else migrations)");
  hash->add_option("--dialect", f->dialects, "Dialects")->capture_default_str();

  return [=]() -> int {
    try {
      const auto project = ProjectDefaults::load(f->specs);
      project.fill_migrations(f->dir);
      if (n->parsed()) {
        project.fill_templates(f->templates);
        if (!f->empty) project.fill_specs(f->specs);
        return migrate_new(*f);
      }
      if (hash->parsed()) return migrate_hash(*f);
      if (baseline->parsed()) {
        project.fill_specs(f->specs);
        project.fill_templates(f->templates);
        f->dsn = project.dsn(f->dsn, f->env);
        return migrate_baseline(*f);
      }
      if (val->parsed() && f->dsn.empty() && f->env.empty() && !std::getenv("SCHEMAFORGE_DSN")) return validate_files_only(*f);
      f->dsn = project.dsn(f->dsn, f->env);
      for (auto [cmd, what] : {std::pair{up, "up"}, std::pair{down, "down"}, std::pair{st, "status"}, std::pair{val, "validate"},
                               std::pair{force, "force"}})
        if (cmd->parsed()) return with_database(*f, what);
    } catch (const UsageError& e) {
      report_usage_error("migrate", e);
      return 2;
    } catch (const migrate::MigrateError& e) {
      std::cerr << "error: " << e.what() << "\n";
      return 1;
    } catch (const db::DbError& e) {
      std::cerr << "error: " << e.what() << "\n";
      return 2;
    } catch (const std::invalid_argument& e) {
      std::cerr << "error: " << e.what() << "\n";
      return 2;
    }
    return 2;
  };
}

}  // namespace sf::cli
