// inspect of a database created from the specs equals the spec model, once
// normalised as drift does (diff::normalise: what the engine adds of its own,
// InnoDB's FK indexes, is the spec's) and both are projected onto what the
// engine can tell apart (Inspector::comparable).
#include <catch2/catch.hpp>

#include <set>
#include <fstream>
#include <sstream>

#include "generator/dialect/dialect.hpp"
#include "generator/diff/normalise.hpp"
#include "generator/inspect/inspect.hpp"
#include "generator/migrate/statement_splitter.hpp"
#include "generator/model/json.hpp"
#include "generator/render/template_data.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/render_fixture.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"

using namespace sf;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

void round_trip(std::initializer_list<std::string> specs) {
  auto rendered = test::render_specs(specs);
  for (auto e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      auto c = scratch.connect();
      test::run_script(*c, rendered.out.files.at(std::string(db::to_string(e)) + "/schema.sql"));
      const auto& d = dialect::dialect_named(db::to_string(e));
      model::Schema live = inspect::inspect(*c);
      // Line by line, so a failure shows the differing member and its surroundings.
      const auto& engine = d.inspector();
      const auto n = diff::normalise(live, rendered.loaded.schema, d);
      const auto got = lines(model::to_json_text(engine.comparable(n.live)));
      const auto want = lines(model::to_json_text(engine.comparable(n.spec)));
      std::size_t first = 0;
      while (first < got.size() && first < want.size() && got[first] == want[first]) ++first;
      auto window = [&](const std::vector<std::string>& v) {
        std::string out;
        for (std::size_t i = first > 12 ? first - 12 : 0; i < v.size() && i < first + 4; ++i) out += v[i] + "\n";
        return out;
      };
      INFO("inspected:\n" << window(got) << "specs:\n" << window(want));
      CHECK(got == want);
      std::set<std::string> live_views, expected_views;
      for (const auto& t : live.tables)
        for (const auto& v : t.views) live_views.insert(v.name);
      model::Diagnostics diags;
      const auto view = render::sql_view(rendered.loaded.schema, d, diags);
      for (const auto& v : view["views"]) expected_views.insert(v["raw_name"].get<std::string>());
      CHECK(live_views == expected_views);
    }
  }
}

}  // namespace

TEST_CASE("inspect of a database created from spec/ equals the spec model after normalisation", "[inspect][pg][mysql][sqlite]") {
  round_trip({"spec"});
}

TEST_CASE("inspect round-trips reserved words, mixed case, every type and names at the limit", "[inspect][pg][mysql][sqlite]") {
  round_trip({"tests/fixtures/render/edge_cases.yaml"});
}

TEST_CASE("glob patterns select tables", "[inspect]") {
  CHECK(inspect::glob_match("*", "users"));
  CHECK(inspect::glob_match("*_jobs", "rewrap_jobs"));
  CHECK_FALSE(inspect::glob_match("*_jobs", "jobs"));
  CHECK(inspect::glob_match("us?rs", "users"));
  CHECK_FALSE(inspect::glob_match("users", "users2"));
}

TEST_CASE("inspect --yaml writes a spec that reads back to the same database: drift of it is clean", "[inspect][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      auto c = scratch.connect();
      test::run_script(*c, test::read_file(test::source_dir() / "generated" / db::to_string(e) / "schema.sql"));
      const std::string dsn = test::shell_quote(test::dsn_string(scratch.dsn()));
      auto inspected = test::run_cli("inspect --yaml --dsn " + dsn);
      REQUIRE(inspected.exit_code == 0);
      CHECK(inspected.output.find("***") != std::string::npos);  // the header names the database, password hidden
      CHECK(inspected.output.find(scratch.dsn().password) == std::string::npos);
      const auto dir = std::filesystem::temp_directory_path() / ("schemaforge-yaml-" + scratch.name());
      std::filesystem::create_directories(dir);
      std::ofstream(dir / "live.yaml") << inspected.output;
      auto drift = test::run_cli("drift --spec " + dir.string() + " --dsn " + dsn);
      INFO(inspected.output.substr(0, 3000));
      INFO(drift.output);
      CHECK(drift.exit_code == 0);
      std::filesystem::remove_all(dir);
    }
  }
}
