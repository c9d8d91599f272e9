// Partial and expression indexes (PostgreSQL, SQLite), prefix lengths and
// FULLTEXT (MySQL/MariaDB): modelled, read back by inspect, generated back
// the same, and compared by drift, so none of them is lost in silence.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;
namespace fs = std::filesystem;

namespace {

// Each index of the schema as the engine prints it, one line each.
std::vector<std::string> index_definitions(db::Connection& c) {
  std::string sql;
  switch (c.engine()) {
    case db::Engine::postgres:
      sql = "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname";
      break;
    case db::Engine::mysql:
      sql = "SELECT CONCAT_WS(' ', TABLE_NAME, INDEX_NAME, INDEX_TYPE, NON_UNIQUE, "
            "GROUP_CONCAT(CONCAT(COLUMN_NAME, COALESCE(CONCAT('(', SUB_PART, ')'), '')) ORDER BY SEQ_IN_INDEX)) "
            "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() GROUP BY TABLE_NAME, INDEX_NAME, INDEX_TYPE, NON_UNIQUE "
            "ORDER BY TABLE_NAME, INDEX_NAME";
      break;
    case db::Engine::sqlite:
      sql = "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";
      break;
  }
  std::vector<std::string> out;
  for (const auto& r : c.query(sql).rows) out.push_back(db::as_string(r[0]));
  return out;
}

struct Project {
  fs::path root;
  explicit Project(const std::string& tag, const std::string& engines) {
    root = fs::temp_directory_path() / ("sf-native-idx-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "spec");
    fs::create_directories(root / ".git");
    std::ofstream(root / "schemaforge.yaml") << "engines: [" << engines << "]\ngenerated_views: []\n";
  }
  ~Project() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;
  [[nodiscard]] std::string spec() const { return (root / "spec").string(); }
};

}  // namespace

TEST_CASE("partial, expression, prefix and FULLTEXT indexes of a database survive inspect, generate and apply, and drift sees them",
          "[inspect][native-indexes][pg][mysql]") {
  struct Case {
    db::Engine engine;
    std::vector<std::string> ddl;
    std::vector<std::string> lose;  // the index made plain: drift must report it
  };
  const Case cases[] = {
      {db::Engine::postgres,
       {"CREATE TABLE artist (id bigint PRIMARY KEY, name text NOT NULL, comment text, email varchar(200), tags jsonb)",
        "CREATE UNIQUE INDEX artist_idx_null_comment ON artist (name) WHERE comment IS NULL",
        "CREATE INDEX artist_idx_lower_email ON artist (lower(email))",
        "CREATE INDEX artist_idx_tags ON artist USING gin (tags jsonb_path_ops) WHERE tags IS NOT NULL",
        "CREATE UNIQUE INDEX artist_idx_email_covering ON artist (email) INCLUDE (name) NULLS NOT DISTINCT"},
       {"DROP INDEX artist_idx_null_comment", "CREATE UNIQUE INDEX artist_idx_null_comment ON artist (name)"}},
      {db::Engine::mysql,
       {"CREATE TABLE items (id bigint unsigned NOT NULL PRIMARY KEY, hostid bigint unsigned NOT NULL, key_ varchar(2048) NOT NULL, "
        "name varchar(255) NOT NULL, body text, KEY items_1 (hostid, key_(764)), FULLTEXT KEY items_ft (name, body))"},
       {"DROP INDEX items_ft ON items", "CREATE INDEX items_ft ON items (name)"}},
  };
  for (const auto& k : cases) {
    DYNAMIC_SECTION(db::to_string(k.engine)) {
      test::ScratchDatabase source(k.engine), copy(k.engine);
      if (!source.ok() || !copy.ok()) continue;
      {
        auto src = source.connect();
        for (const auto& s : k.ddl) src->execute(s);
      }
      Project p(db::to_string(k.engine), db::to_string(k.engine));
      auto inspected = test::run_cli("inspect --yaml --dsn " + test::shell_quote(test::dsn_string(source.dsn())));
      REQUIRE(inspected.exit_code == 0);
      std::ofstream(p.root / "spec" / "live.yaml") << inspected.output;
      INFO(inspected.output);
      auto check = test::run_cli("check --spec " + p.spec());
      INFO(check.output);
      REQUIRE(check.exit_code == 0);
      auto generated = test::run_cli("generate --spec " + p.spec() + " --out " + (p.root / "out").string());
      INFO(generated.output);
      REQUIRE(generated.exit_code == 0);
      auto dst = copy.connect();
      test::run_script(*dst, test::read_file(p.root / "out" / db::to_string(k.engine) / "schema.sql"));
      auto src = source.connect();
      CHECK(index_definitions(*dst) == index_definitions(*src));
      for (const auto* target : {&source, &copy}) {
        auto drift = test::run_cli("drift --spec " + p.spec() + " --dsn " + test::shell_quote(test::dsn_string(target->dsn())));
        INFO(drift.output);
        CHECK(drift.exit_code == 0);
      }
      for (const auto& s : k.lose) dst->execute(s);
      auto drift = test::run_cli("drift --spec " + p.spec() + " --dsn " + test::shell_quote(test::dsn_string(copy.dsn())));
      INFO(drift.output);
      CHECK(drift.exit_code == 1);
    }
  }
}

TEST_CASE("a spec's partial and expression indexes render, apply and drift clean on PostgreSQL and SQLite, and MySQL is told it has none",
          "[native-indexes][render][pg][sqlite]") {
  const std::string spec = "tables:\n  accounts:\n    primary_key: id\n    columns:\n      id: bigint\n      email: varchar(200)\n"
                           "      deleted_at: timestamp(6)?\n    indexes:\n"
                           "      uq_accounts_live_email: { columns: [\"(lower(email))\"], unique: true, where: deleted_at IS NULL }\n";
  for (db::Engine e : {db::Engine::postgres, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      Project p(std::string("spec-") + db::to_string(e), db::to_string(e));
      std::ofstream(p.root / "spec" / "accounts.yaml") << spec;
      auto generated = test::run_cli("generate --spec " + p.spec() + " --out " + (p.root / "out").string());
      INFO(generated.output);
      REQUIRE(generated.exit_code == 0);
      test::ScratchDatabase db(e);
      if (!db.ok()) continue;
      auto c = db.connect();
      test::run_script(*c, test::read_file(p.root / "out" / db::to_string(e) / "schema.sql"));
      c->execute("INSERT INTO accounts (id, email, deleted_at) VALUES (1, 'A@x', NULL)");
      c->execute("INSERT INTO accounts (id, email, deleted_at) VALUES (2, 'a@X', CURRENT_TIMESTAMP)");  // a deleted one may repeat
      CHECK_THROWS_AS(c->execute("INSERT INTO accounts (id, email, deleted_at) VALUES (3, 'a@x', NULL)"), db::UniqueViolation);
      auto drift = test::run_cli("drift --spec " + p.spec() + " --dsn " + test::shell_quote(test::dsn_string(db.dsn())));
      INFO(drift.output);
      CHECK(drift.exit_code == 0);
    }
  }
  Project p("spec-mysql", "mysql");
  std::ofstream(p.root / "spec" / "accounts.yaml") << spec;
  auto r = test::run_cli("check --spec " + p.spec());
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("is partial (WHERE deleted_at IS NULL), which mysql does not have") != std::string::npos);
  CHECK(r.output.find("has expression parts, which mysql does not index") != std::string::npos);
}

TEST_CASE("migrate new adds and drops a partial expression index, up and down, on PostgreSQL and SQLite", "[native-indexes][migrate][pg][sqlite]") {
  const std::string table = "tables:\n  accounts:\n    primary_key: id\n    columns:\n      id: bigint\n      email: varchar(200)\n"
                            "      deleted_at: timestamp(6)?\n";
  const std::string index = "    indexes:\n      uq_accounts_live_email: { columns: [\"(lower(email))\"], unique: true, where: deleted_at IS NULL }\n";
  for (db::Engine e : {db::Engine::postgres, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      Project p(std::string("migrate-") + db::to_string(e), db::to_string(e));
      const std::string dir = (p.root / "migrations").string();
      std::ofstream(p.root / "spec" / "accounts.yaml") << table;
      REQUIRE(test::run_cli("migrate new init --spec " + p.spec() + " --dir " + dir).exit_code == 0);
      std::ofstream(p.root / "spec" / "accounts.yaml") << table + index;
      auto added = test::run_cli("migrate new live_email --spec " + p.spec() + " --dir " + dir);
      INFO(added.output);
      REQUIRE(added.exit_code == 0);
      CHECK(added.output.find("add index accounts.uq_accounts_live_email") != std::string::npos);

      test::ScratchDatabase db(e);
      if (!db.ok()) continue;
      const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
      auto up = test::run_cli("migrate up --dir " + dir + " --dsn " + dsn);
      INFO(up.output);
      REQUIRE(up.exit_code == 0);
      auto c = db.connect();
      auto live_email = [](db::Connection& conn) {
        for (const auto& d : index_definitions(conn))
          if (d.find("uq_accounts_live_email") != std::string::npos) return d;
        return std::string{};
      };
      const std::string def = live_email(*c);
      CHECK(def.find("lower") != std::string::npos);
      CHECK(def.find("WHERE") != std::string::npos);
      auto drift = test::run_cli("drift --spec " + p.spec() + " --dsn " + dsn);
      INFO(drift.output);
      CHECK(drift.exit_code == 0);
      REQUIRE(test::run_cli("migrate down 1 --dir " + dir + " --dsn " + dsn).exit_code == 0);
      CHECK(live_email(*db.connect()).empty());
    }
  }
}

TEST_CASE("INCLUDE columns and NULLS NOT DISTINCT are PostgreSQL's: read from SQL, enforced by the server, refused elsewhere",
          "[native-indexes][render][pg]") {
  test::TempProject p("idx-include");
  p.file("schemaforge.yaml", "engines: [postgres]\ngenerated_views: []\n")
      .file("spec/accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email varchar(200), name text);\n"
                                 "CREATE UNIQUE INDEX uq_accounts_email ON accounts (email) INCLUDE (name) NULLS NOT DISTINCT;\n");
  p.generate();
  CHECK(p.schema_sql(db::Engine::postgres).find("(email) INCLUDE (name) NULLS NOT DISTINCT") != std::string::npos);
  test::ScratchDatabase db(db::Engine::postgres);
  if (db.ok()) {
    auto c = db.connect();
    test::run_script(*c, p.schema_sql(db::Engine::postgres));
    c->execute("INSERT INTO accounts (id, email) VALUES (1, NULL)");
    CHECK_THROWS_AS(c->execute("INSERT INTO accounts (id, email) VALUES (2, NULL)"), db::UniqueViolation);  // NULLs collide
    auto drift = p.run("drift --spec spec --dsn " + test::shell_quote(test::dsn_string(db.dsn())));
    INFO(drift.output);
    CHECK(drift.exit_code == 0);
    c->execute("DROP INDEX uq_accounts_email");
    c->execute("CREATE UNIQUE INDEX uq_accounts_email ON accounts (email)");  // the covering part and NULL rule lost
    auto lost = p.run("drift --spec spec --dsn " + test::shell_quote(test::dsn_string(db.dsn())));
    INFO(lost.output);
    CHECK(lost.exit_code == 1);
    CHECK(lost.output.find("INCLUDE (name) NULLS NOT DISTINCT") != std::string::npos);
  }
  p.file("schemaforge.yaml", "engines: [postgres, sqlite]\n");
  auto both = p.run("check --spec spec");
  CHECK(both.exit_code == 1);
  CHECK(both.output.find("has INCLUDE columns, which sqlite does not have") != std::string::npos);
  CHECK(both.output.find("is NULLS NOT DISTINCT, which sqlite does not have") != std::string::npos);
}
