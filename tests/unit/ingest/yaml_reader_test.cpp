// The YAML format: definitions, shorthand, overlays on a markdown table.
#include <catch2/catch.hpp>

#include "tests/support/spec_fixtures.hpp"

using namespace sf;

TEST_CASE("YAML definitions: shorthand types, NOT NULL by default, '?' for nullable", "[yaml]") {
  auto r = ingest::load_text("t.yaml", R"YAML(tables:
  things:
    primary_key: id
    columns:
      id: { type: bigint, identity: true }
      name: varchar(50)
      note: text?
      kind: { type: "enum('a','b')", default: a }
      flag: { type: boolean, default: false }
      label: { type: text, default: 'CURRENT_TIMESTAMP' }
      pinned: { type: text, native: { mysql: MEDIUMTEXT } }
)YAML");
  INFO(test::all_messages(r.diagnostics));
  REQUIRE_FALSE(r.diagnostics.has_errors());
  const auto& t = r.schema.tables.at(0);
  CHECK_FALSE(t.find_column("name")->nullable);
  CHECK(t.find_column("note")->nullable);
  CHECK(t.find_column("kind")->default_value == model::DefaultValue{model::DefaultValue::Kind::string, "a"});
  CHECK(t.find_column("flag")->default_value == model::DefaultValue{model::DefaultValue::Kind::boolean, "false"});
  // A quoted YAML scalar is a string literal even when it spells an expression.
  CHECK(t.find_column("label")->default_value == model::DefaultValue{model::DefaultValue::Kind::string, "CURRENT_TIMESTAMP"});
  CHECK(t.find_column("pinned")->native_types.at("mysql") == "MEDIUMTEXT");
  CHECK(t.find_column("id")->loc.line == 5);
}

TEST_CASE("an overlay adds what a markdown doc lacks: key, unsigned, columns, FK, check, view, options", "[yaml]") {
  auto r = test::load({"tests/fixtures/yaml/overlay_target.md", "tests/fixtures/yaml/overlay.yaml"});
  INFO(test::all_messages(r.diagnostics));
  REQUIRE_FALSE(r.diagnostics.has_errors());
  const auto* t = r.schema.find_table("widgets");
  REQUIRE(t);
  CHECK(t->description == "Widgets, corrected by an overlay.");
  REQUIRE(t->primary_key);
  CHECK(t->primary_key->columns == std::vector<std::string>{"code"});
  CHECK(t->columns.front().name == "code");
  CHECK(t->find_column("size")->is_unsigned);
  CHECK(t->find_column("size")->description == "Size in millimetres.");
  REQUIRE(t->find_column("created_at"));
  REQUIRE(t->foreign_keys.size() == 1);
  CHECK(t->foreign_keys[0].on_delete == model::FkAction::set_null);
  CHECK(t->find_column("owner_id")->is_unsigned);  // follows owners.id, an identity key
  REQUIRE(t->checks.size() == 1);
  REQUIRE(t->views.size() == 2);
  CHECK(t->views[0].generated == model::view_role::contract);  // vw_widgets, which generate adds
  CHECK(t->views[1].name == "vw_widgets_big");
  CHECK(t->views[1].variants.at("mysql").algorithm == "MERGE");
  CHECK(t->options.at("mysql").at("row_format") == "DYNAMIC");
  CHECK(t->sources == std::vector<std::string>{"tests/fixtures/yaml/overlay_target.md", "tests/fixtures/yaml/overlay.yaml"});
  CHECK(r.schema.external_tables == std::vector<std::string>{"legacy_accounts"});
}

TEST_CASE("job profiles: processing / retries / next_attempt_at / sent / lease columns are recognised", "[yaml][jobs]") {
  auto r = test::load({"tests/fixtures/yaml/outbox.yaml"});
  INFO(test::all_messages(r.diagnostics));
  REQUIRE_FALSE(r.diagnostics.has_errors());
  const auto* outbox = r.schema.find_table("outbox");
  REQUIRE(outbox->job);
  CHECK(outbox->job->states == std::map<std::string, std::string>{
                                   {"pending", "pending"}, {"running", "processing"}, {"success", "sent"}, {"failure", "failed"}});
  CHECK(outbox->job->column("attempts") == "retries");
  CHECK(outbox->job->column("scheduled_at") == "next_attempt_at");
  CHECK(outbox->job->column("locked_until") == "locked_until");
  CHECK(outbox->job->column("locked_by") == "locked_by");
  CHECK(outbox->job->column("error") == "error_message");

  // Looks like a job table, cannot be profiled: says which role is missing.
  CHECK_FALSE(r.schema.find_table("halfjobs")->job);
  const auto& w = test::find_diag(r.diagnostics, model::Severity::warning, "'halfjobs' looks like a job table");
  CHECK(w.message.find("has no running state") != std::string::npos);

  // Declared in YAML with its own spellings.
  const auto* custom = r.schema.find_table("custom");
  REQUIRE(custom->job);
  CHECK(custom->job->declared);
  CHECK(custom->job->status_column == "phase");
  CHECK(custom->job->state("running") == "busy");
  CHECK(custom->job->column("scheduled_at") == "due_at");
}

TEST_CASE("a job table whose columns cannot fence a claim or date a running job is warned about, by name", "[yaml][jobs]") {
  const auto weak = test::temp_spec("weak_jobs.yaml", R"YAML(tables:
  tasks:
    primary_key: id
    columns:
      id: { type: bigint, identity: true }
      status: { type: "enum('pending','running','done','failed')", default: pending }
)YAML");
  auto r = test::load({weak});
  REQUIRE(r.schema.find_table("tasks")->job);
  const auto& fence = test::find_diag(r.diagnostics, model::Severity::warning, "fenced on its status alone");
  CHECK(fence.message.find("job table 'tasks'") != std::string::npos);
  CHECK(fence.loc.line == 2);
  test::find_diag(r.diagnostics, model::Severity::warning, "a job whose worker dies stays running");

  const auto strong = test::temp_spec("strong_jobs.yaml", R"YAML(tables:
  tasks:
    primary_key: id
    columns:
      id: { type: bigint, identity: true }
      status: { type: "enum('pending','running','done','failed')", default: pending }
      attempts: { type: int, default: 0 }
      started_at: timestamp(6)?
      locked_until: timestamp(6)?
)YAML");
  auto ok = test::load({strong});
  CHECK(ok.diagnostics.count(model::Severity::warning) == 0);
}

TEST_CASE("a job table timing its lease by started_at alone is warned that no job can outlive the lease", "[yaml][jobs]") {
  const auto spec = test::temp_spec("started_jobs.yaml", R"YAML(tables:
  tasks:
    primary_key: id
    columns:
      id: { type: bigint, identity: true }
      status: { type: "enum('pending','running','done','failed')", default: pending }
      attempts: { type: int, default: 0 }
      started_at: timestamp(6)?
)YAML");
  auto r = test::load({spec});
  const auto& w = test::find_diag(r.diagnostics, model::Severity::warning, "times its lease by started_at alone");
  CHECK(w.message.find("Add a nullable locked_until") != std::string::npos);
  CHECK(w.loc.line == 2);
  CHECK(r.diagnostics.count(model::Severity::warning) == 1);

  const auto allowed = test::temp_spec("started_jobs_allowed.yaml", R"YAML(tables:
  tasks:
    primary_key: id
    allow: [job-unrenewable]
    columns:
      id: { type: bigint, identity: true }
      status: { type: "enum('pending','running','done','failed')", default: pending }
      attempts: { type: int, default: 0 }
      started_at: timestamp(6)?
)YAML");
  CHECK(test::load({allowed}).diagnostics.count(model::Severity::warning) == 0);
}
