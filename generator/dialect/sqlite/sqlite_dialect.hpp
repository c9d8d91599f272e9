#pragma once
#include "generator/dialect/dialect.hpp"
#include "generator/dialect/sqlite/alter.hpp"
#include "generator/dialect/sqlite/create.hpp"
#include "generator/dialect/sqlite/inspector.hpp"
#include "generator/dialect/sqlite/spelling.hpp"

namespace sf::dialect {

// SQLite 3.40: its facets (sqlite/*.hpp).
class SqliteDialect final : public Dialect {
 public:
  const Spelling& spelling() const override { return spelling_; }
  const CreateStatements& create() const override { return create_; }
  const AlterStatements& alter() const override { return alter_; }
  const Inspector& inspector() const override { return inspector_; }

 private:
  // In this order: each facet is built on the ones above it.
  SqliteSpelling spelling_;
  SqliteCreate create_{spelling_};
  SqliteAlter alter_{spelling_, create_};
  SqliteInspector inspector_{spelling_};
};

}  // namespace sf::dialect
