// Every bad spec gives its specific error at its file and line, without a
// crash, and contributes nothing to the model. Expectations live beside the
// fixtures in tests/fixtures/bad/expected.tsv; a fixture without one fails.
#include <catch2/catch.hpp>

#include <set>

#include "tests/support/spec_fixtures.hpp"

namespace {
using namespace sf;
namespace fs = std::filesystem;

struct Expectation {
  std::string file;
  int line = 0;
  std::string message;
};

std::vector<Expectation> manifest() {
  std::vector<Expectation> out;
  std::istringstream in(test::read_file(test::source_dir() / "tests/fixtures/bad/expected.tsv"));
  std::string row;
  while (std::getline(in, row)) {
    if (row.empty() || row[0] == '#') continue;
    auto t1 = row.find('\t'), t2 = row.find('\t', t1 + 1);
    REQUIRE(t2 != std::string::npos);
    out.push_back({row.substr(0, t1), std::stoi(row.substr(t1 + 1, t2 - t1 - 1)), row.substr(t2 + 1)});
  }
  return out;
}

void expect_error(const ingest::LoadResult& r, const std::string& file, int line, const std::string& message) {
  INFO(test::all_messages(r.diagnostics));
  bool found = false;
  for (const auto& d : r.diagnostics.items())
    if (d.severity == model::Severity::error && d.loc.file == file && d.loc.line == line &&
        d.message.find(message) != std::string::npos)
      found = true;
  CHECK(found);
}

}  // namespace

TEST_CASE("every bad spec fixture has an expectation, and at least 30 exist", "[bad]") {
  std::set<std::string> listed;
  for (const auto& e : manifest()) listed.insert(e.file);
  std::set<std::string> present;
  for (const auto& f : fs::directory_iterator(test::source_dir() / "tests/fixtures/bad"))
    if (f.path().filename() != "expected.tsv") present.insert(f.path().filename().string());
  CHECK(listed == present);
  CHECK(present.size() >= 30);
}

TEST_CASE("each bad spec reports its specific error with file and line", "[bad]") {
  for (const auto& e : manifest()) {
    const std::string path = "tests/fixtures/bad/" + e.file;
    SECTION(e.file) {
      auto r = test::load({path});
      CHECK(r.diagnostics.has_errors());
      expect_error(r, path, e.line, e.message);
    }
  }
}

TEST_CASE("a file that fails to read contributes no table", "[bad]") {
  for (const char* f : {"truncated_table.md", "sql_block_syntax_error.md", "yaml_wrong_type.yaml", "sql_missing_paren.sql",
                        "enum_conflict.md", "yaml_unknown_key.yaml"}) {
    auto r = ingest::load_specs({test::source_dir() / "tests/fixtures/bad" / f});
    INFO(f);
    CHECK(r.diagnostics.has_errors());
    CHECK(r.schema.tables.empty());
  }
}

TEST_CASE("binary garbage and a 10 MB file are refused with a clear error", "[bad]") {
  fs::path dir = fs::temp_directory_path() / "schemaforge-bad-specs";
  fs::create_directories(dir);
  {
    std::string garbage = "# t\n\nok line\n";
    for (int i = 0; i < 512; ++i) garbage += static_cast<char>((i * 131 + 7) % 256);
    std::ofstream(dir / "garbage.md", std::ios::binary) << garbage;
    auto r = ingest::load_specs({dir / "garbage.md"});
    INFO(test::all_messages(r.diagnostics));
    REQUIRE(r.diagnostics.items().size() == 1);
    CHECK(r.diagnostics.items()[0].loc.line == 4);
    CHECK(r.diagnostics.items()[0].message.find("not UTF-8 text") != std::string::npos);
  }
  {
    std::ofstream big(dir / "big.md", std::ios::binary);
    std::string row = "| c | TEXT | YES |  | filler filler filler filler filler filler filler filler filler |\n";
    big << "# big\n\n## Columns\n| Column | Type | Null | Default | Description |\n| --- | --- | --- | --- | --- |\n";
    for (std::size_t written = 0; written < 10u * 1024 * 1024; written += row.size()) big << row;
  }
  auto r = ingest::load_specs({dir / "big.md"});
  INFO(test::all_messages(r.diagnostics));
  REQUIRE(r.diagnostics.items().size() == 1);
  CHECK(r.diagnostics.items()[0].message.find("spec files are limited to 4 MiB") != std::string::npos);
  // The file's own size, not the limit plus one.
  CHECK(r.diagnostics.items()[0].message.find("file is " + std::to_string(fs::file_size(dir / "big.md")) + " bytes") == 0);
  fs::remove_all(dir);
}
