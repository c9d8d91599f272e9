#pragma once
#include "generator/dialect/dialect.hpp"
#include "generator/dialect/postgres/alter.hpp"
#include "generator/dialect/postgres/create.hpp"
#include "generator/dialect/postgres/inspector.hpp"
#include "generator/dialect/postgres/spelling.hpp"

namespace sf::dialect {

// PostgreSQL 15: its facets (postgres/*.hpp).
class PostgresDialect final : public Dialect {
 public:
  const Spelling& spelling() const override { return spelling_; }
  const CreateStatements& create() const override { return create_; }
  const AlterStatements& alter() const override { return alter_; }
  const Inspector& inspector() const override { return inspector_; }

 private:
  // In this order: each facet is built on the ones above it.
  PostgresSpelling spelling_;
  PostgresCreate create_{spelling_};
  PostgresAlter alter_{spelling_, create_};
  PostgresInspector inspector_{spelling_};
};

}  // namespace sf::dialect
