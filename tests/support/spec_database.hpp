#pragma once
// A scratch database holding spec/'s schema as `generate` writes it for the
// engine (generated/<engine>/schema.sql), for tests of the generated
// repositories and the job runtime.
#include "generated/cpp/schema.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"

namespace sf::test {

struct SpecDatabase {
  ScratchDatabase scratch;
  std::unique_ptr<db::Connection> c;
  explicit SpecDatabase(db::Engine e) : scratch(e) {
    if (!scratch.ok()) return;
    c = scratch.connect();
    run_script(*c, read_file(source_dir() / "generated" / db::to_string(e) / "schema.sql"));
  }
};

// A key wrapper, with the algorithm and policy it needs, for job rows to point at.
inline std::int64_t make_key_wrapper(db::Connection& c) {
  using namespace sf::gen;
  auto algo = CryptoAlgorithmRepository(c).insert({.name = "AES", .family = CryptoAlgorithmFamily::symmetric});
  auto policy = EncryptionPolicyRepository(c).insert({.name = "p", .hash_algo_id = algo, .kem_algo_id = algo, .symmetric_algo_id = algo});
  return KeyWrapperRepository(c).insert({.policy_id = policy, .purpose = "dek"});
}

}  // namespace sf::test
