#pragma once
// The comparison `drift` makes, for every command that needs it: `drift`
// reports it, `migrate baseline` refuses to adopt a database that fails it.
// The live schema is inspected, normalised toward the specs and diffed; views
// whose bodies differ are asked of the database and folded in.
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "generator/dialect/dialect.hpp"
#include "generator/diff/drift.hpp"
#include "generator/ingest/loader.hpp"
#include "runtime/db/connection.hpp"

namespace sf::cli {

// Why a database could not be compared ("drift: could not check: <what>").
class CouldNotCheck : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DatabaseDrift {
  std::unique_ptr<db::Connection> connection;
  const dialect::Dialect* dialect = nullptr;
  model::Schema spec;  // the tables expected on this engine (the project's, minus ignored ones)
  diff::DriftCheck check;
};

// `loaded`: validated specs (no errors). `ignore`: globs of tables left out
// on both sides. Throws CouldNotCheck.
[[nodiscard]] DatabaseDrift database_drift(const ingest::LoadResult& loaded, const std::string& dsn,
                                           const std::vector<std::string>& ignore, const std::filesystem::path& templates);

// The report's items as drift prints them: grouped under their table,
// "  [kind] message" each.
[[nodiscard]] std::string drift_items_text(const diff::DriftReport& report);

}  // namespace sf::cli
