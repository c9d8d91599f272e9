#pragma once
// A project folder of one test: spec/ beneath it, an optional
// schemaforge.yaml, and a .git marker so the project-file search stops here
// and never finds the repository's own. Removed when the test ends.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "tests/support/cli_runner.hpp"

namespace sf::test {

class TempProject {
 public:
  // `tag` names the folder (with the process id and a counter, so sections
  // and parallel test processes never share one).
  explicit TempProject(const std::string& tag) {
    static int n = 0;
    root_ = std::filesystem::temp_directory_path() /
            ("sf-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "spec");
    std::filesystem::create_directories(root_ / ".git");
  }
  ~TempProject() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempProject(const TempProject&) = delete;
  TempProject& operator=(const TempProject&) = delete;

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }
  [[nodiscard]] std::string spec() const { return (root_ / "spec").string(); }
  // Writes `text` to `rel` under the root, creating folders on the way.
  const TempProject& file(const std::string& rel, const std::string& text) const {
    std::filesystem::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << text;
    return *this;
  }
  // Runs schemaforge in the project folder.
  [[nodiscard]] CliRun run(const std::string& args) const { return run_cli_in(root_, "", args); }
  // `generate --spec spec --out out`, which must succeed.
  void generate() const {
    const CliRun r = run("generate --spec spec --out out");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  }
  // `migrate new <name> --spec spec --dir migrations`, which must succeed.
  void new_migration(const std::string& name) const {
    const CliRun r = run("migrate new " + name + " --spec spec --dir migrations");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  }
  // `migrate <args> --dir migrations --dsn <dsn>` (up, down 1 …), which must succeed.
  void migrate(const std::string& args, const std::string& dsn) const {
    const CliRun r = run("migrate " + args + " --dir migrations --dsn " + dsn);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  }
  // The schema.sql generate() wrote for `engine`.
  [[nodiscard]] std::string schema_sql(db::Engine engine) const {
    return read_file(root_ / "out" / db::to_string(engine) / "schema.sql");
  }

 private:
  std::filesystem::path root_;
};

}  // namespace sf::test
