// Ingest + validate 1,000 generated markdown specs in the seeds' format (12
// columns, 3 indexes, 2 FKs, both engine sections each). Target on the 2-core
// reference machine: under 0.5 s and 100 MiB. Prints numbers; never fails.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "bench/bench_util.hpp"
#include "generator/cli/malloc_tuning.hpp"
#include "generator/cli/spec_pipeline.hpp"

namespace fs = std::filesystem;

namespace {

std::string spec_for(int i) {
  std::string name = fmt::format("bench_table_{:04}", i);
  std::string parent1 = fmt::format("bench_table_{:04}", i > 0 ? i - 1 : 0);
  std::string parent2 = fmt::format("bench_table_{:04}", i > 1 ? i - 2 : 0);
  std::string md = fmt::format("# {}\n\nSynthetic table {} for the ingest benchmark.\n\n## Columns\n"
                               "| Column | Type | Null | Default | Description |\n| --- | --- | --- | --- | --- |\n", name, i);
  md += "| id | BIGINT | NO |  | Surrogate primary key. |\n";
  md += "| parent_id | BIGINT | YES |  | First parent. |\n";
  md += "| other_id | BIGINT | YES |  | Second parent. |\n";
  md += "| status | ENUM('pending','running','done','failed') | NO | pending | Status. (enum: pending, running, done, failed) |\n";
  md += "| attempts | INT | NO | 0 | Retry counter. |\n";
  md += "| payload | mysql: JSON / postgres: JSONB | YES |  | Payload. |\n";
  md += "| label | VARCHAR(120) | NO |  | Label. |\n";
  md += "| amount | DECIMAL(12,2) | YES |  | Amount. |\n";
  md += "| enabled | BOOLEAN | NO | TRUE | Flag. |\n";
  md += "| scheduled_at | mysql: DATETIME(6) / postgres: TIMESTAMPTZ(6) | YES |  | Schedule. |\n";
  md += "| created_at | DATETIME(6) | NO | CURRENT_TIMESTAMP(6) | Creation. |\n";
  md += "| note | TEXT | YES |  | Note. |\n\n## Engine Details\n";
  for (const char* engine : {"mysql", "postgres"}) {
    md += fmt::format("\n### {}\n\nIndexes:\n| Name | Columns | SQL |\n| --- | --- | --- |\n", engine);
    md += fmt::format("| idx_{0}_sched | status,scheduled_at | CREATE INDEX idx_{0}_sched ON {0} (status, scheduled_at) |\n", name);
    md += fmt::format("| idx_{0}_parent | parent_id | CREATE INDEX idx_{0}_parent ON {0} (parent_id) |\n", name);
    md += fmt::format("| idx_{0}_other | other_id | CREATE INDEX idx_{0}_other ON {0} (other_id) |\n", name);
    md += "\nForeign keys:\n| Name | Columns | References | Actions |\n| --- | --- | --- | --- |\n";
    md += fmt::format("| fk_{0}_parent | parent_id | {1}(id) | ON DELETE SET NULL |\n", name, parent1);
    md += fmt::format("| fk_{0}_other | other_id | {1}(id) | ON DELETE CASCADE |\n", name, parent2);
  }
  md += fmt::format("\n## Views\n| View | Engine | Flags | File |\n| --- | --- | --- | --- |\n"
                    "| vw_{0} | mysql | algorithm=MERGE, security=INVOKER | views.sql |\n", name);
  return md;
}

}  // namespace

static int run(int argc, char** argv) {
  sf::cli::tune_malloc();
  const int tables = argc > 1 ? std::stoi(argv[1]) : 1000;
  fs::path dir = fs::temp_directory_path() / "schemaforge-bench-ingest";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::size_t bytes = 0;
  for (int i = 0; i < tables; ++i) {
    std::string md = spec_for(i);
    bytes += md.size();
    std::ofstream(dir / fmt::format("t{:04}.md", i)) << md;
  }
  double rss_before = sf::bench::peak_rss_mib();
  auto start = std::chrono::steady_clock::now();
  auto result = sf::cli::load_and_validate({dir});
  double wall = sf::bench::seconds_since(start);
  bool ok = !result.diagnostics.has_errors() && result.schema.tables.size() == static_cast<std::size_t>(tables);
  fmt::print("ingest+validate: {} markdown specs ({:.1f} MiB), 12 columns / 3 indexes / 2 FKs each\n", tables,
             static_cast<double>(bytes) / (1 << 20));
  fmt::print("  result       : {}\n", ok ? "ok" : "FAILED (" + std::to_string(result.diagnostics.count(sf::model::Severity::error)) + " errors)");
  fmt::print("  wall time    : {:.3f} s   (target < 0.5 s)\n", wall);
  fmt::print("  peak memory  : {:.1f} MiB (target < 100 MiB; {:.1f} MiB before ingest)\n", sf::bench::peak_rss_mib(), rss_before);
  fmt::print("  throughput   : {:.0f} specs/s\n", tables / wall);
  fs::remove_all(dir);
  return ok ? 0 : 1;
}

int main(int argc, char** argv) {
  return sf::bench::guarded("bench_ingest", [&] { return run(argc, argv); });
}
