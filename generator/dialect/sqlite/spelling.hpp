#pragma once
#include "generator/dialect/spelling.hpp"

namespace sf::dialect {

// SQLite 3.40. No identifier length limit; SQLite accepts many keywords as
// names, but we quote every listed keyword rather than rely on its fallbacks.
class SqliteSpelling final : public Spelling {
 public:
  std::string_view name() const override { return "sqlite"; }
  std::size_t max_identifier_bytes() const override { return 0; }
  bool is_reserved(std::string_view word) const override;
  bool has_type_names() const override { return false; }
  ColumnDdl column_ddl(const model::Table& t, const model::Column& c) const override;
  void on_update_trigger(const model::Table& t, const model::Column& c, bool pinned, ColumnDdl& d) const;
  // The updated row in a trigger's WHERE: `rowid = NEW.rowid`, or the key's columns in a WITHOUT ROWID table.
  std::string this_row(const model::Table& t) const;
  // Names are case-insensitive (NOCASE, RTRIM, BINARY): written upper-case.
  std::string collation_sql(std::string_view collation) const override;
  std::string seconds_between(std::string_view from, std::string_view to) const override;
  std::string null_timestamp() const override { return "NULL"; }
  std::string null_seconds() const override { return "CAST(NULL AS REAL)"; }

 protected:
  char quote_char() const override { return '"'; }
};

}  // namespace sf::dialect
