#pragma once
// View bodies in drift: views the database and the specs both have whose
// bodies differ, as the engine can tell (PostgreSQL and SQLite whole bodies,
// MySQL/MariaDB through EXPLAIN). Views over a table whose columns drifted
// are left out: they differ as a consequence, and the fix re-creates them.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "generator/dialect/dialect.hpp"
#include "generator/diff/drift.hpp"
#include "runtime/db/connection.hpp"

namespace sf::cli {

// table -> the views generate writes for it on `d`, from the model (the
// generated ones, and the spec's own that have a body for this engine).
[[nodiscard]] std::map<std::string, std::vector<std::string>> views_generate_writes(const model::Schema& spec, const dialect::Dialect& d);

// The view_differs items, given the drift found without them (`first`).
[[nodiscard]] std::vector<diff::DriftItem> view_body_drift(const dialect::Dialect& d, db::Connection& c, const model::Schema& spec,
                                                           const std::map<std::string, std::vector<std::string>>& spec_views,
                                                           const std::filesystem::path& templates, const diff::DriftCheck& first);

}  // namespace sf::cli
