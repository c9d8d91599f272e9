// The seed tables' handlers (runtime/worker) doing their real work on the
// three engines: re-wrapping key layers under new local KMS keys (and the
// old keys no longer opening them), deleting or soft-deleting the rows
// deletion jobs name and refusing any other table, and running `jobs`
// payloads to a result or a clear failure.
#include <catch2/catch.hpp>

#include "runtime/worker/local_kms.hpp"
#include "runtime/worker/seed_handlers.hpp"
#include "tests/support/spec_database.hpp"

using namespace sf;
using namespace sf::gen;

namespace {

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite};

db::Bytes dek(int seed) {
  db::Bytes b(32);
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::byte>((static_cast<int>(i) * 31 + seed) & 0xFF);
  b[3] = std::byte{0};  // zero bytes must survive every driver
  return b;
}

struct KeyFile {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("schemaforge-kms-" + std::to_string(::getpid()) + ".json");
  ~KeyFile() { std::filesystem::remove(path); }
};

jobs::Worker worker_for(const test::SpecDatabase& d, int max_attempts = 1) {
  return jobs::Worker(d.scratch.dsn(), {.concurrency = 2, .max_attempts = max_attempts});
}

}  // namespace

TEST_CASE("rewrap_jobs re-wraps each layer under its target key and the old key no longer opens it", "[jobs][handlers][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::SpecDatabase d(e);
      if (!d.c) continue;
      KeyFile kf;
      auto kms = worker::LocalKms::load_or_create(kf.path, {"local/old1", "local/old2", "local/new1", "local/new2", "local/off"});
      auto& c = *d.c;
      const auto wrapper = test::make_key_wrapper(c);
      auto algo = CryptoAlgorithmRepository(c).list().front().id;
      KmsKeyRepository keys(c);
      auto key = [&](const char* ref, KmsKeyState state = KmsKeyState::active) {
        return keys.insert({.provider = KmsKeyProvider::local, .key_ref = ref, .algo_id = algo, .state = state});
      };
      const auto old1 = key("local/old1"), old2 = key("local/old2"), new1 = key("local/new1"), new2 = key("local/new2");
      const auto off = key("local/off", KmsKeyState::disabled);
      KeyWrapperLayerRepository layers(c);
      const db::Json aad1 = {{"layer", 1}, {"tenant", "zoë"}}, aad2 = {{"layer", 2}};
      auto l1 = layers.insert({.key_wrapper_id = wrapper, .layer_no = 1, .kms_key_id = old1, .kem_algo_id = algo,
                               .kem_ciphertext = kms.wrap("local/old1", dek(1), aad1.dump()), .aad = aad1});
      auto l2 = layers.insert({.key_wrapper_id = wrapper, .layer_no = 2, .kms_key_id = old2, .kem_algo_id = algo,
                               .kem_ciphertext = kms.wrap("local/old2", dek(2), aad2.dump()), .aad = aad2});
      RewrapJobRepository rewraps(c);
      auto ok_job = rewraps.enqueue({.key_wrapper_id = wrapper, .target_kms1_key_id = new1, .target_kms2_key_id = new2});

      auto w = worker_for(d);
      worker::register_seed_handlers(w, {"rewrap_jobs"}, {.kms_key_file = kf.path});
      w.run_until_idle();
      CHECK(rewraps.find(ok_job)->status == RewrapJobStatus::done);
      auto after1 = layers.find(l1).value(), after2 = layers.find(l2).value();
      CHECK(after1.kms_key_id == new1);
      CHECK(after2.kms_key_id == new2);
      CHECK(kms.unwrap("local/new1", after1.kem_ciphertext, aad1.dump()) == dek(1));
      CHECK(kms.unwrap("local/new2", after2.kem_ciphertext, aad2.dump()) == dek(2));
      CHECK_THROWS_AS(kms.unwrap("local/old1", after1.kem_ciphertext, aad1.dump()), worker::KmsError);
      CHECK_THROWS_AS(kms.unwrap("local/new1", after1.kem_ciphertext, aad2.dump()), worker::KmsError);  // AAD binds the layer
      CHECK(KeyWrapperRepository(c).find(wrapper)->version == 2);

      // Run again: every layer is already under its target; nothing changes.
      auto again = rewraps.enqueue({.key_wrapper_id = wrapper, .target_kms1_key_id = new1, .target_kms2_key_id = new2});
      auto w2 = worker_for(d);
      worker::register_seed_handlers(w2, {"rewrap_jobs"}, {.kms_key_file = kf.path});
      w2.run_until_idle();
      CHECK(rewraps.find(again)->status == RewrapJobStatus::done);
      CHECK(layers.find(l1)->kem_ciphertext == after1.kem_ciphertext);

      // A disabled target fails the job and leaves the layer as it was.
      auto bad = rewraps.enqueue({.key_wrapper_id = wrapper, .target_kms1_key_id = off});
      auto w3 = worker_for(d);
      worker::register_seed_handlers(w3, {"rewrap_jobs"}, {.kms_key_file = kf.path});
      w3.run_until_idle();
      auto failed = rewraps.find(bad).value();
      CHECK(failed.status == RewrapJobStatus::failed);
      CHECK_THAT(failed.last_error.value_or(""), Catch::Contains("local/off is disabled, not active"));
      CHECK(layers.find(l1)->kms_key_id == new1);
    }
  }
}

TEST_CASE("deletion_jobs delete or soft-delete the named row and reach no other table", "[jobs][handlers][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::SpecDatabase d(e);
      if (!d.c) continue;
      auto& c = *d.c;
      UserRepository users(c);
      auto soft = users.insert({.email = "soft@example.com", .display_name = "Soft"});
      auto hard = users.insert({.email = "hard@example.com", .display_name = "Hard"});
      auto algo = CryptoAlgorithmRepository(c).insert({.name = "SHA-1", .family = CryptoAlgorithmFamily::hash});
      DeletionJobRepository jobs(c);
      auto j_soft = jobs.enqueue({.entity_pk = std::to_string(soft), .entity_table = "users", .hard_delete = false});
      auto j_hard = jobs.enqueue({.entity_pk = std::to_string(hard), .entity_table = "users", .hard_delete = true});
      auto j_other = jobs.enqueue({.entity_pk = std::to_string(algo), .entity_table = "crypto_algorithms", .hard_delete = true});
      auto j_crafted = jobs.enqueue({.entity_pk = std::to_string(soft) + "; DROP TABLE users", .entity_table = "users", .hard_delete = true});
      auto j_missing = jobs.enqueue({.entity_pk = "999999", .entity_table = "users", .hard_delete = true});

      auto w = worker_for(d);
      worker::register_seed_handlers(w, {"deletion_jobs"}, {});
      w.run_until_idle();

      CHECK(jobs.find(j_soft)->status == DeletionJobStatus::done);
      auto s = users.find(soft).value();
      CHECK(s.deleted_at);
      CHECK_FALSE(s.is_active);
      CHECK(jobs.find(j_hard)->status == DeletionJobStatus::done);
      CHECK_FALSE(users.find(hard));
      auto other = jobs.find(j_other).value();
      CHECK(other.status == DeletionJobStatus::failed);
      CHECK_THAT(other.error.value_or(""), Catch::Contains("'crypto_algorithms' is not a table deletion jobs may reach"));
      CHECK(CryptoAlgorithmRepository(c).find(algo));
      CHECK(jobs.find(j_crafted)->status == DeletionJobStatus::failed);
      CHECK_THAT(jobs.find(j_crafted)->error.value_or(""), Catch::Contains("is not an integer key"));
      CHECK(users.find(soft));  // still there
      CHECK(jobs.find(j_missing)->status == DeletionJobStatus::failed);
    }
  }
}

TEST_CASE("jobs: a valid payload completes with progress 100 and a result, a bad one fails saying why", "[jobs][handlers][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::SpecDatabase d(e);
      if (!d.c) continue;
      JobRepository jobs(*d.c);
      auto good = jobs.enqueue({.type = JobType::restore, .request_payload = {{"source", "vol-7"}, {"items", 30}}});
      auto bad_items = jobs.enqueue({.type = JobType::clone, .request_payload = {{"source", "vol-8"}, {"items", "many"}}});
      auto not_object = jobs.enqueue({.type = JobType::delete_, .request_payload = db::Json::array({1, 2})});
      auto w = worker_for(d);
      worker::register_seed_handlers(w, {"jobs"}, {});
      w.run_until_idle();
      auto done = jobs.find(good).value();
      CHECK(done.status == JobStatus::completed);
      CHECK(done.progress == 100);
      REQUIRE(done.result);
      CHECK((*done.result)["operation"] == "restore");
      CHECK((*done.result)["items"] == 30);
      CHECK_FALSE((*done.result)["checksum"].get<std::string>().empty());
      auto f1 = jobs.find(bad_items).value();
      CHECK(f1.status == JobStatus::failed);
      CHECK(f1.error == "request_payload.items must be an integer from 1 to 10000");
      CHECK(jobs.find(not_object)->error == "request_payload must be a JSON object, got array");
    }
  }
}

TEST_CASE("pq_migration_jobs move the selected wrappers and their layers in batches, counting as they go",
          "[jobs][handlers][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::SpecDatabase d(e);
      if (!d.c) continue;
      auto& c = *d.c;
      CryptoAlgorithmRepository algos(c);
      auto classic = algos.insert({.name = "X25519", .family = CryptoAlgorithmFamily::kem});
      auto pq = algos.insert({.name = "ML-KEM-768", .family = CryptoAlgorithmFamily::kem, .pq_safe = true});
      EncryptionPolicyRepository policies(c);
      auto old_policy = policies.insert({.name = "classic", .hash_algo_id = classic, .kem_algo_id = classic, .symmetric_algo_id = classic});
      auto new_policy = policies.insert({.name = "pq", .hash_algo_id = classic, .kem_algo_id = pq, .symmetric_algo_id = classic});
      KeyWrapperRepository wrappers(c);
      KeyWrapperLayerRepository layers(c);
      for (int i = 0; i < 250; ++i) {
        auto w = wrappers.insert({.policy_id = old_policy, .purpose = "dek-" + std::to_string(i)});
        layers.insert({.key_wrapper_id = w, .layer_no = 1, .kem_algo_id = classic, .kem_ciphertext = {std::byte{1}}});
      }
      // As if an earlier run moved 30 of them and died before finishing.
      for (auto& w : wrappers.find_by_policy_id(old_policy, {.limit = 30})) {
        w.policy_id = new_policy;
        wrappers.update(w);
      }
      PqMigrationJobRepository jobs(c);
      auto job = jobs.enqueue({.scope = PqMigrationJobScope::wrappers, .target_policy_id = new_policy, .target_algo_id = pq,
                               .selection = db::Json{{"policy_id", old_policy}}});
      auto bad = jobs.enqueue({.scope = PqMigrationJobScope::hashes, .target_policy_id = new_policy, .selection = db::Json::object()});
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .max_attempts = 1});
      worker::register_seed_handlers(w, {"pq_migration_jobs"}, {});
      w.run_until_idle();
      auto done = jobs.find(job).value();
      CHECK(done.status == PqMigrationJobStatus::done);
      CHECK(done.processed_count == 220);  // the 30 moved before were not touched again
      CHECK(wrappers.find_by_policy_id(old_policy).empty());
      CHECK(wrappers.find_by_policy_id(new_policy, {.limit = 1000}).size() == 250);
      CHECK(layers.find_by_kem_algo_id(classic, {.limit = 1000}).size() == 30);  // the earlier run's layers stay as it left them
      CHECK(layers.find_by_kem_algo_id(pq, {.limit = 1000}).size() == 220);
      auto refused = jobs.find(bad).value();
      CHECK(refused.status == PqMigrationJobStatus::failed);
      CHECK_THAT(refused.error.value_or(""), Catch::Contains("scope 'hashes' names no table in this schema"));
    }
  }
}
