// Per-engine column collations: read from YAML, checked (they are rendered
// into DDL), and written by every dialect. Round trips and drift against real
// servers are in tests/unit/drift and tests/unit/inspect (spec/kms_keys.yaml).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/render_fixture.hpp"

using namespace sf;


TEST_CASE("a YAML column collation is read per engine and rendered into each engine's DDL", "[yaml][render]") {
  const auto path = test::temp_spec("keys.yaml", R"YAML(tables:
  keys:
    primary_key: id
    columns:
      id: { type: bigint, identity: true }
      ref: { type: varchar(100), collation: { mysql: utf8mb4_bin, postgres: C, sqlite: NOCASE } }
      note: text?
)YAML");
  auto r = test::render_specs({path});
  const auto& ref = *r.loaded.schema.tables.at(0).find_column("ref");
  CHECK(ref.collations == std::map<std::string, std::string>{{"mysql", "utf8mb4_bin"}, {"postgres", "C"}, {"sqlite", "NOCASE"}});
  CHECK(r.loaded.schema.tables.at(0).find_column("note")->collations.empty());
  CHECK(r.out.files.at("mysql/001_tables.sql").find("ref VARCHAR(100) COLLATE utf8mb4_bin NOT NULL") != std::string::npos);
  CHECK(r.out.files.at("postgres/001_tables.sql").find("ref VARCHAR(100) COLLATE \"C\" NOT NULL") != std::string::npos);
  CHECK(r.out.files.at("sqlite/001_tables.sql").find("ref TEXT COLLATE NOCASE NOT NULL") != std::string::npos);
  const auto json = nlohmann::json::parse(r.out.files.at("schema.json"));
  CHECK(json["tables"][0]["columns"][1]["collations"] == nlohmann::json{{"mysql", "utf8mb4_bin"}, {"postgres", "C"}, {"sqlite", "NOCASE"}});
}

TEST_CASE("a collation that is not per engine, not a name, or on a non-text column is refused where it is written", "[yaml]") {
  SECTION("a bare string: collation names are not portable") {
    const auto path = test::temp_spec("bare.yaml", "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n"
                                             "      ref: { type: varchar(10), collation: utf8mb4_bin }\n");
    auto r = test::load({path});
    const auto& d = test::find_diag(r.diagnostics, model::Severity::error, "write a map, e.g. {mysql: utf8mb4_bin, postgres: C}");
    CHECK(d.loc.line == 6);
  }
  SECTION("an unknown engine") {
    const auto path = test::temp_spec("engine.yaml", "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n"
                                               "      ref: { type: varchar(10), collation: { oracle: BINARY_CI } }\n");
    test::find_diag(test::load({path}).diagnostics, model::Severity::error, "oracle");
  }
  SECTION("something that would end the DDL clause") {
    const auto path = test::temp_spec("inject.yaml", "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n"
                                               "      ref: { type: varchar(10), collation: { mysql: \"utf8mb4_bin; DROP TABLE t\" } }\n");
    auto r = test::load({path});
    const auto& d = test::find_diag(r.diagnostics, model::Severity::error, "is not a collation name");
    CHECK(d.message.find("t.ref") != std::string::npos);
    CHECK(d.loc.line == 6);
  }
  SECTION("a JSON column") {
    const auto path = test::temp_spec("json.yaml", "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n"
                                             "      doc: { type: json, collation: { postgres: C } }\n");
    test::find_diag(test::load({path}).diagnostics, model::Severity::error, "collation on t.doc, a json column");
  }
}
