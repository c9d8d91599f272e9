// Inspect and drift-check a database of 1,000 tables (12 columns, 3 indexes,
// 2 FKs each, plus their views) on PostgreSQL and MariaDB, beside
// @pgkit/migra diffing the same PostgreSQL database when its binary is given,
// and adopt it (inspect → a project's spec files, as `inspect --out` writes
// them, YAML and markdown). Targets: drift under 2 s per engine and faster
// than migra; adoption under 2 s per engine. Prints numbers.
//
//   bench_drift [tables] [path/to/migra]     (servers: scripts/test-servers.sh env)
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include "bench/bench_util.hpp"
#include "bench/synthetic_schema.hpp"
#include "generator/cli/malloc_tuning.hpp"
#include "generator/cli/view_drift.hpp"
#include "generator/diff/drift.hpp"
#include "generator/dialect/dialect.hpp"
#include "generator/inspect/inspect.hpp"
#include "generator/inspect/project_writer.hpp"
#include "generator/migrate/statement_splitter.hpp"
#include "generator/render/generate.hpp"
#include "generator/render/template_data.hpp"

using namespace sf;

static int run(int argc, char** argv) {
  cli::tune_malloc();
  const int tables = argc > 1 ? std::stoi(argv[1]) : 1000;
  const std::string migra = argc > 2 ? argv[2] : "";
  model::Schema spec = bench::synthetic_schema(tables);
  fmt::print("drift: {} tables (12 columns, 3 indexes, 2 FKs each, plus contract and status views)\n", tables);
  for (auto [engine, var] : {std::pair{db::Engine::postgres, "SCHEMAFORGE_TEST_PG_DSN"}, std::pair{db::Engine::mysql, "SCHEMAFORGE_TEST_MYSQL_DSN"}}) {
    const char* env = std::getenv(var);
    if (!env) {
      fmt::print("{}: {} not set, skipped\n", db::to_string(engine), var);
      continue;
    }
    const auto& d = dialect::dialect_named(db::to_string(engine));
    db::Dsn admin = db::Dsn::parse(env);
    {
      auto c = db::connect(admin);
      c->execute(engine == db::Engine::postgres ? "DROP DATABASE IF EXISTS sf_bench_drift WITH (FORCE)" : "DROP DATABASE IF EXISTS sf_bench_drift");
      c->execute("CREATE DATABASE sf_bench_drift");
    }
    db::Dsn target = admin;
    target.database = "sf_bench_drift";
    auto conn = db::connect(target);
    model::Diagnostics diags;
    auto setup = std::chrono::steady_clock::now();
    for (const auto& [file, body] : render::render_sql(spec, std::string(d.name()), SCHEMAFORGE_TEMPLATES_DIR, diags))
      for (const auto& st : migrate::split_statements(body)) conn->execute(st.sql);
    double t_setup = bench::seconds_since(setup);

    double rss_before = bench::peak_rss_mib();
    auto start = std::chrono::steady_clock::now();
    model::Schema live = inspect::inspect(*conn);
    double t_inspect = bench::seconds_since(start);
    std::map<std::string, std::vector<std::string>> live_views, spec_views;
    for (const auto& t : live.tables)
      for (const auto& v : t.views) live_views[t.name].push_back(v.name);
    spec_views = cli::views_generate_writes(spec, d);
    auto check = diff::check_drift(live, spec, d, live_views, spec_views);
    const auto view_start = std::chrono::steady_clock::now();
    if (auto bodies = cli::view_body_drift(d, *conn, spec, spec_views, SCHEMAFORGE_TEMPLATES_DIR, check); !bodies.empty())
      check = diff::check_drift(live, spec, d, live_views, spec_views, bodies);
    const auto& report = check.report;
    const double t_views = bench::seconds_since(view_start);
    double t_total = bench::seconds_since(start);
    fmt::print("{}: database built in {:.1f} s\n", d.name(), t_setup);
    fmt::print("  inspect          : {:.3f} s ({} tables read)\n", t_inspect, live.tables.size());
    fmt::print("  inspect + drift  : {:.3f} s   (target < 2 s), {} difference(s); of it view bodies {:.3f} s\n", t_total,
               report.items.size(), t_views);
    fmt::print("  peak memory      : {:.1f} MiB ({:.1f} before)\n", bench::peak_rss_mib(), rss_before);
    // Adoption as `inspect --out DIR [--format markdown]` does it: read the
    // database, write one spec file per table (markdown docs are read back
    // before they are written, and an overlay beside a doc that cannot say all).
    for (const auto form : {inspect::SpecForm::yaml, inspect::SpecForm::markdown}) {
      const auto dir = std::filesystem::temp_directory_path() / fmt::format("sf_bench_adopt_{}", ::getpid());
      std::filesystem::remove_all(dir);
      const auto t0 = std::chrono::steady_clock::now();
      const model::Schema read = inspect::inspect(*conn);
      const auto written = inspect::write_project(read, std::string(d.name()), dir, "bench_drift", form);
      const double t_adopt = bench::seconds_since(t0);
      fmt::print("  adopt ({:8})  : {:.3f} s   (target < 2 s), {} files{}\n", form == inspect::SpecForm::yaml ? "yaml" : "markdown", t_adopt,
                 written.files.size(),
                 written.yaml_instead.empty() ? std::string{}
                                              : fmt::format(", {} tables as YAML (first: {})", written.yaml_instead.size(), written.yaml_instead[0]));
      std::filesystem::remove_all(dir);
    }
    if (engine == db::Engine::postgres && !migra.empty()) {
      std::string url = fmt::format("postgresql://{}:{}@{}:{}/{}", target.user, target.password, target.host, target.port, target.database);
      auto m0 = std::chrono::steady_clock::now();
      int rc = std::system(fmt::format("'{}' '{}' '{}' --unsafe >/dev/null 2>&1", migra, url, url).c_str());
      double t_migra = bench::seconds_since(m0);
      fmt::print("  migra (same db)  : {:.3f} s{}  -> schemaforge / migra = {:.2f}x\n", t_migra, rc == 0 ? "" : " (exit " + std::to_string(rc) + ")",
                 t_total / t_migra);
    }
    conn.reset();
    auto c = db::connect(admin);
    c->execute(engine == db::Engine::postgres ? "DROP DATABASE IF EXISTS sf_bench_drift WITH (FORCE)" : "DROP DATABASE IF EXISTS sf_bench_drift");
  }
  return 0;
}

int main(int argc, char** argv) {
  return sf::bench::guarded("bench_drift", [&] { return run(argc, argv); });
}
