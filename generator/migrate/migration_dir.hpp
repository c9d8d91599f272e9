#pragma once
// A dialect's migration folder: <version>_<name>.up.sql / .down.sql pairs and
// schemaforge.sum, the SHA-256 of each file and of the whole listing (like
// Atlas's atlas.sum), so an edit after the fact is caught before it runs.
//
//   migrations/schema.snapshot.json     the model as of the latest migration
//   migrations/<dialect>/0001_initial.up.sql, 0001_initial.down.sql, …, schemaforge.sum
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "generator/model/schema.hpp"

namespace sf::migrate {

struct Migration {
  std::string version;  // sorts: zero-padded sequence or UTC timestamp
  std::string name;
  std::filesystem::path up_path, down_path;
  std::string up_sql, down_sql;
  std::string checksum;  // SHA-256 of the up file, recorded in the history when applied
  [[nodiscard]] std::string id() const { return version + "_" + name; }
};

struct SumProblem {
  std::string file;
  std::string what;
};

class MigrationDir {
 public:
  // Reads <root>/<dialect>/. A missing folder is an empty history.
  static MigrationDir load(const std::filesystem::path& root, const std::string& dialect);

  // Why `root` cannot be the migrations folder of a database on `dialect`,
  // or "" when it can: a missing folder, or one level too deep (an engine's
  // own folder, or a folder of migration files, given where the folder that
  // holds one folder per engine was meant). For commands that run
  // migrations, where an empty history would silently apply nothing.
  [[nodiscard]] static std::string misplaced(const std::filesystem::path& root, const std::string& dialect);

  [[nodiscard]] const std::vector<Migration>& migrations() const { return migrations_; }
  [[nodiscard]] const Migration* find(const std::string& version) const;
  [[nodiscard]] const std::filesystem::path& path() const { return dir_; }
  [[nodiscard]] std::string next_version() const;  // 0001, 0002, …

  // Files changed after they were summed, summed files that are missing,
  // files never summed, and a sum file that is missing or corrupt.
  [[nodiscard]] std::vector<SumProblem> verify_sum() const;
  // The sum file's text for the files as they are now.
  [[nodiscard]] std::string sum_text() const;

  // Problems in the folder itself: unpaired files, names that do not parse.
  [[nodiscard]] const std::vector<SumProblem>& layout_problems() const { return layout_problems_; }

 private:
  std::filesystem::path dir_;
  std::vector<Migration> migrations_;
  std::map<std::string, std::string> files_;  // file name -> content, every *.sql
  std::vector<SumProblem> layout_problems_;
};

// Atomic write: temp file in the same folder, then rename.
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

// The snapshot: the model the latest migration brings a database to. Source
// locations are left out so editing a spec's prose never looks like a change.
[[nodiscard]] model::Schema read_snapshot(const std::filesystem::path& root);
void write_snapshot(const std::filesystem::path& root, model::Schema schema);
[[nodiscard]] std::string snapshot_text(model::Schema schema);

}  // namespace sf::migrate
