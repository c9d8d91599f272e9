#pragma once
// Engine-neutral driver of inspection: asks the connection's dialect for the
// catalogue and returns the schema, without schemaforge's own history table
// and limited to the tables a glob pattern names.
#include <string>

#include "generator/model/schema.hpp"
#include "runtime/db/connection.hpp"

namespace sf::inspect {

struct Options {
  std::string tables = "*";  // shell-style glob over table names: users*, *_jobs
};

[[nodiscard]] model::Schema inspect(db::Connection& c, const Options& o = {});

// fnmatch-style: * and ? only.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace sf::inspect
