#pragma once
// A fresh database named `name` holding spec/'s schema as generate writes it
// for the engine (generated/<engine>/schema.sql): on the test servers
// (scripts/test-servers.sh env) for PostgreSQL and MariaDB, <name>.db in the
// system's temporary directory ($TMPDIR) for SQLite, so a benchmark runs from
// any directory. Returns its DSN. For the benchmarks of generated code.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "generator/migrate/statement_splitter.hpp"
#include "runtime/db/connection.hpp"

namespace sf::bench {

inline db::Dsn spec_database(db::Engine e, const std::string& name) {
  db::Dsn dsn;
  if (e == db::Engine::sqlite) {
    const std::string path = (std::filesystem::temp_directory_path() / (name + ".db")).string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    dsn = db::Dsn::parse("sqlite:" + path);
  } else {
    const char* env = e == db::Engine::postgres ? "SCHEMAFORGE_TEST_PG_DSN" : "SCHEMAFORGE_TEST_MYSQL_DSN";
    const char* admin_text = std::getenv(env);
    if (!admin_text) throw std::runtime_error(std::string(env) + " is not set (eval \"$(scripts/test-servers.sh env)\")");
    const db::Dsn admin = db::Dsn::parse(admin_text);
    auto a = db::connect(admin);
    a->execute("DROP DATABASE IF EXISTS " + name + (e == db::Engine::postgres ? " WITH (FORCE)" : ""));
    a->execute("CREATE DATABASE " + name);
    dsn = admin;
    dsn.database = name;
  }
  std::ifstream in(std::string(SCHEMAFORGE_SOURCE_DIR) + "/generated/" + db::to_string(e) + "/schema.sql");
  std::stringstream schema;
  schema << in.rdbuf();
  auto c = db::connect(dsn);
  for (const auto& st : migrate::split_statements(schema.str())) c->execute(st.sql);
  return dsn;
}

}  // namespace sf::bench
