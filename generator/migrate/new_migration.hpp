#pragma once
// `migrate new` as a use case: the specs against the schema at the last
// migration (migrations/schema.snapshot.json), planned per engine into an
// up and a down file each. Planning writes nothing; writing refuses to
// overwrite and then records the sums and the new snapshot.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "generator/diff/change.hpp"

namespace sf::migrate {

struct NewMigrationRequest {
  std::filesystem::path dir = "migrations";  // holds <engine>/ folders and the snapshot
  std::filesystem::path templates;           // the templates generate renders
  std::vector<std::string> dialects;
  std::string name;                          // e.g. add_user_nickname
  std::string version;                       // "" for the next number in sequence
  bool empty = false;                        // a blank pair for a hand-written data migration
};

struct NewMigration {
  std::vector<diff::Change> changes;                    // from the last snapshot to the specs
  std::string version;                                  // what the files are numbered
  std::map<std::filesystem::path, std::string> files;  // <engine>/<version>_<name>.{up,down}.sql -> content
  [[nodiscard]] bool destructive() const;
};

// The changes since the last migration (for --check), without planning files.
[[nodiscard]] std::vector<diff::Change> unmigrated_changes(const model::Schema& specs, const std::filesystem::path& dir);

// Plans the files of a new migration. Per engine, a change only another
// engine sees, or one this engine writes alike, writes a comment that says so.
[[nodiscard]] NewMigration plan_new_migration(const model::Schema& specs, const NewMigrationRequest& request);

// Writes the files (nothing when one already exists: throws naming it), then
// each engine's sum file and, unless the migration is blank, the snapshot.
void write_new_migration(const NewMigration& migration, const model::Schema& specs, const NewMigrationRequest& request);

}  // namespace sf::migrate
