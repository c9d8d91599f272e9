#pragma once
// Reads a table spec written as markdown (see docs/spec-format.md):
//  * the "columns table" form: `# table`, `## Columns`, `## Engine Details`
//    with `### mysql` / `### postgres`, `## Views`;
//  * the "SQL block" form: a ```sql block holding CREATE TABLE, plus an optional
//    column-description table. Other prose is ignored and never copied.
#include "generator/ingest/source_text.hpp"
#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"

namespace sf::ingest {

// Appends the table(s) the document defines to `out`. Returns false (and adds
// nothing) when the document has errors.
bool read_markdown(const SourceText& src, model::Schema& out, model::Diagnostics& diags);

}  // namespace sf::ingest
