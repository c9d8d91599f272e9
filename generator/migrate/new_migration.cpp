#include "generator/migrate/new_migration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "generator/diff/invisible_changes.hpp"
#include "generator/diff/plan.hpp"
#include "generator/migrate/migration_dir.hpp"
#include "generator/migrate/template_ddl.hpp"
#include "generator/model/targets.hpp"

namespace sf::migrate {
namespace {

namespace fs = std::filesystem;

std::string header(const std::string& id, std::string_view dialect, const char* direction) {
  return fmt::format("-- schemaforge migration {} ({}, {})\n", id, dialect, direction);
}

constexpr const char* nothing_here =
    "-- Nothing changes on this engine: the change concerns another engine's types or collations,\n"
    "-- or this engine writes the columns alike (SQLite: VARCHAR(50) and VARCHAR(200) are both TEXT).\n";

// The up and down scripts for one engine.
std::pair<std::string, std::string> scripts(const model::Schema& snapshot, const model::Schema& specs, const diff::Renames& renames,
                                            const dialect::Dialect& d, const fs::path& templates) {
  TemplateDdl ddl(std::string(d.name()), templates);
  const model::Schema will = diff::for_dialect(specs, d.name());
  const model::Schema was = diff::without_invisible_changes(diff::for_dialect(snapshot, d.name()), will, d);
  const diff::Plan up = diff::plan(diff::diff(was, will, renames), d, ddl);
  const diff::Plan down = diff::plan(diff::diff(will, was, renames.reversed()), d, ddl);
  std::string up_text, down_text;
  if (up.destructive()) up_text += "-- WARNING: this migration destroys data (see DESTRUCTIVE below); reviewed with --allow-destructive.\n";
  if (down.destructive())
    down_text += "-- WARNING: this down migration cannot restore data the up migration created or changed\n"
                 "-- (see DESTRUCTIVE below); take a backup before running it.\n";
  up_text += "\n" + (up.steps.empty() ? std::string(nothing_here) : up.script());
  down_text += "\n" + (down.steps.empty() ? std::string(nothing_here) : down.script());
  return {up_text, down_text};
}

// What differs engine-neutrally, then what differs in where tables are created.
std::vector<diff::Change> all_changes(const model::Schema& snapshot, const model::Schema& specs, const diff::Renames& renames) {
  std::vector<diff::Change> out = diff::diff(snapshot, specs, renames);
  for (auto& c : diff::target_changes(snapshot, specs)) out.push_back(std::move(c));
  return out;
}

}  // namespace

bool NewMigration::destructive() const {
  return std::any_of(changes.begin(), changes.end(), [](const diff::Change& c) { return c.destructive; });
}

std::vector<diff::Change> unmigrated_changes(const model::Schema& specs, const fs::path& dir) {
  const model::Schema snapshot = read_snapshot(dir);
  return all_changes(snapshot, specs, diff::declared_renames(snapshot, specs));
}

NewMigration plan_new_migration(const model::Schema& specs, const NewMigrationRequest& r) {
  const model::Schema snapshot = read_snapshot(r.dir);
  const diff::Renames renames = diff::declared_renames(snapshot, specs);
  NewMigration m;
  m.changes = all_changes(snapshot, specs, renames);
  for (const auto& name : r.dialects) {
    const auto& d = dialect::dialect_named(name);
    if (!model::project_targets(specs, d.name())) continue;  // the project does not target it (schemaforge.yaml)
    const auto dir = MigrationDir::load(r.dir, std::string(d.name()));
    if (m.version.empty()) m.version = r.version.empty() ? dir.next_version() : r.version;
    const std::string id = m.version + "_" + r.name;
    std::string up = header(id, d.name(), "up"), down = header(id, d.name(), "down");
    if (r.empty) {
      up += "-- Write the forward statements here (data migrations, backfills).\n";
      down += "-- Write the statements that undo the .up.sql here.\n";
    } else {
      auto [u, dn] = scripts(snapshot, specs, renames, d, r.templates);
      up += u;
      down += dn;
    }
    m.files[dir.path() / (id + ".up.sql")] = std::move(up);
    m.files[dir.path() / (id + ".down.sql")] = std::move(down);
  }
  return m;
}

void write_new_migration(const NewMigration& m, const model::Schema& specs, const NewMigrationRequest& r) {
  for (const auto& [path, content] : m.files)
    if (fs::exists(path)) throw std::runtime_error(path.generic_string() + " already exists; nothing written");
  for (const auto& [path, content] : m.files) write_file_atomically(path, content);
  for (const auto& name : r.dialects) {
    const auto& d = dialect::dialect_named(name);
    if (!model::project_targets(specs, d.name())) continue;
    auto dir = MigrationDir::load(r.dir, std::string(d.name()));
    write_file_atomically(dir.path() / "schemaforge.sum", dir.sum_text());
  }
  if (!r.empty) write_snapshot(r.dir, specs);
}

}  // namespace sf::migrate
