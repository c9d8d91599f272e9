#pragma once
// Column changes one engine cannot see. The model keeps logical types, so
// VARCHAR(50) -> VARCHAR(200) is a change; SQLite writes TEXT for both, and a
// migration that rebuilt the table (copying every row) for it would do work
// for nothing. Used per engine, after diff::for_dialect, before diff().
#include "generator/dialect/dialect.hpp"
#include "generator/model/schema.hpp"

namespace sf::diff {

// `from`, with each column that the engine `d` would write exactly as `to`'s
// same-named column (type and collation, identity, default, ON UPDATE,
// nullability, its CHECKs) replaced by `to`'s, so diff(from, to) reports it
// only where the engine would create something different.
[[nodiscard]] model::Schema without_invisible_changes(model::Schema from, const model::Schema& to, const dialect::Dialect& d);

}  // namespace sf::diff
