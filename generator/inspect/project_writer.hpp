#pragma once
// `inspect --out DIR`: an inspected database written as a new schemaforge
// project, the road from "we have a production schema" to specs:
//   DIR/schemaforge.yaml   the project file, naming the database's engine
//   DIR/spec/<table>.yaml  one YAML spec per table (tables outside --tables
//                          that its FKs reach listed as external_tables)
//   DIR/spec/_routines.yaml  the functions and procedures, if there are any
// or, in the markdown form, DIR/spec/<table>.md in the seeds' columns-table
// form beside DIR/spec/<table>.overlay.yaml for what the doc cannot say. Each
// doc and its overlay are read back before they are written; a table they
// would not read back as exactly is written as YAML instead, and said so.
// The folder must not hold files yet: nothing of an existing project is
// overwritten. Each file is written whole (temp name, then renamed).
#include <filesystem>
#include <string>
#include <vector>

#include "generator/model/schema.hpp"

namespace sf::inspect {

enum class SpecForm { yaml, markdown };

struct WrittenProject {
  std::vector<std::string> files;       // relative to the folder, in order
  std::vector<std::string> yaml_instead;  // markdown form: "<table>: why" for each table written as YAML
};

// Throws std::runtime_error naming the folder or file when it cannot write.
WrittenProject write_project(const model::Schema& live, const std::string& engine, const std::filesystem::path& dir,
                             const std::string& header_comment, SpecForm form = SpecForm::yaml);

}  // namespace sf::inspect
