#pragma once
// Adds view_differs items to a drift report: views the database and the
// specs both have whose bodies differ, as the engine can tell (PostgreSQL and
// SQLite whole bodies, MySQL/MariaDB the columns returned). Views over a
// table whose columns drifted are left out: they differ as a consequence.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "generator/dialect/dialect.hpp"
#include "generator/diff/drift.hpp"
#include "runtime/db/connection.hpp"

namespace sf::cli {

// `spec_views`: table -> the views generate writes for it (as drift() takes them).
void add_view_body_drift(const dialect::Dialect& d, db::Connection& c, const model::Schema& spec,
                         const std::map<std::string, std::vector<std::string>>& spec_views, const std::filesystem::path& templates,
                         diff::DriftReport& report);

}  // namespace sf::cli
