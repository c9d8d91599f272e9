// Generates every output (three dialects' DDL and views, schema.json, one doc
// page per table, the Mermaid ER diagram, each table's C++ repository) for
// 1,000 synthetic tables of 12 columns, 3 indexes and 2 FKs. Target on the
// 2-core reference machine: under 1 s and 200 MiB. Prints numbers; never
// fails on a missed target.
#include <fmt/format.h>

#include "bench/bench_util.hpp"
#include "bench/synthetic_schema.hpp"
#include "generator/cli/malloc_tuning.hpp"
#include "generator/cli/spec_pipeline.hpp"
#include "generator/dialect/dialect.hpp"
#include "generator/render/generate.hpp"
#include "generator/render/parallel.hpp"

using namespace sf;

static int run(int argc, char** argv) {
  sf::cli::tune_malloc();
  const int tables = argc > 1 ? std::stoi(argv[1]) : 1000;
  model::Schema schema = sf::bench::synthetic_schema(tables);
  model::Diagnostics diags;
  render::GenerateOptions o;
  o.templates_dir = SCHEMAFORGE_TEMPLATES_DIR;
  o.sources = {"bench/synthetic"};
  o.diagrams = false;  // Graphviz layout of 1,000 tables is dot's time, not ours
  auto start = std::chrono::steady_clock::now();
  auto out = render::generate(schema, o, diags);
  double wall = sf::bench::seconds_since(start);
  std::size_t bytes = 0;
  for (const auto& [p, c] : out.files) bytes += c.size();
  fmt::print("render: {} synthetic tables (12 columns / 3 indexes / 2 FKs) -> {} files, {:.1f} MiB\n", tables,
             out.files.size(), static_cast<double>(bytes) / (1 << 20));
  fmt::print("  wall time    : {:.3f} s   (target < 1 s; {} rendering threads)\n", wall, render::available_threads());
  fmt::print("  peak memory  : {:.1f} MiB (target < 200 MiB)\n", sf::bench::peak_rss_mib());
  // The same on one thread, then where that time goes: each dialect's SQL,
  // then generate with no dialects (schema.json and docs) and with the C++
  // repositories added.
  {
    render::GenerateOptions one = o;
    one.threads = 1;
    out = {};
    auto t0 = std::chrono::steady_clock::now();
    out = render::generate(schema, one, diags);
    fmt::print("  one thread   : {:.3f} s\n", sf::bench::seconds_since(t0));
  }
  {
    std::string phases;
    for (const auto& d : o.dialects) {
      auto t0 = std::chrono::steady_clock::now();
      (void)render::render_sql(schema, d, o.templates_dir, diags);
      phases += fmt::format("{} {:.3f} s, ", d, sf::bench::seconds_since(t0));
    }
    render::GenerateOptions rest = o;
    rest.threads = 1;
    rest.dialects.clear();
    rest.cpp = false;
    auto t0 = std::chrono::steady_clock::now();
    (void)render::generate(schema, rest, diags);
    const double docs = sf::bench::seconds_since(t0);
    rest.cpp = true;
    t0 = std::chrono::steady_clock::now();
    (void)render::generate(schema, rest, diags);
    const double cpp = sf::bench::seconds_since(t0) - docs;
    fmt::print("  phases       : {}schema.json + docs {:.3f} s, C++ repositories {:.3f} s\n", phases, docs, cpp);
  }
  return 0;
}

int main(int argc, char** argv) {
  return sf::bench::guarded("bench_render", [&] { return run(argc, argv); });
}
