#pragma once
// One table as a markdown spec in the seeds' columns-table form
// (docs/spec-format.md): `# table`, its description, `## Columns`, and
// `## Engine Details` with one `### <engine>` section holding the primary
// key, table options, unique keys, indexes, foreign keys and checks. What
// the form cannot say (a partial index's WHERE, a view's body, an ON UPDATE
// clock …) is left to an overlay: project_writer.cpp reads the doc back and
// writes the difference as one (model::to_yaml_overlay_text).
#include <string>

#include "generator/model/schema.hpp"

namespace sf::inspect {

[[nodiscard]] std::string to_markdown_text(const model::Table& t, const std::string& engine);

}  // namespace sf::inspect
