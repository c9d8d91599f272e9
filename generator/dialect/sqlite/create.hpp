#pragma once
#include "generator/dialect/create_statements.hpp"

namespace sf::dialect {

// SQLite cannot add a foreign key to an existing table: its FKs are written
// inside CREATE TABLE. Otherwise its CREATE statements say nothing extra.
class SqliteCreate final : public CreateStatements {
 public:
  using CreateStatements::CreateStatements;
  bool foreign_keys_inline() const override { return true; }
};

}  // namespace sf::dialect
