// generate's schema.sql for spec/ applied to real PostgreSQL 15, MariaDB 10.11
// and SQLite: the schema read back with the tests' own catalogue queries
// equals the model; every view answers; every CHECK and FK rejects a bad row;
// a valid row goes into every table; idempotent dialects apply twice.
#include <catch2/catch.hpp>

#include <algorithm>

#include "generator/dialect/dialect.hpp"
#include "generator/migrate/statement_splitter.hpp"
#include "tests/support/live_schema.hpp"
#include "tests/support/render_fixture.hpp"
#include "tests/support/scratch_db.hpp"

using namespace sf;

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// How each engine reports a logical type: written here, independently of the dialects.
std::string expected_type(const model::Table& table, const model::Column& c, db::Engine e) {
  model::LogicalType t = c.type;
  auto pg_opts = table.options.find("postgres");
  if (e == db::Engine::postgres && t.kind == model::TypeKind::enumeration && pg_opts != table.options.end() &&
      pg_opts->second.count("enums"))
    return "enum_" + table.name + "_" + c.name;  // format_type of the native enum type
  const char* d = db::to_string(e);
  if (auto it = c.native_types.find(d); it != c.native_types.end()) {
    std::string err;
    t = model::parse_type_name(it->second, err)->type;
    if (t.kind == model::TypeKind::text && c.type.kind == model::TypeKind::enumeration && e == db::Engine::postgres) return "text";
  }
  using K = model::TypeKind;
  std::string p = std::to_string(t.precision);
  switch (e) {
    case db::Engine::postgres:
      switch (t.kind) {
        case K::integer: return t.bits == 64 ? "bigint" : t.bits > 16 ? "integer" : "smallint";
        case K::boolean: return "boolean";
        case K::decimal: return "numeric(" + p + "," + std::to_string(t.scale) + ")";
        case K::floating: return t.bits == 64 ? "double precision" : "real";
        case K::fixed_char: return "character(" + std::to_string(t.length) + ")";
        case K::varchar: return "character varying(" + std::to_string(t.length) + ")";
        case K::json: return "jsonb";
        case K::binary: return "bytea";
        case K::timestamp: return "timestamp(" + p + ") with time zone";
        case K::date: return "date";
        case K::time: return "time(" + p + ") without time zone";
        case K::uuid: return "uuid";
        default: return "text";
      }
    case db::Engine::mysql: {
      std::string u = c.is_unsigned ? " unsigned" : "";
      switch (t.kind) {
        case K::integer: return std::string(t.bits == 64 ? "bigint" : t.bits == 32 ? "int" : t.bits == 24 ? "mediumint" : t.bits == 16 ? "smallint" : "tinyint") + u;
        case K::boolean: return "tinyint(1)";
        case K::decimal: return "decimal(" + p + "," + std::to_string(t.scale) + ")" + u;
        case K::floating: return (t.bits == 64 ? "double" : "float") + u;
        case K::fixed_char: return "char(" + std::to_string(t.length) + ")";
        case K::varchar: return "varchar(" + std::to_string(t.length) + ")";
        case K::json: return "longtext";  // MariaDB: JSON is LONGTEXT + json_valid CHECK
        case K::binary: return "longblob";
        case K::timestamp: return t.precision ? "datetime(" + p + ")" : "datetime";
        case K::date: return "date";
        case K::time: return t.precision ? "time(" + p + ")" : "time";
        case K::uuid: return "char(36)";
        case K::enumeration: return model::to_string(t);
        default: return "text";
      }
    }
    case db::Engine::sqlite:
      switch (t.kind) {
        case K::integer:
        case K::boolean: return "integer";
        case K::decimal: return "numeric";
        case K::floating: return "real";
        case K::binary: return "blob";
        default: return "text";
      }
  }
  return "?";
}

void check_against_model(const model::Schema& s, const test::LiveSchema& live, db::Engine e) {
  std::set<std::string> expected_tables, live_tables;
  for (const auto& t : s.tables) expected_tables.insert(t.name);
  for (const auto& [n, _] : live.tables) live_tables.insert(n);
  CHECK(live_tables == expected_tables);
  std::set<std::string> expected_views;
  for (const auto& t : s.tables) {
    INFO("table " << t.name << " on " << db::to_string(e));
    const test::LiveTable& lt = live.tables.at(t.name);
    REQUIRE(lt.columns.size() == t.columns.size());
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const auto& mc = t.columns[i];
      const auto& lc = lt.columns[i];
      INFO("column " << mc.name);
      CHECK(lc.name == mc.name);
      CHECK(lc.type == expected_type(t, mc, e));
      CHECK(lc.not_null == !mc.nullable);
      bool wants_default = mc.default_value.present() && mc.default_value.kind != model::DefaultValue::Kind::null;
      CHECK(lc.has_default == wants_default);
      if (mc.default_value.kind == model::DefaultValue::Kind::string) CHECK(lc.default_value == mc.default_value.text);
      if (mc.default_value.kind == model::DefaultValue::Kind::number)  // MariaDB writes 0 on DECIMAL(12,3) as 0.000
        CHECK(std::stod(lc.default_value) == std::stod(mc.default_value.text));
    }
    CHECK(lt.primary_key == t.primary_key->columns);
    std::set<std::string> uniques;
    for (const auto& u : t.uniques) uniques.insert(e == db::Engine::sqlite ? join(u.columns) : u.name + ": " + join(u.columns));
    CHECK(lt.uniques == uniques);
    std::map<std::string, std::string> indexes;
    for (const auto& i : t.indexes) {
      if (!i.dialects.empty() && std::find(i.dialects.begin(), i.dialects.end(), db::to_string(e)) == i.dialects.end()) continue;
      std::vector<std::string> cols;
      for (const auto& c : i.columns) cols.push_back(c.name + (c.descending ? " DESC" : ""));
      indexes[i.name] = join(cols) + (i.unique ? " UNIQUE" : "");
    }
    std::map<std::string, std::string> live_indexes = lt.indexes;
    std::set<std::string> fk_names;
    for (const auto& f : t.foreign_keys) fk_names.insert(f.name);
    if (e == db::Engine::mysql)  // InnoDB adds an index named after an FK whose columns no index leads with
      for (auto it = live_indexes.begin(); it != live_indexes.end();) it = fk_names.count(it->first) ? live_indexes.erase(it) : std::next(it);
    CHECK(live_indexes == indexes);
    std::set<std::string> fks;
    for (const auto& f : t.foreign_keys) {
      auto action = [&](model::FkAction a) {
        // InnoDB reports an unspecified action as RESTRICT, which it treats as NO ACTION.
        if (e == db::Engine::mysql && a == model::FkAction::no_action) return std::string("RESTRICT");
        return std::string(model::to_string(a));
      };
      fks.insert("(" + join(f.columns) + ") -> " + f.ref_table + "(" + join(f.ref_columns) + ") ON DELETE " + action(f.on_delete) +
                 " ON UPDATE " + action(f.on_update));
    }
    CHECK(lt.foreign_keys == fks);
    if (e != db::Engine::sqlite) {  // SQLite keeps no constraint names
      std::set<std::string> checks, live_checks = lt.checks;
      for (const auto& ck : t.checks) checks.insert(ck.name);
      for (const auto& c : t.columns) {
        bool native_enum = t.options.count("postgres") && t.options.at("postgres").count("enums");
        if (e == db::Engine::postgres && c.type.kind == model::TypeKind::enumeration && !native_enum)
          checks.insert("ck_" + t.name + "_" + c.name);
        if (e == db::Engine::mysql && c.type.kind == model::TypeKind::json) live_checks.erase(c.name);  // MariaDB's json_valid
      }
      CHECK(live_checks == checks);
    }
    expected_views.insert("vw_" + t.name);
    if (t.job) expected_views.insert("vw_" + t.name + "_status");
    for (const auto& v : t.views)
      if (v.name != "vw_" + t.name && v.name != "vw_" + t.name + "_status") expected_views.insert(v.name);
  }
  CHECK(live.views == expected_views);
}

// Values that satisfy each column, distinct per `n` so rows never collide on unique keys.
struct RowMaker {
  db::Engine engine;
  std::map<std::string, std::int64_t> ids;  // table -> id of its valid row
  std::string q(const std::string& name) const { return dialect::dialect_named(db::to_string(engine)).quote(name); }

  db::Value value(const model::Table& t, const model::Column& c, int n) const {
    for (const auto& fk : t.foreign_keys)
      if (fk.columns.size() == 1 && fk.columns[0] == c.name) return ids.at(fk.ref_table);
    using K = model::TypeKind;
    switch (c.type.kind) {
      case K::integer: return std::int64_t{1 + n % 5};
      case K::boolean: return true;
      case K::decimal: return std::string("12.50");
      case K::floating: return 1.5;
      case K::enumeration: return c.type.values.front();
      case K::json: return std::string("{\"k\": \"Grüße\"}");
      case K::binary: return db::Bytes{std::byte{0}, std::byte{1}, std::byte{0}};
      case K::timestamp:
        return std::string(engine == db::Engine::mysql ? "2026-01-02 03:04:05.123456"
                           : engine == db::Engine::postgres ? "2026-01-02 03:04:05.123456+00" : "2026-01-02T03:04:05.123456Z");
      case K::date: return std::string("2026-01-02");
      case K::time: return std::string("03:04:05");
      case K::uuid: return std::string("00000000-0000-4000-8000-00000000000") + std::to_string(n % 10);
      default: {
        std::string v = c.name.substr(0, 3) + "-" + std::to_string(n);
        return c.type.length && static_cast<int>(v.size()) > c.type.length ? v.substr(v.size() - static_cast<std::size_t>(c.type.length)) : v;
      }
    }
  }

  // INSERT of every non-identity column; `override` replaces one column's value.
  void insert(db::Connection& c, const model::Table& t, int n, const std::string& col = {}, const db::Value& v = nullptr) {
    std::string names, marks;
    std::vector<db::Value> values;
    for (const auto& mc : t.columns) {
      if (mc.identity) continue;
      names += (names.empty() ? "" : ", ") + q(mc.name);
      values.push_back(mc.name == col ? v : value(t, mc, n));
      marks += (marks.empty() ? "" : ", ") +
               (engine == db::Engine::postgres ? "$" + std::to_string(values.size()) : std::string("?"));
    }
    c.query("INSERT INTO " + q(t.name) + " (" + names + ") VALUES (" + marks + ")", std::span<const db::Value>(values));
  }
};

// Applies the rendered schema for `schema` to a scratch database of `engine`
// and checks everything the model says against what the engine reports.
void round_trip(const test::Rendered& rendered, db::Engine engine) {
  const model::Schema& schema = rendered.loaded.schema;
  test::ScratchDatabase scratch(engine);
  if (!scratch.ok()) return;
  auto c = scratch.connect();
  const std::string& script = rendered.out.files.at(std::string(db::to_string(engine)) + "/schema.sql");
  test::run_script(*c, script);
  if (engine != db::Engine::mysql) test::run_script(*c, script);  // PostgreSQL and SQLite output is idempotent

  auto live = test::read_live_schema(*c);
  check_against_model(schema, live, engine);
  RowMaker rows{engine, {}};
  for (const auto& v : live.views) CHECK_NOTHROW(c->query("SELECT * FROM " + rows.q(v)));

  for (const auto& t : schema.tables) {
    INFO("valid row for " << t.name);
    REQUIRE_NOTHROW(rows.insert(*c, t, 0));
    if (t.primary_key && t.find_column(t.primary_key->columns[0])->identity) rows.ids[t.name] = c->last_insert_id();
  }
  for (const auto& t : schema.tables) {
    int n = 1;
    for (const auto& fk : t.foreign_keys) {
      INFO(t.name << ": FK " << fk.name << " must reject a missing parent");
      CHECK_THROWS_AS(rows.insert(*c, t, n++, fk.columns[0], std::int64_t{999999}), db::ForeignKeyViolation);
    }
    for (const auto& col : t.columns) {
      if (col.type.kind != model::TypeKind::enumeration) continue;
      INFO(t.name << "." << col.name << " must reject a value outside its enum");
      if (engine == db::Engine::mysql || (engine == db::Engine::postgres && t.options.count("postgres")))
        CHECK_THROWS_AS(rows.insert(*c, t, n++, col.name, std::string("not-a-state")), db::DbError);  // ENUM types reject, no CHECK
      else
        CHECK_THROWS_AS(rows.insert(*c, t, n++, col.name, std::string("not-a-state")), db::CheckViolation);
    }
    if (engine == db::Engine::sqlite) {
      for (const auto& col : t.columns) {
        if (col.type.kind == model::TypeKind::boolean)
          CHECK_THROWS_AS(rows.insert(*c, t, n++, col.name, std::int64_t{7}), db::CheckViolation);
        if (col.type.kind == model::TypeKind::json)
          CHECK_THROWS_AS(rows.insert(*c, t, n++, col.name, std::string("{not json")), db::CheckViolation);
      }
    }
    for (const auto& ck : t.checks) {
      INFO(t.name << ": check " << ck.name);
      if (ck.name == "ck_crypto_algorithms_nist_level")
        CHECK_THROWS_AS(rows.insert(*c, t, n++, "nist_level", std::int64_t{9}), db::CheckViolation);
    }
  }
  // Exactly the valid rows are left behind.
  for (const auto& t : schema.tables) CHECK(db::as_int(c->query("SELECT COUNT(*) FROM " + rows.q(t.name)).scalar()) == 1);
}

}  // namespace

TEST_CASE("schema.sql for spec/ applies to real engines and reads back as the model", "[render][pg][mysql][sqlite]") {
  auto rendered = test::render_specs({"spec"});
  // Every CHECK in spec/ is exercised by round_trip; a new one needs a violating row there.
  for (const auto& t : rendered.loaded.schema.tables)
    for (const auto& ck : t.checks) CHECK(ck.name == "ck_crypto_algorithms_nist_level");
  for (auto engine : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(engine)) {
      round_trip(rendered, engine);
      test::ScratchDatabase scratch(engine);
      if (!scratch.ok()) continue;
      auto c = scratch.connect();
      test::run_script(*c, rendered.out.files.at(std::string(db::to_string(engine)) + "/schema.sql"));
      c->execute("INSERT INTO deletion_jobs (entity_table, entity_pk) VALUES ('users', '1')");
      // The status view has one row per state, counting the new job as pending.
      auto status = c->query("SELECT status, jobs FROM vw_deletion_jobs_status ORDER BY status");
      CHECK(status.rows.size() == 5);
      CHECK(db::as_int(c->query("SELECT jobs FROM vw_deletion_jobs_status WHERE status = 'pending'").scalar()) == 1);
      CHECK(db::as_int(c->query("SELECT COUNT(*) FROM vw_deletion_jobs WHERE NOT is_running").scalar()) == 1);
    }
  }
}

TEST_CASE("reserved words, mixed case, every logical type and names at the length limit", "[render][pg][mysql][sqlite]") {
  auto rendered = test::render_specs({"tests/fixtures/render/edge_cases.yaml"});
  for (auto engine : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(engine)) { round_trip(rendered, engine); }
  }
}
