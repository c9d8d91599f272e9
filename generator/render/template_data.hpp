#pragma once
// The data handed to templates: a JSON "view" of the schema as one dialect
// writes it. Every identifier is already quoted by the dialect and every
// literal already escaped, so templates only arrange pieces. The shape is
// documented in docs/templates.md; user templates rely on it.
#include <nlohmann/json.hpp>

#include "generator/dialect/dialect.hpp"
#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"

namespace sf::render {

// Adds "comma": "," and "sep": ", " to all but the last element (and "" to
// the last), so templates can list items one per line or on one line.
[[nodiscard]] nlohmann::json with_commas(nlohmann::json list);

// { dialect, extensions: [...], tables: [...], views: [...] } for the SQL templates.
[[nodiscard]] nlohmann::json sql_view(const model::Schema& s, const dialect::Dialect& d, model::Diagnostics& diags);

// { tables: [...], relations: [...] } for the docs templates (engine-neutral,
// with each engine's type spelled out).
[[nodiscard]] nlohmann::json docs_view(const model::Schema& s);

}  // namespace sf::render
