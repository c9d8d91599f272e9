// How schemaforge grows with the schema (issue 20, item 6): generate,
// `migrate new` and drift at each size given (default 1,000 and 10,000
// synthetic tables of 12 columns, 3 indexes and 2 FKs, with their views),
// and the growth from the smallest size to each larger one beside the
// linear bound (10x the tables in at most 11x the time). Drift runs on
// SQLite (a temporary file) and, where its DSN is set, PostgreSQL and
// MariaDB; building those databases is not timed. Prints numbers; never
// fails on a missed target.
//
//   bench_scale [tables ...] [--engines sqlite,postgres,mysql]
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <unistd.h>

#include "bench/bench_util.hpp"
#include "bench/synthetic_schema.hpp"
#include "generator/cli/malloc_tuning.hpp"
#include "generator/cli/view_drift.hpp"
#include "generator/diff/drift.hpp"
#include "generator/dialect/dialect.hpp"
#include "generator/inspect/inspect.hpp"
#include "generator/migrate/new_migration.hpp"
#include "generator/migrate/statement_splitter.hpp"
#include "generator/model/engines.hpp"
#include "generator/model/strings.hpp"
#include "generator/render/generate.hpp"
#include "generator/render/template_data.hpp"

using namespace sf;
namespace fs = std::filesystem;

namespace {

// A spec change as a team makes one: every tenth table gains a column and an index on it.
model::Schema changed(model::Schema s) {
  for (std::size_t i = 0; i < s.tables.size(); i += 10) {
    auto& t = s.tables[i];
    model::Column c;
    c.name = "priority";
    c.type = model::LogicalType::integer(32);
    c.nullable = false;
    c.default_value = {model::DefaultValue::Kind::number, "0"};
    t.columns.push_back(c);
    t.indexes.push_back({"idx_" + t.name + "_priority", {{"priority", false}}, false, {}, {}});
  }
  return s;
}

// The connection to a fresh database `name` on `engine`, or none where its DSN is not set.
std::unique_ptr<db::Connection> fresh_database(db::Engine engine, const std::string& name, const fs::path& sqlite_file) {
  if (engine == db::Engine::sqlite) {
    fs::remove(sqlite_file);
    return db::connect(db::Dsn::parse("sqlite:" + sqlite_file.string()));
  }
  const char* env = std::getenv(engine == db::Engine::postgres ? "SCHEMAFORGE_TEST_PG_DSN" : "SCHEMAFORGE_TEST_MYSQL_DSN");
  if (!env) return nullptr;
  db::Dsn admin = db::Dsn::parse(env);
  {
    auto c = db::connect(admin);
    c->execute(engine == db::Engine::postgres ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name);
    c->execute("CREATE DATABASE " + name);
  }
  admin.database = name;
  return db::connect(admin);
}

void drop_database(db::Engine engine, const std::string& name) {
  if (engine == db::Engine::sqlite) return;
  auto c = db::connect(db::Dsn::parse(std::getenv(engine == db::Engine::postgres ? "SCHEMAFORGE_TEST_PG_DSN" : "SCHEMAFORGE_TEST_MYSQL_DSN")));
  c->execute(engine == db::Engine::postgres ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name);
}

// Seconds of inspect + drift (view bodies too, as `schemaforge drift` does)
// of a database built from `spec`, or a negative number where the engine's DSN is not set.
double drift_seconds(const model::Schema& spec, db::Engine engine, const fs::path& work) {
  const std::string name = "sf_bench_scale";
  auto conn = fresh_database(engine, name, work / "scale.db");
  if (!conn) return -1;
  const auto& d = dialect::dialect_named(db::to_string(engine));
  model::Diagnostics diags;
  const auto setup = std::chrono::steady_clock::now();
  if (engine == db::Engine::sqlite) conn->execute("BEGIN");
  for (const auto& [file, body] : render::render_sql(spec, std::string(d.name()), SCHEMAFORGE_TEMPLATES_DIR, diags))
    for (const auto& st : migrate::split_statements(body)) conn->execute(st.sql);
  if (engine == db::Engine::sqlite) conn->execute("COMMIT");
  fmt::print("    ({} built in {:.1f} s)\n", d.name(), bench::seconds_since(setup));

  const auto start = std::chrono::steady_clock::now();
  const model::Schema live = inspect::inspect(*conn);
  std::map<std::string, std::vector<std::string>> live_views;
  for (const auto& t : live.tables)
    for (const auto& v : t.views) live_views[t.name].push_back(v.name);
  const auto spec_views = cli::views_generate_writes(spec, d);
  auto check = diff::check_drift(live, spec, d, live_views, spec_views);
  if (auto bodies = cli::view_body_drift(d, *conn, spec, spec_views, SCHEMAFORGE_TEMPLATES_DIR, check); !bodies.empty())
    check = diff::check_drift(live, spec, d, live_views, spec_views, bodies);
  const double seconds = bench::seconds_since(start);
  if (!check.report.items.empty()) fmt::print("    ({} drift items: the bench's database is not its spec)\n", check.report.items.size());
  conn.reset();
  drop_database(engine, name);
  return seconds;
}

struct Row {
  int tables = 0;
  std::map<std::string, double> seconds;  // what -> seconds (negative: not run)
};

}  // namespace

static int run(int argc, char** argv) {
  cli::tune_malloc();
  std::vector<int> sizes;
  std::vector<db::Engine> engines = {db::Engine::sqlite, db::Engine::postgres, db::Engine::mysql};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--engines" && i + 1 < argc) {
      engines.clear();
      for (const auto& name : model::split_list(argv[++i]))
        for (auto e : {db::Engine::sqlite, db::Engine::postgres, db::Engine::mysql})
          if (db::to_string(e) == model::canonical_engine(model::trim(name))) engines.push_back(e);
    } else {
      sizes.push_back(std::stoi(arg));
    }
  }
  if (sizes.empty()) sizes = {1000, 10000};
  const fs::path work = fs::temp_directory_path() / fmt::format("sf_bench_scale_{}", ::getpid());
  fs::create_directories(work);

  std::vector<std::string> columns = {"generate", "migrate new (init)", "migrate new (change)"};
  for (auto e : engines) columns.push_back(fmt::format("drift {}", db::to_string(e)));
  std::vector<Row> rows;
  for (int tables : sizes) {
    fmt::print("{} tables:\n", tables);
    Row row{tables, {}};
    const model::Schema spec = bench::synthetic_schema(tables);

    model::Diagnostics diags;
    render::GenerateOptions o;
    o.templates_dir = SCHEMAFORGE_TEMPLATES_DIR;
    o.sources = {"bench/synthetic"};
    o.diagrams = false;  // Graphviz's layout time, not ours
    auto t0 = std::chrono::steady_clock::now();
    const auto out = render::generate(spec, o, diags);
    row.seconds["generate"] = bench::seconds_since(t0);

    migrate::NewMigrationRequest request;
    request.dir = work / fmt::format("migrations_{}", tables);
    request.templates = SCHEMAFORGE_TEMPLATES_DIR;
    request.dialects = {"postgres", "mysql", "sqlite"};
    request.name = "init";
    t0 = std::chrono::steady_clock::now();
    const auto init = migrate::plan_new_migration(spec, request);
    migrate::write_new_migration(init, spec, request);
    row.seconds["migrate new (init)"] = bench::seconds_since(t0);
    const model::Schema next = changed(spec);
    request.name = "priority";
    t0 = std::chrono::steady_clock::now();
    const auto change = migrate::plan_new_migration(next, request);
    migrate::write_new_migration(change, next, request);
    row.seconds["migrate new (change)"] = bench::seconds_since(t0);
    fmt::print("    ({} files generated; {} and {} changes planned)\n", out.files.size(), init.changes.size(), change.changes.size());

    for (auto e : engines) row.seconds[fmt::format("drift {}", db::to_string(e))] = drift_seconds(spec, e, work);
    for (const auto& c : columns)
      fmt::print("  {:22}: {}\n", c, row.seconds[c] < 0 ? std::string("not run (no DSN)") : fmt::format("{:.3f} s", row.seconds[c]));
    fmt::print("  peak memory so far    : {:.0f} MiB\n", bench::peak_rss_mib());
    rows.push_back(std::move(row));
  }

  // Growth beside linear: k times the tables in at most 1.1·k times the time.
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const double k = static_cast<double>(rows[i].tables) / rows[0].tables;
    fmt::print("growth {} -> {} tables ({:.0f}x; linear bound {:.1f}x):\n", rows[0].tables, rows[i].tables, k, 1.1 * k);
    for (const auto& c : columns) {
      const double a = rows[0].seconds[c], b = rows[i].seconds[c];
      if (a <= 0 || b < 0) continue;
      fmt::print("  {:22}: {:.1f}x {}\n", c, b / a, b / a <= 1.1 * k ? "(within)" : "(above the bound)");
    }
  }
  fs::remove_all(work);
  return 0;
}

int main(int argc, char** argv) {
  return sf::bench::guarded("bench_scale", [&] { return run(argc, argv); });
}
