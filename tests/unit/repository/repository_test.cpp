// The repositories generated for spec/ (generated/cpp) against real
// PostgreSQL, MariaDB and SQLite created from generated/<engine>/schema.sql:
// every table's row goes in with every column set (and again with every
// nullable column NULL), comes back equal, is updated, found by each unique
// key and index, and erased. Values that drivers like to bend are chosen on
// purpose: JSON with unicode, binary with zero bytes, microsecond timestamps,
// every enum value.
#include <catch2/catch.hpp>

#include "runtime/db/pool.hpp"
#include "tests/support/spec_database.hpp"

using namespace sf;
using namespace sf::gen;
using db::Timestamp;

namespace {

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite};

Timestamp ts(const char* text) { return db::parse_timestamp(text).value(); }

db::Bytes bytes(std::initializer_list<int> values) {
  db::Bytes b;
  for (int v : values) b.push_back(static_cast<std::byte>(v));
  return b;
}

const db::Json unicode_json = db::Json::parse(R"({"name": "Zoë ✓ 日本語", "emoji": "🔑", "n": 42, "list": [1, 2.5, null, true], "nested": {"quote": "a\"b\\c"}})");

using test::SpecDatabase;

// Parents for the FK chain the job tables hang from.
struct Parents {
  std::int64_t hash = 0, kem = 0, sym = 0, policy = 0, wrapper = 0, kms = 0, user = 0;
  explicit Parents(db::Connection& c) {
    CryptoAlgorithmRepository algos(c);
    hash = algos.insert({.name = "SHA3-256", .family = CryptoAlgorithmFamily::hash});
    kem = algos.insert({.name = "ML-KEM-768", .family = CryptoAlgorithmFamily::kem, .pq_safe = true});
    sym = algos.insert({.name = "AES-256-GCM", .family = CryptoAlgorithmFamily::symmetric});
    policy = EncryptionPolicyRepository(c).insert({.name = "default", .hash_algo_id = hash, .kem_algo_id = kem, .symmetric_algo_id = sym});
    wrapper = KeyWrapperRepository(c).insert({.policy_id = policy, .purpose = "dek"});
    kms = KmsKeyRepository(c).insert({.provider = KmsKeyProvider::local, .key_ref = "local/1", .algo_id = sym});
    user = UserRepository(c).insert({.email = "owner@example.com", .display_name = "Owner"});
  }
};

}  // namespace

TEST_CASE("generated repositories round-trip every column of every spec table", "[repository][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      SpecDatabase db(e);
      if (!db.c) continue;
      auto& c = *db.c;

      {  // crypto_algorithms: identity key, enum, boolean, smallint, nullable timestamp, unique name
        CryptoAlgorithmRepository repo(c);
        CryptoAlgorithm want{.name = "ML-DSA-65", .family = CryptoAlgorithmFamily::signature, .pq_safe = true,
                             .nist_level = std::int16_t{3}, .deprecated_at = ts("2031-01-02T03:04:05.123456Z"),
                             .created_at = ts("2026-11-24T10:11:12.654321Z")};
        want.id = repo.insert({.name = want.name, .family = want.family, .pq_safe = want.pq_safe, .nist_level = want.nist_level,
                               .deprecated_at = want.deprecated_at, .created_at = want.created_at});
        CHECK(want.id > 0);
        CHECK(repo.find(want.id) == want);
        CHECK(repo.find_by_name("ML-DSA-65") == want);
        for (auto f : {CryptoAlgorithmFamily::hash, CryptoAlgorithmFamily::kem, CryptoAlgorithmFamily::signature,
                       CryptoAlgorithmFamily::symmetric}) {
          want.family = f;
          want.nist_level.reset();
          want.deprecated_at.reset();
          REQUIRE(repo.update(want));
          CHECK(repo.find(want.id) == want);
        }
        // Defaults apply when Defaulted members are left unset.
        auto id2 = repo.insert({.name = "X25519", .family = CryptoAlgorithmFamily::kem});
        auto got = repo.find(id2).value();
        CHECK_FALSE(got.pq_safe);
        CHECK(got.created_at > ts("2020-01-01T00:00:00Z"));
        CHECK(repo.count() == 2);
        CHECK(repo.list().size() == 2);
        CHECK(repo.list({.order_by = CryptoAlgorithm::Column::name, .descending = true}).front().name == "X25519");
        CHECK(repo.list({.page = {.limit = 1, .offset = 1}}).front().id == id2);
        CHECK(repo.erase(id2));
        CHECK_FALSE(repo.erase(id2));
        CHECK_FALSE(repo.find(id2));
        CHECK(repo.erase(want.id));
      }

      Parents p(c);

      {  // encryption_policies: three FKs, nullable text, ON UPDATE timestamp, unique name
        EncryptionPolicyRepository repo(c);
        EncryptionPolicy want{.name = "pq-hybrid", .description = "ML-KEM + X25519 — «hybrid»", .hash_algo_id = p.hash,
                              .kem_algo_id = p.kem, .symmetric_algo_id = p.sym, .is_default = true,
                              .created_at = ts("2026-03-01T00:00:00.000001Z"), .updated_at = ts("2026-03-01T00:00:00.000002Z")};
        want.id = repo.insert({.name = want.name, .description = want.description, .hash_algo_id = p.hash, .kem_algo_id = p.kem,
                               .symmetric_algo_id = p.sym, .is_default = true, .created_at = want.created_at,
                               .updated_at = want.updated_at});
        CHECK(repo.find(want.id) == want);
        CHECK(repo.find_by_name("pq-hybrid") == want);
        want.description.reset();
        want.is_default = false;
        REQUIRE(repo.update(want));
        auto back = repo.find(want.id).value();
        CHECK_FALSE(back.description);
        CHECK_FALSE(back.is_default);
        CHECK(back.updated_at > want.updated_at);  // ON UPDATE: the database's clock
        CHECK(repo.erase(want.id));
        CHECK_FALSE(repo.find_by_name("pq-hybrid"));
      }

      {  // users: every role value, nullable deleted_at, unique email, index on deleted_at
        UserRepository repo(c);
        User want{.email = "zoë@example.com", .display_name = "Zoë ✓", .role = UserRole::operator_, .is_active = false,
                  .created_at = ts("2026-01-01T00:00:00.000001Z"), .updated_at = ts("2026-01-01T00:00:00.000002Z"),
                  .deleted_at = ts("2026-06-30T23:59:59.999999Z")};
        want.id = repo.insert({.email = want.email, .display_name = want.display_name, .role = want.role, .is_active = false,
                               .created_at = want.created_at, .updated_at = want.updated_at, .deleted_at = want.deleted_at});
        CHECK(repo.find(want.id) == want);
        CHECK(repo.find_by_email("zoë@example.com") == want);
        auto deleted = repo.find_by_deleted_at(*want.deleted_at);
        REQUIRE(deleted.size() == 1);
        CHECK(deleted.front() == want);
        for (auto r : {UserRole::admin, UserRole::operator_, UserRole::viewer}) {
          want.role = r;
          want.deleted_at.reset();
          REQUIRE(repo.update(want));
          auto back = repo.find(want.id).value();
          CHECK(back.role == r);
          CHECK_FALSE(back.deleted_at);
          // updated_at is ON UPDATE: the database's clock, not the struct's value.
          CHECK(back.updated_at > want.updated_at);
        }
        CHECK(repo.erase(want.id));
      }

      {  // kms_keys: two enums, unique (provider, key_ref)
        KmsKeyRepository repo(c);
        for (auto provider : {KmsKeyProvider::aws, KmsKeyProvider::gcp, KmsKeyProvider::azure, KmsKeyProvider::vault}) {
          for (auto state : {KmsKeyState::active, KmsKeyState::disabled, KmsKeyState::destroyed}) {
            KmsKey want{.provider = provider, .key_ref = "ref/" + std::string(to_string(state)), .algo_id = p.sym, .state = state,
                        .created_at = ts("2026-02-03T04:05:06.070809Z"), .rotated_at = std::nullopt};
            want.id = repo.insert({.provider = provider, .key_ref = want.key_ref, .algo_id = p.sym, .state = state,
                                   .created_at = want.created_at});
            CHECK(repo.find_by_provider_and_key_ref(provider, want.key_ref) == want);
          }
        }
        CHECK(repo.count() == 13);  // 12 + the parent
        auto one = repo.find_by_provider_and_key_ref(KmsKeyProvider::vault, "ref/destroyed").value();
        one.rotated_at = ts("2027-01-01T00:00:00.25Z");
        one.key_ref = "ref/rotated";
        REQUIRE(repo.update(one));
        CHECK(repo.find(one.id) == one);
        CHECK(repo.erase(one.id));
        CHECK(repo.count() == 12);
      }

      {  // key_wrappers and key_wrapper_layers: binary with zero bytes, JSON with unicode, composite unique
        KeyWrapperRepository wrappers(c);
        auto w = wrappers.find(p.wrapper).value();
        CHECK(w.version == 1);  // DEFAULT 1
        CHECK(wrappers.find_by_policy_id(p.policy).size() == 1);
        w.rotated_at = ts("2027-03-04T05:06:07.000008Z");
        w.version = 2;
        REQUIRE(wrappers.update(w));
        CHECK(wrappers.find(p.wrapper) == w);

        KeyWrapperLayerRepository repo(c);
        KeyWrapperLayer want{.key_wrapper_id = p.wrapper, .layer_no = 1, .kms_key_id = p.kms, .kem_algo_id = p.kem,
                             .kem_ciphertext = bytes({0, 1, 0, 255, 0, 0, 127, 0}), .encap_pubkey = bytes({0}),
                             .aad = unicode_json, .meta = db::Json::array({"ü", 0, db::Json::object()}),
                             .created_at = ts("2026-11-24T00:00:00.5Z")};
        want.id = repo.insert({.key_wrapper_id = p.wrapper, .layer_no = 1, .kms_key_id = p.kms, .kem_algo_id = p.kem,
                               .kem_ciphertext = want.kem_ciphertext, .encap_pubkey = want.encap_pubkey, .aad = want.aad,
                               .meta = want.meta, .created_at = want.created_at});
        CHECK(repo.find(want.id) == want);
        CHECK(repo.find_by_key_wrapper_id_and_layer_no(p.wrapper, 1) == want);
        CHECK(repo.find_by_key_wrapper_id(p.wrapper).size() == 1);
        CHECK(repo.find_by_kem_algo_id(p.kem).size() == 1);
        CHECK(wrappers.erase(wrappers.insert({.policy_id = p.policy, .purpose = "short-lived"})));
        // Every nullable column NULL.
        KeyWrapperLayer bare{.key_wrapper_id = p.wrapper, .layer_no = 2, .kms_key_id = std::nullopt, .kem_algo_id = p.kem,
                             .kem_ciphertext = {}, .encap_pubkey = std::nullopt, .aad = std::nullopt, .meta = std::nullopt,
                             .created_at = ts("2026-11-24T00:00:01Z")};
        bare.id = repo.insert({.key_wrapper_id = p.wrapper, .layer_no = 2, .kem_algo_id = p.kem, .created_at = bare.created_at});
        CHECK(repo.find(bare.id) == bare);
        want.kem_ciphertext = bytes({0, 0, 0});
        want.aad = db::Json{{"k", "värde"}};
        REQUIRE(repo.update(want));
        CHECK(repo.find(want.id) == want);
        CHECK(repo.erase(bare.id));
      }

      {  // rewrap_jobs: every status, nullable FKs and schedule
        RewrapJobRepository repo(c);
        RewrapJob want{.attempts = 2, .created_at = ts("2026-11-24T01:02:03.000004Z"), .finished_at = std::nullopt,
                       .key_wrapper_id = p.wrapper, .last_error = "boom ✗", .scheduled_at = ts("2026-11-24T01:02:03.5Z"),
                       .started_at = std::nullopt, .status = RewrapJobStatus::failed, .target_kms1_key_id = p.kms,
                       .target_kms2_key_id = std::nullopt};
        want.id = repo.insert({.attempts = 2, .created_at = want.created_at, .key_wrapper_id = p.wrapper,
                               .last_error = want.last_error, .scheduled_at = want.scheduled_at, .status = want.status,
                               .target_kms1_key_id = p.kms});
        CHECK(repo.find(want.id) == want);
        for (auto s : {RewrapJobStatus::pending, RewrapJobStatus::running, RewrapJobStatus::done, RewrapJobStatus::failed}) {
          want.status = s;
          want.finished_at = ts("2026-11-25T00:00:00.000001Z");
          REQUIRE(repo.update(want));
          CHECK(repo.find(want.id) == want);
          auto by_status = repo.find_by_status(s);
          REQUIRE(by_status.size() == 1);
          CHECK(by_status.front() == want);
        }
        CHECK(repo.find_by_key_wrapper_id(p.wrapper).size() == 1);
        CHECK(repo.erase(want.id));
      }

      {  // deletion_jobs: composite unique key, cancelled state
        DeletionJobRepository repo(c);
        DeletionJob want{.created_at = ts("2026-11-24T01:02:03.000004Z"), .created_by = p.user, .entity_pk = "42",
                         .entity_table = "users", .error = std::nullopt, .finished_at = std::nullopt, .hard_delete = true,
                         .reason = "GDPR erasure — «request»", .scheduled_at = ts("2026-11-24T05:00:00Z"),
                         .started_at = std::nullopt, .status = DeletionJobStatus::cancelled};
        want.id = repo.insert({.created_at = want.created_at, .created_by = p.user, .entity_pk = "42", .entity_table = "users",
                               .hard_delete = true, .reason = want.reason, .scheduled_at = want.scheduled_at,
                               .status = DeletionJobStatus::cancelled});
        CHECK(repo.find(want.id) == want);
        CHECK(repo.find_by_entity_table_and_entity_pk("users", "42") == want);
        CHECK(repo.find_by_status(DeletionJobStatus::cancelled).size() == 1);
        for (auto s : {DeletionJobStatus::pending, DeletionJobStatus::running, DeletionJobStatus::done, DeletionJobStatus::failed}) {
          want.status = s;
          want.error = "e ✗";
          want.created_by.reset();
          REQUIRE(repo.update(want));
          CHECK(repo.find(want.id) == want);
        }
        CHECK(repo.erase(want.id));
      }

      {  // pq_migration_jobs: JSON selection, bigint counter, every scope
        PqMigrationJobRepository repo(c);
        for (auto scope : {PqMigrationJobScope::hashes, PqMigrationJobScope::wrappers, PqMigrationJobScope::signatures}) {
          PqMigrationJob want{.scope = scope, .target_policy_id = p.policy, .target_algo_id = p.kem,
                              .selection = unicode_json, .scheduled_at = std::nullopt, .started_at = std::nullopt,
                              .finished_at = std::nullopt, .status = PqMigrationJobStatus::pending,
                              .processed_count = 9'007'199'254'740'993LL, .error = std::nullopt, .created_by = p.user,
                              .created_at = ts("2026-11-24T08:00:00.000001Z")};
          want.id = repo.insert({.scope = scope, .target_policy_id = p.policy, .target_algo_id = p.kem, .selection = unicode_json,
                                 .processed_count = want.processed_count, .created_by = p.user, .created_at = want.created_at});
          CHECK(repo.find(want.id) == want);
          for (auto s : {PqMigrationJobStatus::running, PqMigrationJobStatus::done, PqMigrationJobStatus::failed,
                         PqMigrationJobStatus::cancelled, PqMigrationJobStatus::pending}) {
            want.status = s;
            want.processed_count += 1;
            want.selection = db::Json{{"ids", {1, 2, 3}}};
            REQUIRE(repo.update(want));
            CHECK(repo.find(want.id) == want);
          }
        }
        CHECK(repo.find_by_status(PqMigrationJobStatus::pending).size() == 3);
        for (const auto& job : repo.list()) CHECK(repo.erase(job.id));
        CHECK(repo.count() == 0);
      }

      {  // jobs: UUID key generated on insert, TIMESTAMP(0) columns, nullable column with a default
        JobRepository repo(c);
        auto key = repo.insert({.type = JobType::delete_, .request_payload = unicode_json});
        CHECK(key.size() == 36);
        CHECK(key[14] == '7');  // UUIDv7
        auto got = repo.find(key).value();
        CHECK(got.status == JobStatus::pending);
        CHECK(got.progress == 0);
        CHECK(got.request_payload == unicode_json);
        Job want{.job_id = "0b7e7c1e-0000-7000-8000-000000000001", .type = JobType::restore, .status = JobStatus::completed,
                 .progress = std::nullopt, .request_payload = db::Json::object(), .result = db::Json{{"ok", true}},
                 .error = "e", .created_at = ts("2026-11-24T01:02:03Z"), .updated_at = ts("2026-11-24T01:02:04Z"),
                 .completed_at = ts("2026-11-24T01:02:05Z"), .ttl_expires_at = ts("2026-12-24T00:00:00Z")};
        CHECK(repo.insert({.job_id = want.job_id, .type = want.type, .status = want.status, .progress = std::nullopt,
                           .request_payload = want.request_payload, .result = want.result, .error = want.error,
                           .created_at = want.created_at, .updated_at = want.updated_at, .completed_at = want.completed_at,
                           .ttl_expires_at = want.ttl_expires_at}) == want.job_id);
        {
          auto got_back = repo.find(want.job_id).value();
          CHECK(got_back.job_id == want.job_id);
          CHECK(got_back.type == want.type);
          CHECK(got_back.status == want.status);
          CHECK(got_back.progress == want.progress);
          CHECK(got_back.request_payload == want.request_payload);
          CHECK(got_back.result == want.result);
          CHECK(got_back.error == want.error);
          CHECK(got_back.created_at == want.created_at);
          CHECK(got_back.updated_at == want.updated_at);
          CHECK(got_back.completed_at == want.completed_at);
          CHECK(got_back.ttl_expires_at == want.ttl_expires_at);
        }
        // Microseconds are cut to the column's precision on write, the same on every engine.
        want.completed_at = ts("2026-11-24T01:02:05.999999Z");
        want.updated_at = ts("2026-11-24T09:00:00Z");
        REQUIRE(repo.update(want));
        auto back = repo.find(want.job_id).value();
        CHECK(back.completed_at == ts("2026-11-24T01:02:05Z"));
        CHECK(repo.find_by_type(JobType::restore).size() == 1);
        CHECK(repo.find_by_ttl_expires_at(*want.ttl_expires_at).size() == 1);
        CHECK(repo.find_by_created_at(*want.created_at).size() == 1);
        CHECK(repo.erase(want.job_id));
        CHECK(repo.count() == 1);
      }
    }
  }
}

// (CHECK and NOT NULL violations cannot be written through the typed API for
// spec/: enums are enum classes and JSON is always valid. runtime/db's own
// test covers their error types.)
TEST_CASE("repository errors are typed (unique, foreign key) and a rolled-back transaction leaves no row",
          "[repository][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      SpecDatabase db(e);
      if (!db.c) continue;
      auto& c = *db.c;
      Parents p(c);
      UserRepository users(c);
      CHECK_THROWS_AS(users.insert({.email = "owner@example.com", .display_name = "Again"}), db::UniqueViolation);
      KeyWrapperRepository wrappers(c);
      CHECK_THROWS_AS(wrappers.insert({.policy_id = 999'999, .purpose = "orphan"}), db::ForeignKeyViolation);
      DeletionJobRepository deletions(c);
      deletions.insert({.entity_pk = "1", .entity_table = "users"});
      CHECK_THROWS_AS(deletions.insert({.entity_pk = "1", .entity_table = "users"}), db::UniqueViolation);

      try {
        db::Transaction tx(c);
        users.insert({.email = "rolled-back@example.com", .display_name = "Gone"});
        CHECK(users.find_by_email("rolled-back@example.com"));
        throw std::runtime_error("handler failed");
      } catch (const std::runtime_error&) {
      }
      CHECK_FALSE(users.find_by_email("rolled-back@example.com"));
      CHECK(users.count() == 1);
    }
  }
}

TEST_CASE("a NULL or unknown enum in the database is a DecodeError naming table.column", "[repository][sqlite]") {
  SpecDatabase db(db::Engine::sqlite);
  auto& c = *db.c;
  c.execute("PRAGMA ignore_check_constraints = ON");
  c.execute("INSERT INTO crypto_algorithms (name, family) VALUES ('odd', 'quantum')");
  CryptoAlgorithmRepository repo(c);
  try {
    (void)repo.find_by_name("odd");
    FAIL("no DecodeError");
  } catch (const db::DecodeError& err) {
    CHECK_THAT(err.what(), Catch::Contains("crypto_algorithms.family") && Catch::Contains("'quantum'"));
  }
}

TEST_CASE("repositories over a pool: 8 threads x 1,000 operations, no connection lost", "[repository][pool][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      SpecDatabase db(e);
      if (!db.c) continue;
      Parents p(*db.c);
      db::Pool pool(db.scratch.dsn(), 4);
      std::atomic<int> failures{0};
      std::vector<std::thread> threads;
      for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
          for (int i = 0; i < 1000; ++i) {
            for (int attempt = 0;; ++attempt) {
              try {
                auto conn = pool.acquire();
                KeyWrapperRepository repo(*conn);
                if (i % 2 == 0) {
                  repo.insert({.policy_id = p.policy, .purpose = "t" + std::to_string(t) + "-" + std::to_string(i)});
                } else {
                  if (!repo.find(p.wrapper)) ++failures;
                }
                break;
              } catch (const db::DbError& err) {
                if (!err.retryable() || attempt > 50) {
                  ++failures;
                  break;
                }
              }
            }
          }
        });
      }
      for (auto& th : threads) th.join();
      CHECK(failures == 0);
      CHECK(pool.opened() <= 4);
      CHECK(KeyWrapperRepository(*db.c).count() == 1 + 8 * 500);
    }
  }
}
