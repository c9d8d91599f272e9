// The doc variations other teams write (tests/fixtures/doc_variations/),
// rendered, applied to real PostgreSQL 15, MariaDB 10.11 and SQLite, and read
// back with the tests' own catalogue queries: each engine holds what the doc
// means, rows behave so, and drift against the docs is clean.
#include <catch2/catch.hpp>

#include "tests/support/cli_runner.hpp"
#include "tests/support/live_schema.hpp"
#include "tests/support/render_fixture.hpp"
#include "tests/support/scratch_db.hpp"

using namespace sf;

namespace {

struct Applied {
  test::ScratchDatabase scratch;
  std::unique_ptr<db::Connection> c;
  test::LiveSchema live;
  explicit Applied(db::Engine e, const test::Rendered& rendered) : scratch(e) {
    if (!scratch.ok()) return;
    c = scratch.connect();
    test::run_script(*c, rendered.out.files.at(std::string(db::to_string(e)) + "/schema.sql"));
    live = test::read_live_schema(*c);
  }
  const test::LiveColumn& column(const std::string& table, const std::string& name) const {
    const auto* col = live.tables.at(table).column(name);
    INFO(table << "." << name);
    REQUIRE(col);
    return *col;
  }
};

// engine -> what it reports, in the order postgres, mysql, sqlite.
std::string per_engine(db::Engine e, const char* pg, const char* my, const char* lite) {
  return e == db::Engine::postgres ? pg : e == db::Engine::mysql ? my : lite;
}

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite};

}  // namespace

TEST_CASE("doc variations apply to real engines and read back as the docs mean", "[doc-variations][pg][mysql][sqlite]") {
  auto rendered = test::render_specs({"tests/fixtures/doc_variations"});
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      Applied db(e, rendered);
      if (!db.c) continue;

      // 1. The unique key stated twice is one constraint, not a key and an index.
      const auto& accounts = db.live.tables.at("accounts");
      CHECK(accounts.uniques == std::set<std::string>{e == db::Engine::sqlite ? "email" : "uq_accounts_email: email"});
      CHECK(accounts.indexes == std::map<std::string, std::string>{{"idx_accounts_region", "region"}});

      // 2 and 5. Each engine gets its own half; INTERVAL and INT1 exist.
      CHECK(db.column("documents", "title").type == per_engine(e, "text", "varchar(200)", "text"));
      CHECK(db.column("documents", "public_id").type == per_engine(e, "uuid", "char(36)", "text"));
      CHECK(db.column("documents", "digest").type == per_engine(e, "bytea", "varbinary(32)", "blob"));
      CHECK(db.column("documents", "review_every").type == per_engine(e, "interval", "varchar(64)", "text"));
      CHECK(db.column("documents", "editor_rank").type == per_engine(e, "smallint", "tinyint", "integer"));

      // 3 and 4. Defaults per engine, the repaired cast, the cast written for every engine.
      CHECK(db.column("settings", "enabled").default_value == per_engine(e, "false", "0", "0"));
      CHECK(db.column("settings", "encoding").default_value == per_engine(e, "UTF8", "utf8mb4", ""));
      CHECK(db.column("settings", "encoding").has_default == (e != db::Engine::sqlite));
      CHECK(db.column("settings", "retries").default_value == "3");
      CHECK(db.column("settings", "labels").has_default == (e == db::Engine::postgres));
      if (e == db::Engine::postgres) CHECK(db.column("settings", "labels").default_value == "[]");
      CHECK(db.column("settings", "options").default_value == "{}");
      CHECK(db.column("settings", "fallback").has_default == (e == db::Engine::mysql));
      CHECK(db.column("documents", "price").type == per_engine(e, "numeric", "decimal(12,2)", "numeric"));
      // The rows a default-taking insert leaves behind.
      const std::string insert = per_engine(e, "INSERT INTO settings (id) VALUES (1)",
                                            "INSERT INTO settings (id, labels) VALUES (1, '[]')",
                                            "INSERT INTO settings (id, encoding, labels) VALUES (1, 'UTF-8', '[]')");
      db.c->execute(insert);
      auto row = db.c->query("SELECT enabled, encoding, retries FROM settings WHERE id = 1");
      REQUIRE(row.rows.size() == 1);
      CHECK_FALSE(db::as_bool(row.rows[0][0]));
      CHECK(db::as_string(row.rows[0][1]) == per_engine(e, "UTF8", "utf8mb4", "UTF-8"));
      CHECK(db::as_int(row.rows[0][2]) == 3);
      if (e == db::Engine::postgres)
        CHECK(db::as_string(db.c->query("SELECT labels::text FROM settings WHERE id = 1").scalar()) == "[]");

      // 6. The GIN index keeps its method and operator class, on PostgreSQL only.
      const auto& events = db.live.tables.at("events");
      if (e == db::Engine::postgres) {
        CHECK(events.indexes.count("idx_events_payload") == 1);
        CHECK(db::as_string(db.c->query("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_events_payload'").scalar())
                  .find("USING gin (payload jsonb_path_ops)") != std::string::npos);
      } else {
        CHECK(events.indexes.count("idx_events_payload") == 0);
      }
      CHECK(events.indexes.count("idx_events_kind") == 1);

      // 7. Keys named in prose and in the engine sections' SQL.
      CHECK(db.live.tables.at("tickets").primary_key == std::vector<std::string>{"ticket_ref"});
      CHECK(db.live.tables.at("ledger_entries").primary_key == std::vector<std::string>{"tenant_id", "entry_no"});
      db.c->execute("INSERT INTO ledger_entries (tenant_id, entry_no, amount) VALUES (1, 1, 2.50)");
      CHECK_THROWS_AS(db.c->execute("INSERT INTO ledger_entries (tenant_id, entry_no, amount) VALUES (1, 1, 3.00)"), db::UniqueViolation);

      // And drift reads every one of them back as the docs say.
      auto drift = test::run_cli("drift --spec tests/fixtures/doc_variations --dsn " + test::shell_quote(test::dsn_string(db.scratch.dsn())));
      INFO(drift.output);
      CHECK(drift.exit_code == 0);
    }
  }
}

TEST_CASE("repositories leave a column out of an insert only where every engine has a default for it", "[doc-variations][render]") {
  auto rendered = test::render_specs({"tests/fixtures/doc_variations/engine_defaults.md"});
  const std::string& hpp = rendered.out.files.at("cpp/settings.hpp");
  CHECK(hpp.find("sf::db::Defaulted<bool> enabled") != std::string::npos);     // 0 and FALSE: every engine
  CHECK(hpp.find("sf::db::Defaulted<std::int32_t> retries") != std::string::npos);
  CHECK(hpp.find("sf::db::Defaulted<std::string> encoding") == std::string::npos);  // none on SQLite
  CHECK(hpp.find("std::string encoding") != std::string::npos);
  CHECK(hpp.find("sf::db::Defaulted<sf::db::Json> labels") == std::string::npos);  // PostgreSQL's alone
}

TEST_CASE("generate --keep-going writes every valid table, lists the rest, and exits 1", "[doc-variations][cli]") {
  namespace fs = std::filesystem;
  const fs::path out = fs::temp_directory_path() / ("schemaforge-keep-going-" + std::to_string(::getpid()));
  fs::remove_all(out);

  auto plain = test::run_cli("generate --spec tests/fixtures/keep_going --out " + out.string());
  CHECK(plain.exit_code == 1);
  CHECK(plain.output.find("nothing written (--keep-going writes the valid tables)") != std::string::npos);
  CHECK_FALSE(fs::exists(out));

  auto r = test::run_cli("generate --keep-going --spec tests/fixtures/keep_going --out " + out.string());
  INFO(r.output);
  CHECK(r.exit_code == 1);
  // Every error is still reported, where it is.
  CHECK(r.output.find("tests/fixtures/keep_going/imprints.md:9: error:") != std::string::npos);
  CHECK(r.output.find("tests/fixtures/keep_going/awards.md:18: error:") != std::string::npos);
  // What was skipped, and why.
  CHECK(r.output.find("skipped tests/fixtures/keep_going/imprints.md: not read") != std::string::npos);
  CHECK(r.output.find("skipped awards: foreign key 'fk_awards_publisher' has ON DELETE SET NULL") != std::string::npos);
  CHECK(r.output.find("skipped titles: foreign key 'fk_titles_imprint' of 'titles' references table 'imprints'") != std::string::npos);
  CHECK(r.output.find("2 of the specs' tables written, 3 skipped") != std::string::npos);
  CHECK(r.output.find("overlay for table 'imprints', which no spec defines; skipped") != std::string::npos);
  // The valid tables' outputs, and only theirs.
  const std::string ddl = test::read_file(out / "postgres/001_tables.sql");
  CHECK(ddl.find("CREATE TABLE IF NOT EXISTS publishers") != std::string::npos);
  CHECK(ddl.find("CREATE TABLE IF NOT EXISTS catalogues") != std::string::npos);
  CHECK(ddl.find("titles") == std::string::npos);  // not even among the sources in the header
  CHECK(ddl.find("awards") == std::string::npos);
  CHECK(fs::exists(out / "cpp/catalogues.hpp"));
  CHECK_FALSE(fs::exists(out / "cpp/titles.hpp"));
  // What was written applies.
  test::ScratchDatabase scratch(db::Engine::sqlite);
  auto c = scratch.connect();
  test::run_script(*c, test::read_file(out / "sqlite/schema.sql"));
  c->execute("INSERT INTO publishers (id, name) VALUES (1, 'p')");
  c->execute("INSERT INTO catalogues (id, publisher_id) VALUES (1, 1)");
  CHECK(db::as_int(c->query("SELECT COUNT(*) FROM catalogues").scalar()) == 1);
  fs::remove_all(out);
}
