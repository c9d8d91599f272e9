// generate renders its parts on several threads: every task runs once, the
// first failure (in task order) comes back, and the output does not depend
// on the number of threads.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>

#include "generator/render/parallel.hpp"
#include "tests/support/render_fixture.hpp"

using namespace sf;

TEST_CASE("run_in_parallel runs every task once and rethrows the first failure in task order", "[render]") {
  for (unsigned threads : {1U, 2U, 8U}) {
    std::vector<std::atomic<int>> runs(20);
    std::vector<std::function<void()>> tasks;
    for (std::size_t i = 0; i < runs.size(); ++i) tasks.emplace_back([&runs, i] { ++runs[i]; });
    render::run_in_parallel(tasks, threads);
    for (const auto& r : runs) CHECK(r == 1);

    tasks.emplace_back([] { throw std::runtime_error("first"); });
    tasks.emplace_back([] { throw std::logic_error("second"); });
    tasks.emplace_back([&runs] { ++runs[0]; });
    CHECK_THROWS_WITH(render::run_in_parallel(tasks, threads), "first");
    CHECK(runs[0] == 3);  // the tasks after the failures still ran
  }
  render::run_in_parallel({}, 4);
}

TEST_CASE("generate gives the same files and diagnostics on one thread and on many", "[render]") {
  auto loaded = test::load({"spec"});
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  // A view with no body: each dialect's part warns, so the order they are
  // merged in shows.
  model::View no_body;
  no_body.name = "vw_no_body";
  loaded.schema.tables.front().views.push_back(no_body);
  auto run = [&](unsigned threads) {
    render::GenerateOptions o;
    o.templates_dir = test::source_dir() / "templates";
    o.sources = loaded.files;
    o.diagrams = false;
    o.threads = threads;
    model::Diagnostics d;
    auto out = render::generate(loaded.schema, o, d);
    std::vector<std::string> messages;
    for (const auto& x : d.items()) messages.push_back(x.str());
    return std::make_pair(std::move(out), messages);
  };
  const auto [one, one_diags] = run(1);
  const auto [many, many_diags] = run(5);
  CHECK(one.files == many.files);
  CHECK(one_diags == many_diags);
  REQUIRE(one_diags.size() == 3);
  CHECK(one_diags[0].find("no body for postgres") != std::string::npos);
  CHECK(one_diags[2].find("no body for sqlite") != std::string::npos);
  CHECK(one.files.count("cpp/schema.hpp"));
  CHECK(one.files.count("sqlite/schema.sql"));
}
