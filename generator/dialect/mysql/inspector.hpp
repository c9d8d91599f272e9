#pragma once
#include "generator/dialect/inspector.hpp"
#include "generator/dialect/mysql/create.hpp"

namespace sf::dialect {

// MySQL/MariaDB are read from information_schema and SHOW CREATE
// (mysql/inspect.cpp); view bodies are compared as the optimizer prints them
// (mysql/view_bodies.cpp), routines as SHOW CREATE prints them (mysql/code_text.cpp).
// They keep UNSIGNED and ON UPDATE, but not RESTRICT apart from NO ACTION.
class MysqlInspector final : public Inspector {
 public:
  using Inspector::Inspector;
  model::Schema inspect(db::Connection& c) const override;
  std::map<std::string, ViewBodies> view_bodies(db::Connection& c,
                                                const std::map<std::string, std::string>& create_statements) const override;
  std::string canonical_code(std::string_view create_statement) const override;
  bool makes_foreign_key_indexes() const override { return true; }

 protected:
  bool keeps_unsigned() const override { return true; }
  bool keeps_invisible() const override { return true; }
  bool keeps_prefix_lengths() const override { return true; }
  std::string default_collation(const model::Table& t) const override;
  std::map<std::string, std::string> compared_options(const model::Table& t) const override;
  bool distinguishes_restrict() const override { return false; }
  bool unique_index_is_key() const override { return true; }
};

}  // namespace sf::dialect
