#pragma once
// The data handed to templates/cpp/: for each table, one entry with the C++
// names and types of its row struct, insert struct, enums and repository, and
// the repository's statements as each engine writes them (repository_sql.hpp).
// The shape is documented in docs/templates.md ("The C++ view").
#include <nlohmann/json.hpp>

#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"

namespace sf::render {

// One table's entry: what templates/cpp/table.{hpp,cpp} render.
[[nodiscard]] nlohmann::json cpp_table_view(const model::Table& t, model::Diagnostics& diags);

}  // namespace sf::render
