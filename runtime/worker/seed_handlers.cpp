#include "runtime/worker/seed_handlers.hpp"

#include <stdexcept>

#include "generated/cpp/schema.hpp"
#include "runtime/worker/pq_migration_handler.hpp"
#include "runtime/worker/rewrap_handler.hpp"

namespace sf::worker {
namespace {

using gen::DeletionJob;
using gen::DeletionJobRepository;
using gen::Job;
using gen::JobRepository;

// The shape request_payload must have (docs/jobs.md, "Seed handlers").
struct Payload {
  std::string source;
  std::int64_t items = 0;
};

Payload parse_payload(const db::Json& j) {
  if (!j.is_object()) throw std::invalid_argument("request_payload must be a JSON object, got " + std::string(j.type_name()));
  auto source = j.find("source");
  if (source == j.end() || !source->is_string() || source->get<std::string>().empty())
    throw std::invalid_argument("request_payload.source must be a non-empty string");
  auto items = j.find("items");
  if (items == j.end() || !items->is_number_integer() || items->get<std::int64_t>() < 1 || items->get<std::int64_t>() > 10000)
    throw std::invalid_argument("request_payload.items must be an integer from 1 to 10000");
  return {source->get<std::string>(), items->get<std::int64_t>()};
}

// clone/restore/delete over `items` units of work, reporting progress in
// tenths; the checksum makes the result depend on every unit.
std::optional<db::Json> run_job(const Job& job, jobs::JobContext& ctx) {
  const Payload p = parse_payload(job.request_payload);
  std::uint64_t checksum = 1469598103934665603ULL;  // FNV-1a over the unit names
  for (std::int64_t i = 0; i < p.items; ++i) {
    for (char ch : p.source + "#" + std::to_string(i)) checksum = (checksum ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
    if ((i + 1) * 10 / p.items != i * 10 / p.items) {
      ctx.progress(static_cast<int>((i + 1) * 100 / p.items));
      if (ctx.cancelled()) throw std::runtime_error("cancelled at item " + std::to_string(i + 1));
    }
  }
  return db::Json{{"operation", std::string(gen::to_string(job.type))}, {"source", p.source}, {"items", p.items},
                  {"checksum", std::to_string(checksum)}};
}

// The tables deletion_jobs may reach, each through its generated repository.
bool delete_entity(db::Connection& c, const DeletionJob& job, db::Timestamp now) {
  std::size_t used = 0;
  const std::int64_t key = std::stoll(job.entity_pk, &used);
  if (used != job.entity_pk.size()) throw std::invalid_argument("entity_pk '" + job.entity_pk + "' is not an integer key");
  if (job.entity_table == "users") {
    gen::UserRepository users(c);
    if (job.hard_delete) return users.erase(key);
    auto u = users.find(key);
    if (!u) return false;
    u->deleted_at = now;
    u->is_active = false;
    return users.update(*u);
  }
  if (job.entity_table == "kms_keys") {
    if (!job.hard_delete) throw std::invalid_argument("kms_keys has no deleted_at column: only hard_delete is possible");
    return gen::KmsKeyRepository(c).erase(key);
  }
  if (job.entity_table == "key_wrappers") {
    if (!job.hard_delete) throw std::invalid_argument("key_wrappers has no deleted_at column: only hard_delete is possible");
    return gen::KeyWrapperRepository(c).erase(key);  // layers and rewrap jobs follow by ON DELETE CASCADE
  }
  throw std::invalid_argument("entity_table '" + job.entity_table + "' is not a table deletion jobs may reach (users, kms_keys, key_wrappers)");
}

}  // namespace

void register_seed_handlers(jobs::Worker& w, const std::vector<std::string>& tables, const SeedOptions& options) {
  for (const auto& t : tables) {
    if (t == "rewrap_jobs") {
      w.handle<gen::RewrapJobRepository>(rewrap_handler(std::make_shared<const LocalKms>(LocalKms::load(options.kms_key_file))));
    } else if (t == "pq_migration_jobs") {
      w.handle<gen::PqMigrationJobRepository>(pq_migration_handler());
    } else if (t == "jobs") {
      w.handle<JobRepository>(run_job);
    } else if (t == "deletion_jobs") {
      // The deletion and the job's completion commit together: a crash
      // between them cannot run the deletion twice.
      w.handle<DeletionJobRepository>([](const DeletionJob& job, jobs::JobContext& ctx) -> std::optional<db::Json> {
        ctx.complete_in_transaction([&](db::Connection& c) {
          if (!delete_entity(c, job, ctx.now())) throw std::runtime_error(job.entity_table + " " + job.entity_pk + " does not exist");
        });
        return std::nullopt;
      });
    } else {
      throw std::invalid_argument("no handler for table '" + t + "' in this build (have: jobs, deletion_jobs, rewrap_jobs, pq_migration_jobs)");
    }
  }
}

void enqueue_samples(db::Connection& c, int n, const SeedOptions& options) {
  // Two local keys: layers start under "old", rewrap jobs move them to "new".
  const std::string old_ref = "local/sample-old", new_ref = "local/sample-new";
  const LocalKms kms = LocalKms::load_or_create(options.kms_key_file, {old_ref, new_ref});
  db::Transaction tx(c);
  JobRepository jobs(c);
  gen::UserRepository users(c);
  DeletionJobRepository deletions(c);
  gen::RewrapJobRepository rewraps(c);
  gen::CryptoAlgorithmRepository algos(c);
  gen::KmsKeyRepository keys(c);
  auto algo = algos.find_by_name("AES-256-GCM");
  const std::int64_t aes = algo ? algo->id : algos.insert({.name = "AES-256-GCM", .family = gen::CryptoAlgorithmFamily::symmetric});
  auto key_id = [&](const std::string& ref) {
    auto k = keys.find_by_provider_and_key_ref(gen::KmsKeyProvider::local, ref);
    return k ? k->id : keys.insert({.provider = gen::KmsKeyProvider::local, .key_ref = ref, .algo_id = aes});
  };
  const std::int64_t old_key = key_id(old_ref), new_key = key_id(new_ref);
  auto policy = gen::EncryptionPolicyRepository(c).find_by_name("sample");
  const std::int64_t policy_id = policy ? policy->id
                                        : gen::EncryptionPolicyRepository(c).insert(
                                              {.name = "sample", .hash_algo_id = aes, .kem_algo_id = aes, .symmetric_algo_id = aes});
  const gen::JobType types[] = {gen::JobType::clone, gen::JobType::restore, gen::JobType::delete_};
  for (int i = 0; i < n; ++i) {
    if (i % 10 == 9) {  // a deletion of a sample user, soft or hard
      auto id = users.insert({.email = "sample-" + db::new_uuid() + "@example.com", .display_name = "Sample user"});
      deletions.enqueue({.entity_pk = std::to_string(id), .entity_table = "users", .hard_delete = (i % 20 == 19)});
    } else if (i % 10 == 4) {  // a key wrapper with one layer under the old key, to re-wrap
      auto wrapper = gen::KeyWrapperRepository(c).insert({.policy_id = policy_id, .purpose = "sample-dek"});
      db::Bytes dek(32);
      for (std::size_t b = 0; b < dek.size(); ++b) dek[b] = static_cast<std::byte>((b * 7 + static_cast<std::size_t>(i)) & 0xFF);
      const db::Json aad = {{"wrapper", wrapper}, {"purpose", "sample-dek"}};
      gen::KeyWrapperLayerRepository(c).insert({.key_wrapper_id = wrapper, .layer_no = 1, .kms_key_id = old_key, .kem_algo_id = aes,
                                                .kem_ciphertext = kms.wrap(old_ref, dek, aad.dump()), .aad = aad});
      rewraps.enqueue({.key_wrapper_id = wrapper, .target_kms1_key_id = new_key});
    } else {
      jobs.enqueue({.type = types[i % 3], .request_payload = {{"source", "volume-" + std::to_string(i)}, {"items", 50 + i % 200}}});
    }
  }
  tx.commit();
}

}  // namespace sf::worker
