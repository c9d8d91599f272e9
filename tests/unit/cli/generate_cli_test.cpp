// The schemaforge binary as CI and users run it: exit codes, messages, and
// that a failed run writes nothing.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_runner.hpp"
#include "tests/support/spec_fixtures.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  int exit_code;
  std::string output;  // stdout and stderr
};

Run run(const std::string& args) {
  auto r = sf::test::run_cli(args);
  return {r.exit_code, r.output};
}

fs::path temp_dir(const char* tag) {
  fs::path d = fs::temp_directory_path() / (std::string("schemaforge-cli-") + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

}  // namespace

TEST_CASE("generate with a bad spec exits 1, names the error, and writes nothing", "[cli]") {
  fs::path out = temp_dir("bad");
  auto r = run("generate --spec tests/fixtures/bad/fk_to_nowhere.md --out " + out.string());
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("tests/fixtures/bad/fk_to_nowhere.md:18: error:") != std::string::npos);
  CHECK(r.output.find("nothing written") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("generate --check names every stale file after a spec changes and exits 1", "[cli]") {
  fs::path dir = temp_dir("check");
  fs::create_directories(dir);
  fs::copy(sf::test::source_dir() / "spec", dir / "spec");
  auto first = run("generate --spec " + (dir / "spec").string() + " --out " + (dir / "out").string());
  REQUIRE(first.exit_code == 0);
  CHECK(run("generate --spec " + (dir / "spec").string() + " --out " + (dir / "out").string() + " --check").exit_code == 0);
  std::ofstream(dir / "spec/kms_keys.yaml", std::ios::app) << "overlays:\n  kms_keys:\n    description: Keys held by a KMS.\n";
  auto check = run("generate --spec " + (dir / "spec").string() + " --out " + (dir / "out").string() + " --check");
  CHECK(check.exit_code == 1);
  CHECK(check.output.find("stale: " + (dir / "out").string() + "/mysql/001_tables.sql") != std::string::npos);
  CHECK(check.output.find("stale: " + (dir / "out").string() + "/docs/kms_keys.md") != std::string::npos);
  CHECK(check.output.find("run `schemaforge generate") != std::string::npos);
  // A second generate is byte-identical: nothing to write.
  (void)run("generate --spec " + (dir / "spec").string() + " --out " + (dir / "out").string());
  auto third = run("generate --spec " + (dir / "spec").string() + " --out " + (dir / "out").string());
  CHECK(third.output.find(" 0 written") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("check --json is machine-readable and exit codes follow errors", "[cli]") {
  auto ok = run("check --spec spec --json");
  CHECK(ok.exit_code == 0);
  auto j = nlohmann::json::parse(ok.output.substr(ok.output.find('{')));
  CHECK(j["ok"] == true);
  CHECK(j["errors"] == 0);
  CHECK(j["warnings"] == 8);  // 7 truncated FK actions, and jobs' claims fenced on status alone
  CHECK(j["tables"].size() == 10);
  auto bad = run("check --spec tests/fixtures/bad/enum_conflict.md --json");
  CHECK(bad.exit_code == 1);
  auto b = nlohmann::json::parse(bad.output.substr(bad.output.find('{')));
  nlohmann::json error;
  for (const auto& d : b["diagnostics"])
    if (d["severity"] == "error") error = d;
  CHECK(error["line"] == 9);
  CHECK(error["file"] == "tests/fixtures/bad/enum_conflict.md");
  CHECK(error["message"].get<std::string>().find("enum values of enum_conflict.level conflict") != std::string::npos);
}
