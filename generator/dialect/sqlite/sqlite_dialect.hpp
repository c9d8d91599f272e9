#pragma once
#include "generator/dialect/dialect.hpp"

namespace sf::dialect {

// SQLite 3.40. No identifier length limit; SQLite accepts many keywords as
// names, but we quote every listed keyword rather than rely on its fallbacks.
class SqliteDialect final : public Dialect {
 public:
  std::string_view name() const override { return "sqlite"; }
  std::size_t max_identifier_bytes() const override { return 0; }
  bool is_reserved(std::string_view word) const override;

 protected:
  char quote_char() const override { return '"'; }
};

}  // namespace sf::dialect
