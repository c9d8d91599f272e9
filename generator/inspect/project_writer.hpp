#pragma once
// `inspect --out DIR`: an inspected database written as a new schemaforge
// project, the road from "we have a production schema" to specs:
//   DIR/schemaforge.yaml   the project file, naming the database's engine
//   DIR/spec/<table>.yaml  one YAML spec per table (tables outside --tables
//                          that its FKs reach listed as external_tables)
// The folder must not hold files yet: nothing of an existing project is
// overwritten. Each file is written whole (temp name, then renamed).
#include <filesystem>
#include <string>
#include <vector>

#include "generator/model/schema.hpp"

namespace sf::inspect {

// Throws std::runtime_error naming the folder or file when it cannot write.
// Returns the files written, in order, relative to `dir`.
std::vector<std::string> write_project(const model::Schema& live, const std::string& engine, const std::filesystem::path& dir,
                                       const std::string& header_comment);

}  // namespace sf::inspect
