#pragma once
#include "generator/dialect/spelling.hpp"

namespace sf::dialect {

// PostgreSQL 15. Identifiers are limited to NAMEDATALEN-1 = 63 bytes; unquoted
// names fold to lower case, so a name with capitals must be quoted to survive.
class PostgresSpelling final : public Spelling {
 public:
  std::string_view name() const override { return "postgres"; }
  std::size_t max_identifier_bytes() const override { return 63; }  // NAMEDATALEN - 1
  bool truncates_long_identifiers() const override { return true; }
  bool is_reserved(std::string_view word) const override;
  std::string placeholder(int i) const override { return "$" + std::to_string(i); }
  // Collations are identifiers ("C", "en_US.utf8"): always quoted, case kept.
  std::string collation_sql(std::string_view collation) const override { return quote_always(collation); }
  ColumnDdl column_ddl(const model::Table& t, const model::Column& c) const override;
  void on_update_trigger(const model::Table& t, const model::Column& c, ColumnDdl& d) const;
  std::string type_key(std::string_view type) const override;
  std::string seconds_between(std::string_view from, std::string_view to) const override;

 protected:
  char quote_char() const override { return '"'; }

 private:
  bool case_sensitive_unquoted() const override { return true; }
};

}  // namespace sf::dialect
