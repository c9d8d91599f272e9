#pragma once
// Reads the YAML spec format (docs/spec-format.md): `tables:` defines tables,
// `overlays:` patches tables defined in any other spec file (markdown docs lack
// primary keys, job roles, unsigned ids, extra views), `external_tables:` names
// tables that FKs may reference but no spec owns.
#include <functional>
#include <string>
#include <vector>

#include "generator/ingest/source_text.hpp"
#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"

namespace sf::ingest {

// A patch to apply once every spec file has been read.
struct Overlay {
  std::string table;
  model::SourceLoc loc;
  std::function<void(model::Table&, model::Diagnostics&)> apply;
};

// Appends tables, external table names and overlays. Returns false (adding
// nothing) when the file has errors.
bool read_yaml(const SourceText& src, model::Schema& out, std::vector<Overlay>& overlays, model::Diagnostics& diags);

}  // namespace sf::ingest
