#pragma once
#include "generator/dialect/spelling.hpp"

namespace sf::dialect {

// MySQL 8.0 and MariaDB >= 10.6. Identifiers are limited to 64 characters;
// we count bytes, which is the stricter reading for non-ASCII names.
class MysqlSpelling final : public Spelling {
 public:
  std::string_view name() const override { return "mysql"; }
  std::size_t max_identifier_bytes() const override { return 64; }
  bool is_reserved(std::string_view word) const override;
  ColumnDdl column_ddl(const model::Table& t, const model::Column& c) const override;
  std::string type_key(std::string_view type) const override;
  bool has_unsigned_integers() const override { return true; }
  std::string string_literal(std::string_view text) const override;
  bool backslash_escapes() const override { return true; }
  std::string seconds_between(std::string_view from, std::string_view to) const override;
  std::string null_timestamp() const override { return "CAST(NULL AS DATETIME)"; }
  std::string null_seconds() const override { return "CAST(NULL AS DOUBLE)"; }
  bool has_returning() const override { return false; }
  void name_unnamed(model::Table& t, const std::vector<WrittenKey>& statement) const override;

 protected:
  char quote_char() const override { return '`'; }
};

}  // namespace sf::dialect
