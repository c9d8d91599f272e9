// diff() without a database: what it reports, and what it refuses to hide.
#include <catch2/catch.hpp>

#include "generator/diff/change.hpp"
#include "tests/support/spec_fixtures.hpp"

using namespace sf;

TEST_CASE("identical schemas have no changes, and source locations are not changes", "[diff]") {
  auto a = test::load({"spec"}).schema;
  auto b = a;
  for (auto& t : b.tables) {
    t.loc = {};
    for (auto& v : t.views) v.loc = {};
    for (auto& c : t.columns) c.loc = {};
  }
  CHECK(diff::diff(a, b, {}).empty());
}

TEST_CASE("a primary-key or table-option change is surfaced as unsupported, never dropped silently", "[diff]") {
  auto a = test::load({"spec"}).schema;
  auto b = a;
  b.find_table("jobs")->primary_key->columns = {"job_id", "type"};
  b.find_table("users")->options["mysql"]["engine"] = "Aria";
  auto changes = diff::diff(a, b, {});
  int unsupported = 0;
  for (const auto& c : changes)
    if (c.kind == diff::ChangeKind::unsupported) {
      ++unsupported;
      CHECK(c.warning.find("cannot write that yet") != std::string::npos);
    }
  CHECK(unsupported == 2);
}

TEST_CASE("renames come only from hints, and hints that already took effect do not fire again", "[diff]") {
  auto a = test::load({"tests/fixtures/migrate/v1"}).schema;
  auto b = test::load({"tests/fixtures/migrate/v2"}).schema;
  auto r = diff::declared_renames(a, b);
  REQUIRE(r.columns.size() == 1);
  CHECK(r.columns[0].second == std::pair<std::string, std::string>{"name", "full_name"});
  CHECK(diff::declared_renames(b, b).columns.empty());
  auto back = r.reversed();
  CHECK(back.columns[0].second == std::pair<std::string, std::string>{"full_name", "name"});
}
