#pragma once
// Real databases for integration tests. The servers come from
// scripts/test-servers.sh through SCHEMAFORGE_TEST_PG_DSN and
// SCHEMAFORGE_TEST_MYSQL_DSN. Under CI=true a missing DSN fails the test;
// elsewhere the test says it was skipped (Catch2 v2 has no SKIP).
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>

#include "generator/migrate/statement_splitter.hpp"
#include "runtime/db/connection.hpp"

namespace sf::test {

inline std::optional<db::Dsn> server_dsn(db::Engine e) {
  const char* var = e == db::Engine::postgres ? "SCHEMAFORGE_TEST_PG_DSN" : "SCHEMAFORGE_TEST_MYSQL_DSN";
  const char* v = std::getenv(var);
  if (v && *v) return db::Dsn::parse(v);
  const char* ci = std::getenv("CI");
  if (ci && std::string(ci) == "true") FAIL(std::string(var) + " is not set; CI must run against real servers (scripts/test-servers.sh)");
  WARN(std::string(var) + " is not set: test skipped. Run `eval \"$(scripts/test-servers.sh start)\"` first.");
  return std::nullopt;
}

// A fresh, empty database for one test, dropped when the object dies. SQLite
// gets a temporary file. Names carry the pid and a counter so parallel test
// processes never collide.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(db::Engine engine) : engine_(engine) {
    static std::atomic<int> counter{0};
    name_ = "sf_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (engine == db::Engine::sqlite) {
      dsn_.engine = db::Engine::sqlite;
      dsn_.database = (std::filesystem::temp_directory_path() / (name_ + ".db")).string();
      std::filesystem::remove(dsn_.database);
      ok_ = true;
      return;
    }
    auto server = server_dsn(engine);
    if (!server) return;
    admin_ = *server;
    auto admin = db::connect(admin_);
    admin->execute("CREATE DATABASE " + name_);
    dsn_ = admin_;
    dsn_.database = name_;
    ok_ = true;
  }
  ~ScratchDatabase() {
    if (!ok_) return;
    try {
      if (engine_ == db::Engine::sqlite) {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(dsn_.database + suffix);
        return;
      }
      auto admin = db::connect(admin_);
      admin->execute(engine_ == db::Engine::postgres ? "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"
                                                     : "DROP DATABASE IF EXISTS " + name_);
    } catch (...) {
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] const db::Dsn& dsn() const { return dsn_; }
  [[nodiscard]] std::unique_ptr<db::Connection> connect() const { return db::connect(dsn_); }
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  db::Engine engine_;
  bool ok_ = false;
  std::string name_;
  db::Dsn admin_;
  db::Dsn dsn_;
};

inline const char* engine_name(db::Engine e) { return db::to_string(e); }

// Runs a SQL script statement by statement, as migrations do.
inline void run_script(db::Connection& c, const std::string& script) {
  for (const auto& st : migrate::split_statements(script)) {
    INFO("line " << st.line << ": " << st.sql.substr(0, 200));
    c.execute(st.sql);
  }
}

}  // namespace sf::test
