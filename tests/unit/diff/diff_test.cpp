// diff() without a database: what it reports, and what it refuses to hide.
#include <catch2/catch.hpp>

#include "generator/diff/change.hpp"
#include "generator/model/generated_views.hpp"
#include "tests/support/spec_fixtures.hpp"

using namespace sf;

namespace {
// The first view the spec declares (the generated ones come first).
model::View& declared_view(model::Table& t) {
  auto v = std::find_if(t.views.begin(), t.views.end(), [](const model::View& x) { return x.generated.empty(); });
  REQUIRE(v != t.views.end());
  return *v;
}
}  // namespace

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

TEST_CASE("a table-option change is planned per engine, and the views come down around it", "[diff]") {
  auto a = test::load({"spec"}).schema;
  auto b = a;
  b.find_table("users")->options["mysql"]["engine"] = "Aria";
  std::vector<std::string> kinds;
  for (const auto& c : diff::diff(a, b, {})) kinds.push_back(std::string(diff::to_string(c.kind)) + " " + c.table());
  CHECK(kinds == std::vector<std::string>{"drop views users", "alter table options users", "create views users"});
}

TEST_CASE("a primary-key change refits the foreign keys that reference the table and warns about AUTO_INCREMENT", "[diff]") {
  auto a = test::load({"spec"}).schema;
  auto b = a;
  b.find_table("key_wrappers")->primary_key->columns = {"policy_id", "id"};
  std::vector<std::string> kinds;
  for (const auto& c : diff::diff(a, b, {})) kinds.push_back(std::string(diff::to_string(c.kind)) + " " + c.table() + "." + c.item);
  auto has = [&](const std::string& k) { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); };
  CHECK(has("change primary key key_wrappers.primary key"));
  // key_wrapper_layers and rewrap_jobs reference key_wrappers(id): dropped first, added back last.
  CHECK(has("drop foreign key key_wrapper_layers.fk_kwl_kw"));
  CHECK(has("add foreign key key_wrapper_layers.fk_kwl_kw"));
  CHECK(has("drop foreign key rewrap_jobs.fk_rewrap_kw"));
  auto pos = [&](const std::string& k) { return std::find(kinds.begin(), kinds.end(), k) - kinds.begin(); };
  CHECK(pos("drop foreign key rewrap_jobs.fk_rewrap_kw") < pos("change primary key key_wrappers.primary key"));
  CHECK(pos("change primary key key_wrappers.primary key") < pos("add foreign key rewrap_jobs.fk_rewrap_kw"));
  for (const auto& c : diff::diff(a, b, {}))
    if (c.kind == diff::ChangeKind::change_primary_key) CHECK(c.warning.find("AUTO_INCREMENT") != std::string::npos);
}

TEST_CASE("views that read a changed table come down and go up around it, but not for an index change", "[diff]") {
  auto a = test::load({"tests/fixtures/migrate/dependent_view/a"}).schema;
  auto b = test::load({"tests/fixtures/migrate/dependent_view/b"}).schema;
  std::vector<std::string> changes;
  for (const auto& c : diff::diff(a, b, {})) changes.push_back(c.describe());
  CHECK(changes == std::vector<std::string>{"drop views books (they read authors)", "drop views prizes (they read vw_authors)",
                                            "drop views authors", "alter column authors.name varchar(200)", "create views authors",
                                            "create views books (they read authors)", "create views prizes (they read vw_authors)"});
  // A chain: a view over vw_prize_winners comes down before it and goes up after it.
  auto with_reader = [](model::Schema s) {
    model::Table readers = *s.find_table("prizes");
    readers.name = "readers";
    declared_view(readers).name = "vw_reader_prizes";
    declared_view(readers).sql = "SELECT prize_year FROM vw_prize_winners";
    s.tables.push_back(readers);
    model::resolve_generated_views(s);  // vw_readers, not the vw_prizes the copy came with
    return s;
  };
  changes.clear();
  for (const auto& c : diff::diff(with_reader(a), with_reader(b), {})) changes.push_back(c.describe());
  REQUIRE(changes.size() == 9);
  CHECK(changes.front() == "drop views readers (they read vw_prize_winners)");
  CHECK(changes[1] == "drop views books (they read authors)");
  CHECK(changes.back() == "create views readers (they read vw_prize_winners)");
  // prizes changes too, so its views come down for its own sake: still before vw_authors.
  auto both = b;
  both.find_table("prizes")->columns.at(2).type.bits = 64;
  changes.clear();
  for (const auto& c : diff::diff(a, both, {})) changes.push_back(c.describe());
  auto at = [&](const std::string& k) { return std::find(changes.begin(), changes.end(), k) - changes.begin(); };
  CHECK(at("drop views prizes") < at("drop views authors"));
  CHECK(at("create views authors") < at("create views prizes"));
  CHECK(at("create views prizes") < static_cast<std::ptrdiff_t>(changes.size()));
  auto indexed = a;
  model::Index by_name;
  by_name.name = "idx_authors_name";
  by_name.columns.push_back({.name = "name"});
  indexed.find_table("authors")->indexes.push_back(by_name);
  changes.clear();
  for (const auto& c : diff::diff(a, indexed, {})) changes.push_back(c.describe());
  CHECK(changes == std::vector<std::string>{"add index authors.idx_authors_name"});
  // A name that only contains the table's is not a read of it.
  auto other = a;
  declared_view(*other.find_table("books")).sql = "SELECT id FROM authors_archive";
  auto reshaped = other;
  reshaped.find_table("authors")->columns.at(1).nullable = true;
  changes.clear();
  for (const auto& c : diff::diff(other, reshaped, {})) changes.push_back(c.describe());
  CHECK(std::find(changes.begin(), changes.end(), "drop views books (they read authors)") == changes.end());
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
