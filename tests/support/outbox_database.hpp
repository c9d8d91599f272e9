#pragma once
// A scratch database holding the leased outbox fixture (tests/fixtures/jobs:
// processing/sent states, retries, a locked_by/locked_until lease), its
// schema as `generate` wrote it at build time for the engine.
#include <filesystem>
#include <memory>

#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"

namespace sf::test {

// Creates the outbox fixture's tables on `c`.
inline void create_outbox(db::Connection& c) {
  run_script(c, read_file(std::filesystem::path(SF_FIXTURE_GENERATED_DIR) / db::to_string(c.engine()) / "schema.sql"));
}

struct OutboxDatabase {
  ScratchDatabase scratch;
  std::unique_ptr<db::Connection> c;
  explicit OutboxDatabase(db::Engine e) : scratch(e) {
    if (!scratch.ok()) return;
    c = scratch.connect();
    create_outbox(*c);
  }
};

}  // namespace sf::test
