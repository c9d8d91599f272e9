#pragma once
// Which engines a schema's tables are created on. A project names its target
// engines in schemaforge.yaml and a table may narrow them; a table is checked
// against, rendered for, migrated on and drift-checked on those engines only,
// so a PostgreSQL-only table is never held to MySQL's limits.
#include <string>
#include <string_view>
#include <vector>

#include "generator/model/schema.hpp"

namespace sf::model {

// The project's engines in registry order: Schema::engines, or every engine.
[[nodiscard]] std::vector<std::string> project_engines(const Schema& s);
// The engines `t` is created on: its own list, or the project's.
[[nodiscard]] std::vector<std::string> table_engines(const Schema& s, const Table& t);
[[nodiscard]] bool targets(const Schema& s, const Table& t, std::string_view engine);
[[nodiscard]] bool project_targets(const Schema& s, std::string_view engine);

// The tables created on `engine`, and nothing else (each keeps its other
// engines' entries; diff::for_dialect strips those).
[[nodiscard]] Schema created_on(Schema s, std::string_view engine);

}  // namespace sf::model
