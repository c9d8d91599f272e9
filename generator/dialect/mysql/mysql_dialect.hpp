#pragma once
#include "generator/dialect/dialect.hpp"

namespace sf::dialect {

// MySQL 8.0 and MariaDB >= 10.6. Identifiers are limited to 64 characters;
// we count bytes, which is the stricter reading for non-ASCII names.
class MysqlDialect final : public Dialect {
 public:
  std::string_view name() const override { return "mysql"; }
  std::size_t max_identifier_bytes() const override { return 64; }
  bool is_reserved(std::string_view word) const override;

 protected:
  char quote_char() const override { return '`'; }
};

}  // namespace sf::dialect
