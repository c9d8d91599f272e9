// Every seed in spec/ read exactly: each column, type, native per-engine type,
// nullability, default, index, unique key, FK and action, view and job role.
#include <catch2/catch.hpp>

#include "generator/model/json.hpp"
#include "tests/support/spec_fixtures.hpp"

namespace {

using namespace sf;

// One line per column, so a failure shows exactly which attribute differs.
std::string describe(const model::Column& c) {
  std::string s = c.name + " " + model::to_string(c.type) + (c.nullable ? " NULL" : " NOT NULL");
  if (c.default_value.present())
    s += " default=" + std::string(model::to_string(c.default_value.kind)) + ":" + c.default_value.text;
  if (!c.on_update.empty()) s += " on_update=" + c.on_update;
  if (c.identity) s += " identity";
  if (c.is_unsigned) s += " unsigned";
  if (c.generate_uuid) s += " uuid";
  for (const auto& [d, t] : c.native_types) s += " " + d + "=" + t;
  return s;
}
std::vector<std::string> columns(const model::Table& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns) out.push_back(describe(c));
  return out;
}
std::vector<std::string> indexes(const model::Table& t) {
  std::vector<std::string> out;
  for (const auto& i : t.indexes) {
    std::string s = i.name + (i.unique ? " UNIQUE" : "") + " (";
    for (std::size_t k = 0; k < i.columns.size(); ++k) s += (k ? ", " : "") + i.columns[k].name + (i.columns[k].descending ? " DESC" : "");
    out.push_back(s + ")");
  }
  return out;
}
std::vector<std::string> keys(const std::vector<model::Key>& ks) {
  std::vector<std::string> out;
  for (const auto& k : ks) {
    std::string s = k.name + " (";
    for (std::size_t i = 0; i < k.columns.size(); ++i) s += (i ? ", " : "") + k.columns[i];
    out.push_back(s + ")");
  }
  return out;
}
std::vector<std::string> fks(const model::Table& t) {
  std::vector<std::string> out;
  for (const auto& f : t.foreign_keys) {
    std::string s = f.name + " (";
    for (std::size_t i = 0; i < f.columns.size(); ++i) s += (i ? ", " : "") + f.columns[i];
    s += ") -> " + f.ref_table + "(";
    for (std::size_t i = 0; i < f.ref_columns.size(); ++i) s += (i ? ", " : "") + f.ref_columns[i];
    s += ") ON DELETE " + std::string(model::to_string(f.on_delete)) + " ON UPDATE " + std::string(model::to_string(f.on_update));
    out.push_back(s);
  }
  return out;
}
std::vector<std::string> views(const model::Table& t) {
  std::vector<std::string> out;
  for (const auto& v : t.views) {
    std::string s = v.name;
    for (const auto& [d, var] : v.variants) s += " " + d + "[" + var.algorithm + "," + var.security + "," + var.link + "]";
    if (!v.sql.empty()) s += " sql";
    out.push_back(s);
  }
  return out;
}

const model::Schema& spec_schema() {
  static const ingest::LoadResult r = test::load({"spec"});
  return r.schema;
}
const model::Table& table(const std::string& name) {
  const model::Table* t = spec_schema().find_table(name);
  INFO("table " << name);
  REQUIRE(t != nullptr);
  return *t;
}

}  // namespace

TEST_CASE("spec/ loads and validates without errors", "[seeds]") {
  auto r = test::load({"spec"});
  INFO(test::all_messages(r.diagnostics));
  CHECK_FALSE(r.diagnostics.has_errors());
  CHECK(r.schema.tables.size() == 10);
  // The only warnings are the seven truncated `ON DELETE SET` repairs.
  CHECK(r.diagnostics.count(model::Severity::warning) == 8);  // 7 truncated FK actions, and jobs' weak fence
}

TEST_CASE("seed 000 rewrap_jobs: alphabetical rows, truncated SET actions", "[seeds]") {
  const auto& t = table("rewrap_jobs");
  CHECK(t.description == "Key rewrap tasks that move ciphertexts to new key wrappers/KMS keys.");
  CHECK(columns(t) == std::vector<std::string>{
                          "id bigint NOT NULL identity unsigned",
                          "attempts int NOT NULL default=number:0",
                          "created_at timestamp(6) NOT NULL default=expression:CURRENT_TIMESTAMP(6)",
                          "finished_at timestamp(6) NULL",
                          "key_wrapper_id bigint NOT NULL unsigned",
                          "last_error text NULL",
                          "scheduled_at timestamp(6) NULL",
                          "started_at timestamp(6) NULL",
                          "status enum('pending','running','done','failed') NOT NULL default=string:pending",
                          "target_kms1_key_id bigint NULL unsigned",
                          "target_kms2_key_id bigint NULL unsigned",
                          "locked_until timestamp(6) NULL",
                      });
  REQUIRE(t.primary_key);
  CHECK(t.primary_key->columns == std::vector<std::string>{"id"});
  CHECK(indexes(t) == std::vector<std::string>{"idx_rewrap_kw (key_wrapper_id)", "idx_rewrap_status_sched (status, scheduled_at)"});
  CHECK(t.uniques.empty());
  CHECK(fks(t) == std::vector<std::string>{
                      "fk_rewrap_kw (key_wrapper_id) -> key_wrappers(id) ON DELETE CASCADE ON UPDATE NO ACTION",
                      "fk_rewrap_tk1 (target_kms1_key_id) -> kms_keys(id) ON DELETE SET NULL ON UPDATE NO ACTION",
                      "fk_rewrap_tk2 (target_kms2_key_id) -> kms_keys(id) ON DELETE SET NULL ON UPDATE NO ACTION",
                  });
  CHECK(views(t) == std::vector<std::string>{
                        "vw_rewrap_jobs mysql[MERGE,INVOKER,schema/040_views.mysql.sql] postgres[,,schema/040_views.postgres.sql]",
                        "vw_rewrap_jobs_status"});  // added by the resolve step: a job table's status view
  REQUIRE(t.job);
  CHECK(t.job->status_column == "status");
  CHECK(t.job->states == std::map<std::string, std::string>{{"pending", "pending"}, {"running", "running"}, {"success", "done"}, {"failure", "failed"}});
  CHECK(t.job->columns == std::map<std::string, std::string>{{"scheduled_at", "scheduled_at"}, {"started_at", "started_at"},
                                                             {"finished_at", "finished_at"}, {"attempts", "attempts"},
                                                             {"error", "last_error"}, {"locked_until", "locked_until"}});
}

TEST_CASE("seed 001 pq_migration_jobs: per-engine type halves and a Crypto column", "[seeds]") {
  const auto& t = table("pq_migration_jobs");
  CHECK(columns(t) == std::vector<std::string>{
                          "id bigint NOT NULL identity unsigned",
                          "scope enum('hashes','wrappers','signatures') NOT NULL mysql=ENUM('hashes','wrappers','signatures') postgres=TEXT",
                          "target_policy_id bigint NULL unsigned",
                          "target_algo_id bigint NULL unsigned",
                          "selection json NULL mysql=JSON postgres=JSONB",
                          "scheduled_at timestamp(6) NULL mysql=DATETIME(6) postgres=TIMESTAMPTZ(6)",
                          "started_at timestamp(6) NULL mysql=DATETIME(6)",
                          "finished_at timestamp(6) NULL mysql=DATETIME(6)",
                          "status enum('pending','running','done','failed','cancelled') NOT NULL default=string:pending "
                          "mysql=ENUM('pending','running','done','failed','cancelled') postgres=TEXT",
                          "processed_count bigint NOT NULL default=number:0",
                          "error text NULL",
                          "created_by bigint NULL unsigned",
                          "created_at timestamp(6) NOT NULL default=expression:CURRENT_TIMESTAMP(6) mysql=DATETIME(6) postgres=TIMESTAMPTZ(6)",
                          "locked_until timestamp(6) NULL",
                      });
  for (const auto& c : t.columns) CHECK(c.crypto.empty());
  CHECK(indexes(t) == std::vector<std::string>{"idx_pq_mig_status_sched (status, scheduled_at)"});
  CHECK(fks(t) == std::vector<std::string>{
                      "fk_pq_mig_algo (target_algo_id) -> crypto_algorithms(id) ON DELETE SET NULL ON UPDATE NO ACTION",
                      "fk_pq_mig_policy (target_policy_id) -> encryption_policies(id) ON DELETE SET NULL ON UPDATE NO ACTION",
                      "fk_pq_mig_user (created_by) -> users(id) ON DELETE SET NULL ON UPDATE NO ACTION",
                  });
  CHECK(views(t) == std::vector<std::string>{
                        "vw_pq_migration_jobs mysql[MERGE,INVOKER,../schema/040_views.mysql.sql] postgres[,,../schema/040_views.postgres.sql]",
                        "vw_pq_migration_jobs_status",
                        "vw_pq_migration_jobs_metrics mysql[TEMPTABLE,INVOKER,../schema/040_views_joins.mysql.sql] "
                        "postgres[,,../schema/040_views_joins.postgres.sql] sql",
                    });
  REQUIRE(t.job);
  CHECK(t.job->state("cancelled") == "cancelled");
  CHECK(t.job->column("attempts").empty());  // no attempts column: fails on the first error
  CHECK(t.job->column("error") == "error");
}

TEST_CASE("seed 002 key_wrapper_layers: unique key listed among indexes, binary and JSON", "[seeds]") {
  const auto& t = table("key_wrapper_layers");
  CHECK(columns(t) == std::vector<std::string>{
                          "id bigint NOT NULL identity unsigned",
                          "key_wrapper_id bigint NOT NULL unsigned",
                          "layer_no smallint NOT NULL",
                          "kms_key_id bigint NULL unsigned",
                          "kem_algo_id bigint NOT NULL unsigned",
                          "kem_ciphertext binary NOT NULL mysql=LONGBLOB postgres=BYTEA",
                          "encap_pubkey binary NULL mysql=LONGBLOB postgres=BYTEA",
                          "aad json NULL mysql=JSON postgres=JSONB",
                          "meta json NULL mysql=JSON postgres=JSONB",
                          "created_at timestamp(6) NOT NULL default=expression:CURRENT_TIMESTAMP(6) mysql=DATETIME(6) postgres=TIMESTAMPTZ(6)",
                      });
  // `UNIQUE KEY uq_kwl` / `CONSTRAINT uq_kwl UNIQUE` rows are the unique key, not a second index.
  CHECK(keys(t.uniques) == std::vector<std::string>{"uq_kwl (key_wrapper_id, layer_no)"});
  CHECK(indexes(t) == std::vector<std::string>{"idx_kwl_algo (kem_algo_id)", "idx_kwl_kw (key_wrapper_id)"});
  CHECK(fks(t) == std::vector<std::string>{
                      "fk_kwl_algo (kem_algo_id) -> crypto_algorithms(id) ON DELETE RESTRICT ON UPDATE NO ACTION",
                      "fk_kwl_kms (kms_key_id) -> kms_keys(id) ON DELETE SET NULL ON UPDATE NO ACTION",
                      "fk_kwl_kw (key_wrapper_id) -> key_wrappers(id) ON DELETE CASCADE ON UPDATE NO ACTION",
                  });
  CHECK(views(t) == std::vector<std::string>{
                        "vw_key_wrapper_layers mysql[MERGE,INVOKER,../schema/040_views.mysql.sql] postgres[,,../schema/040_views.postgres.sql]"});
  CHECK_FALSE(t.job);
}

TEST_CASE("seed 003 jobs: CREATE TABLE inside markdown, prose ignored", "[seeds]") {
  const auto& t = table("jobs");
  CHECK(t.description == "Jobs Database Table");
  CHECK(columns(t) == std::vector<std::string>{
                          "job_id varchar(36) NOT NULL uuid",
                          "type enum('clone','restore','delete') NOT NULL",
                          "status enum('pending','running','completed','failed','cancelled') NOT NULL default=string:pending",
                          "progress int NULL default=number:0",
                          "request_payload json NOT NULL",
                          "result json NULL",
                          "error text NULL",
                          "created_at timestamp(0) NULL default=expression:CURRENT_TIMESTAMP",
                          "updated_at timestamp(0) NULL default=expression:CURRENT_TIMESTAMP on_update=CURRENT_TIMESTAMP",
                          "completed_at timestamp(0) NULL",
                          "ttl_expires_at timestamp(0) NULL",
                      });
  CHECK(t.find_column("job_id")->description == "UUID primary key");
  CHECK(t.find_column("progress")->description == "Progress percentage (0-100)");
  REQUIRE(t.primary_key);
  CHECK(t.primary_key->columns == std::vector<std::string>{"job_id"});
  CHECK(indexes(t) == std::vector<std::string>{"idx_status (status)", "idx_type (type)", "idx_created_at (created_at)",
                                               "idx_ttl_expires_at (ttl_expires_at)"});
  CHECK(t.options.at("mysql") == std::map<std::string, std::string>{
                                     {"engine", "InnoDB"}, {"charset", "utf8mb4"}, {"collate", "utf8mb4_unicode_ci"}});
  REQUIRE(t.job);
  CHECK(t.job->state("success") == "completed");
  CHECK(t.job->column("finished_at") == "completed_at");
  CHECK(t.job->column("progress") == "progress");
  CHECK(t.job->column("result") == "result");
  CHECK(t.job->column("ttl_expires_at") == "ttl_expires_at");
  CHECK(t.job->column("updated_at") == "updated_at");
  // Connection details in the doc never reach the model.
  std::string json = model::to_json_text(spec_schema());
  CHECK(json.find("staging-db-password") == std::string::npos);
  CHECK(json.find("rds.amazonaws.com") == std::string::npos);
}

TEST_CASE("seed 004 deletion_jobs: boolean default, unique key, alphabetical rows", "[seeds]") {
  const auto& t = table("deletion_jobs");
  CHECK(columns(t) == std::vector<std::string>{
                          "id bigint NOT NULL identity unsigned",
                          "created_at timestamp(6) NOT NULL default=expression:CURRENT_TIMESTAMP(6) mysql=DATETIME(6) postgres=TIMESTAMPTZ(6)",
                          "created_by bigint NULL unsigned",
                          "entity_pk varchar(64) NOT NULL",
                          "entity_table varchar(64) NOT NULL",
                          "error text NULL",
                          "finished_at timestamp(6) NULL",
                          "hard_delete boolean NOT NULL default=boolean:false",
                          "reason text NULL",
                          "scheduled_at timestamp(6) NULL mysql=DATETIME(6) postgres=TIMESTAMPTZ(6)",
                          "started_at timestamp(6) NULL",
                          "status enum('pending','running','done','failed','cancelled') NOT NULL default=string:pending "
                          "mysql=ENUM('pending','running','done','failed','cancelled') postgres=TEXT",
                          "locked_until timestamp(6) NULL",
                      });
  CHECK(keys(t.uniques) == std::vector<std::string>{"uq_deletion_jobs (entity_table, entity_pk)"});
  CHECK(indexes(t) == std::vector<std::string>{"idx_dj_status_sched (status, scheduled_at)"});
  CHECK(fks(t) == std::vector<std::string>{"fk_dj_user (created_by) -> users(id) ON DELETE SET NULL ON UPDATE NO ACTION"});
  CHECK(views(t) == std::vector<std::string>{
                        "vw_deletion_jobs mysql[MERGE,INVOKER,../schema/040_views.mysql.sql] postgres[,,../schema/040_views.postgres.sql]",
                        "vw_deletion_jobs_status mysql[TEMPTABLE,INVOKER,../schema/040_views_joins.mysql.sql] "
                        "postgres[,,../schema/040_views_joins.postgres.sql]",
                    });
  REQUIRE(t.job);
  CHECK(t.job->state("cancelled") == "cancelled");
}

TEST_CASE("tables come in dependency order, then by name", "[seeds]") {
  std::vector<std::string> order;
  for (const auto& t : spec_schema().tables) order.push_back(t.name);
  CHECK(order == std::vector<std::string>{"crypto_algorithms", "encryption_policies", "jobs", "key_wrappers", "kms_keys",
                                          "key_wrapper_layers", "rewrap_jobs", "users", "deletion_jobs", "pq_migration_jobs"});
}

TEST_CASE("model -> JSON -> model is the identity for spec/, and output is byte-stable", "[seeds][json]") {
  const auto& s = spec_schema();
  std::string once = model::to_json_text(s);
  model::Schema back = model::schema_from_json_text(once);
  CHECK(back == s);
  CHECK(model::to_json_text(back) == once);
  auto again = test::load({"spec"});
  CHECK(model::to_json_text(again.schema) == once);
}

TEST_CASE("schema JSON: a loc with a line but no file reads as no location, and a huge line is an error", "[json]") {
  // Found by fuzz.schema_json: ":1" read as line 1 of no file, which
  // to_json_text writes as nothing, so the model did not read back the same.
  const std::string found = test::read_file("tests/fixtures/json/regression_loc_without_file.json");
  model::Schema s = model::schema_from_json_text(found);
  CHECK_FALSE(s.tables.at(0).loc.known());
  CHECK(s.tables.at(0).loc.line == 0);
  CHECK(model::schema_from_json_text(model::to_json_text(s)) == s);
  std::string huge = found;
  huge.replace(huge.find("\":1\""), 4, "\"x:99999999999\"");
  CHECK_THROWS_WITH(model::schema_from_json_text(huge), Catch::Contains("loc 'x:99999999999': the line number is out of range"));
}
