// 200 migrations (one table each: 12 columns, 2 indexes, 1 FK) applied to
// PostgreSQL and MariaDB by schemaforge, beside the same SQL piped raw into
// psql / mariadb, and beside dbmate when its binary is given. Then all 200
// rolled back: schemaforge in one call, dbmate one process per migration.
// Targets: at most 1.15x raw, faster than dbmate both ways. Prints numbers.
//
//   bench_migrate [count] [path/to/dbmate]     (servers: scripts/test-servers.sh env)
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>

#include "bench/bench_util.hpp"
#include "bench/synthetic_schema.hpp"
#include "generator/model/generated_views.hpp"
#include "generator/cli/malloc_tuning.hpp"
#include "generator/migrate/template_ddl.hpp"
#include "generator/diff/plan.hpp"
#include "generator/migrate/migrator.hpp"
#include "runtime/db/connection.hpp"

using namespace sf;
namespace fs = std::filesystem;

namespace {

// Writes schemaforge's folder (and dbmate's) for one dialect; returns the up scripts.
std::vector<std::string> write_migrations(const fs::path& root, const std::string& dialect, int count) {
  const auto& d = dialect::dialect_named(dialect);
  migrate::TemplateDdl ddl(dialect, SCHEMAFORGE_TEMPLATES_DIR);
  model::Schema prev, next;
  std::vector<std::string> ups;
  fs::create_directories(root / dialect);
  fs::create_directories(root / ("dbmate-" + dialect));
  for (int i = 0; i < count; ++i) {
    next.tables.push_back(sf::bench::synthetic_table(i, 1, false));
    model::resolve_generated_views(next);  // as validation leaves a schema: with its contract views
    auto up = diff::plan(diff::diff(prev, next, {}), d, ddl).script();
    auto down = diff::plan(diff::diff(next, prev, {}), d, ddl).script();
    std::string id = fmt::format("{:04}_create_bench_m_{:03}", i + 1, i);
    std::ofstream(root / dialect / (id + ".up.sql")) << up;
    std::ofstream(root / dialect / (id + ".down.sql")) << down;
    std::ofstream(root / ("dbmate-" + dialect) / (fmt::format("{:014}", i + 1) + "_create_bench_m.sql"))
        << "-- migrate:up\n" << up << "\n-- migrate:down\n" << down;
    ups.push_back(up);
    prev = next;
  }
  auto dir = migrate::MigrationDir::load(root, dialect);
  std::ofstream(root / dialect / "schemaforge.sum") << dir.sum_text();
  return ups;
}

db::Dsn fresh_database(const db::Dsn& admin, const std::string& name) {
  auto c = db::connect(admin);
  c->execute(admin.engine == db::Engine::postgres ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name);
  c->execute("CREATE DATABASE " + name);
  db::Dsn d = admin;
  d.database = name;
  return d;
}

std::string url(const db::Dsn& d) {
  return std::string(d.engine == db::Engine::postgres ? "postgres" : "mysql") + "://" + d.user + ":" + d.password + "@" + d.host + ":" +
         std::to_string(d.port) + "/" + d.database + (d.engine == db::Engine::postgres ? "?sslmode=disable" : "");
}

double run_timed(const std::string& cmd) {
  auto start = std::chrono::steady_clock::now();
  int rc = std::system(cmd.c_str());
  double t = sf::bench::seconds_since(start);
  if (rc != 0) fmt::print("  (command failed: exit {})\n", rc);
  return t;
}

}  // namespace

static int run(int argc, char** argv) {
  cli::tune_malloc();
  const int count = argc > 1 ? std::stoi(argv[1]) : 200;
  const std::string dbmate = argc > 2 ? argv[2] : "";
  fs::path root = fs::temp_directory_path() / "schemaforge-bench-migrate";
  fs::remove_all(root);
  fmt::print("migrate: {} migrations, one table each (12 columns, 2 indexes, 1 FK)\n", count);
  for (auto [engine, var] : {std::pair{db::Engine::postgres, "SCHEMAFORGE_TEST_PG_DSN"}, std::pair{db::Engine::mysql, "SCHEMAFORGE_TEST_MYSQL_DSN"}}) {
    const char* env = std::getenv(var);
    if (!env) {
      fmt::print("{}: {} not set, skipped\n", db::to_string(engine), var);
      continue;
    }
    const std::string dialect = db::to_string(engine);
    db::Dsn admin = db::Dsn::parse(env);
    auto ups = write_migrations(root, dialect, count);
    auto dir = migrate::MigrationDir::load(root, dialect);

    db::Dsn target = fresh_database(admin, "sf_bench_migrate");
    auto conn = db::connect(target);
    migrate::Migrator m(*conn, dialect::dialect_named(dialect), dir, {});
    auto t0 = std::chrono::steady_clock::now();
    auto applied = m.up();
    double t_up = sf::bench::seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    auto rolled = m.down(count);
    double t_down = sf::bench::seconds_since(t0);
    conn.reset();

    target = fresh_database(admin, "sf_bench_migrate");
    std::string all;
    for (const auto& u : ups) all += u;
    std::ofstream(root / ("raw-" + dialect + ".sql")) << all;
    std::string raw_cmd = engine == db::Engine::postgres
                              ? fmt::format("psql '{}' -q -v ON_ERROR_STOP=1 -f '{}' >/dev/null", url(target), (root / ("raw-" + dialect + ".sql")).string())
                              : fmt::format("MYSQL_PWD='{}' mariadb -h {} -P {} -u {} {} < '{}'", target.password, target.host, target.port,
                                            target.user, target.database, (root / ("raw-" + dialect + ".sql")).string());
    double t_raw = run_timed(raw_cmd);

    fmt::print("{}:\n", dialect);
    fmt::print("  schemaforge up   : {:.3f} s for {} migrations ({:.1f} ms each)\n", t_up, applied.applied.size(), 1000 * t_up / count);
    fmt::print("  raw {:<12} : {:.3f} s   -> schemaforge / raw = {:.2f}x (target <= 1.15x)\n",
               engine == db::Engine::postgres ? "psql -f" : "mariadb <", t_raw, t_up / t_raw);
    fmt::print("  schemaforge down : {:.3f} s for {} migrations, one call\n", t_down, rolled.applied.size());
    if (!dbmate.empty()) {
      target = fresh_database(admin, "sf_bench_migrate");
      std::string env_prefix = fmt::format("DATABASE_URL='{}' {} --no-dump-schema --migrations-dir '{}'", url(target), dbmate,
                                           (root / ("dbmate-" + dialect)).string());
      double d_up = run_timed(env_prefix + " up >/dev/null");
      auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < count; ++i) std::system((env_prefix + " rollback >/dev/null").c_str());
      double d_down = sf::bench::seconds_since(start);
      fmt::print("  dbmate up        : {:.3f} s   -> schemaforge / dbmate = {:.2f}x\n", d_up, t_up / d_up);
      fmt::print("  dbmate rollback  : {:.3f} s ({} processes) -> schemaforge / dbmate = {:.2f}x\n", d_down, count, t_down / d_down);
    } else {
      fmt::print("  dbmate           : not given (npm install dbmate; pass node_modules/.bin/dbmate)\n");
    }
    auto c = db::connect(admin);
    c->execute(engine == db::Engine::postgres ? "DROP DATABASE IF EXISTS sf_bench_migrate WITH (FORCE)" : "DROP DATABASE IF EXISTS sf_bench_migrate");
  }
  fs::remove_all(root);
  return 0;
}

int main(int argc, char** argv) {
  return sf::bench::guarded("bench_migrate", [&] { return run(argc, argv); });
}
