#pragma once
// The data handed to templates/cpp/: one entry per table with the C++ names
// and types of its row struct, insert struct, enums and repository, and the
// repository's statements as each engine writes them (repository_sql.hpp).
// The shape is documented in docs/repositories.md.
#include <nlohmann/json.hpp>

#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"

namespace sf::render {

// { namespace, tables: [...] }
[[nodiscard]] nlohmann::json cpp_view(const model::Schema& s, const std::string& cpp_namespace, model::Diagnostics& diags);

}  // namespace sf::render
