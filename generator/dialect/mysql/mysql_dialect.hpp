#pragma once
#include "generator/dialect/dialect.hpp"
#include "generator/dialect/mysql/alter.hpp"
#include "generator/dialect/mysql/create.hpp"
#include "generator/dialect/mysql/inspector.hpp"
#include "generator/dialect/mysql/spelling.hpp"

namespace sf::dialect {

// MySQL 8.0 and MariaDB >= 10.6: their facets (mysql/*.hpp).
class MysqlDialect final : public Dialect {
 public:
  const Spelling& spelling() const override { return spelling_; }
  const CreateStatements& create() const override { return create_; }
  const AlterStatements& alter() const override { return alter_; }
  const Inspector& inspector() const override { return inspector_; }

 private:
  // In this order: each facet is built on the ones above it.
  MysqlSpelling spelling_;
  MysqlCreate create_{spelling_};
  MysqlAlter alter_{spelling_, create_};
  MysqlInspector inspector_{spelling_};
};

}  // namespace sf::dialect
