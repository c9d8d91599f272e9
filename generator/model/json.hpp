#pragma once
// Canonical JSON for the model (generated/schema.json). Keys appear in a fixed
// order and empty/default members are omitted, so equal models give equal bytes.
#include <nlohmann/json.hpp>
#include <string>

#include "generator/model/schema.hpp"

namespace sf::model {

inline constexpr const char* schema_format = "schemaforge.schema/1";

[[nodiscard]] nlohmann::ordered_json to_json(const Schema& s);
[[nodiscard]] nlohmann::ordered_json to_json(const Table& t);
// Pretty-printed with two-space indent and a trailing newline.
[[nodiscard]] std::string to_json_text(const Schema& s);

// Reads what to_json wrote. Throws std::runtime_error naming the JSON path of
// the first offending member (e.g. "tables[2].columns[0].type: unknown type 'x'").
[[nodiscard]] Schema schema_from_json(const nlohmann::json& j);
[[nodiscard]] Schema schema_from_json_text(const std::string& text);

}  // namespace sf::model
