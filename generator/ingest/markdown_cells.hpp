#pragma once
// The cells of a markdown Columns table that carry more than one fact: Type
// and Default cells split per engine (`mysql: X / postgres: Y`), and
// descriptions that state a key. markdown_reader.cpp calls these row by row;
// each reports what it finds at the row's location.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"

namespace sf::ingest {

// One engine's part of a cell; engine "" is a cell that names no engine.
struct EngineHalf {
  std::string engine;
  std::string text;
};

// "mysql: X / postgres: Y" -> {mysql, X}, {postgres, Y} (either half may be
// missing); a cell without an engine prefix -> {"", cell}. Reports an error
// about `what` and returns nullopt where a part is not `engine: text`.
[[nodiscard]] std::optional<std::vector<EngineHalf>> split_engine_halves(const std::string& cell, const std::string& what,
                                                                         const model::SourceLoc& loc, model::Diagnostics& diags);

// Reads a Type cell into c.type, c.native_types (one per named engine),
// c.is_unsigned and c.identity (SERIAL), and enum values from an
// "(enum: a, b)" note in c.description. Halves of one family but different
// spelling (CHAR(36) / UUID) give the narrower logical type. False after an
// error. In a project that targets one engine (`project_engines`), a type
// the model has no name for is kept as that engine's own, as the SQL reader
// keeps it (`inet`, `text[]`, `SET('a','b')`), and on SQLite an empty
// `sqlite:` half is a column declared without a type.
bool read_type_cell(const std::string& where, const std::string& cell, model::Column& c, model::Diagnostics& diags,
                    const std::vector<std::string>& project_engines = {});

// Reads a Default cell, after the type: one default for every engine, or
// `mysql: 0 / postgres: FALSE`. Halves that mean the same value for the
// column's type become one default; others stay per engine
// (c.native_defaults), and engines the cell does not name get none. A
// PostgreSQL cast whose opening quote was lost (`[]'::jsonb`) is read as the
// `'[]'::jsonb` meant, with a warning; like any cast of a literal, that is the
// literal '[]'. False after an error.
bool read_default_cell(const std::string& where, const std::string& cell, model::Column& c, model::Diagnostics& diags);

// Whether a column description states that the column is the primary key:
// "(primary key)", "(PK)", "Surrogate primary key.", "UUID primary key" — but
// not "Primary key of the row to delete" or "Target primary KMS key".
[[nodiscard]] bool states_primary_key(std::string_view description);

}  // namespace sf::ingest
