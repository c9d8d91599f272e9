// Generates every output (three dialects' DDL and views, schema.json, one doc
// page per table, the Mermaid ER diagram) for 1,000 synthetic tables of 12
// columns, 3 indexes and 2 FKs. Target on the 2-core reference machine: under
// 1 s and 200 MiB. Prints numbers; never fails on a missed target.
#include <fmt/format.h>

#include "bench/bench_util.hpp"
#include "bench/synthetic_schema.hpp"
#include "generator/cli/malloc_tuning.hpp"
#include "generator/cli/spec_pipeline.hpp"
#include "generator/dialect/dialect.hpp"
#include "generator/render/generate.hpp"
#include "generator/render/template_data.hpp"
#include "generator/render/template_engine.hpp"

using namespace sf;


int main(int argc, char** argv) {
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
  fmt::print("  wall time    : {:.3f} s   (target < 1 s)\n", wall);
  // Where the time goes, per phase, for one dialect.
  {
    const auto& pg = dialect::dialect_named("postgres");
    auto folder = render::load_template_folder(o.templates_dir / "sql" / "postgres");
    auto t0 = std::chrono::steady_clock::now();
    auto view = render::sql_view(schema, pg, diags);
    double t_view = sf::bench::seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    render::TemplateData data(view, folder.partials);
    double t_data = sf::bench::seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    for (const auto& [file, text] : folder.templates) (void)render::render_template(file, text, data);
    double t_render = sf::bench::seconds_since(t0);
    fmt::print("  postgres     : view {:.3f} s, template data {:.3f} s, rendering {:.3f} s\n", t_view, t_data, t_render);
  }
  fmt::print("  peak memory  : {:.1f} MiB (target < 200 MiB)\n", sf::bench::peak_rss_mib());
  return 0;
}
