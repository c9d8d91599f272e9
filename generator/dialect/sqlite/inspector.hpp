#pragma once
#include "generator/dialect/inspector.hpp"

namespace sf::dialect {

// SQLite is read from sqlite_master and its pragmas (sqlite/inspect.cpp);
// view bodies compare as the text it keeps (sqlite/view_bodies.cpp). It
// keeps no enums, constraint names or CHECKs apart from each table's text.
class SqliteInspector final : public Inspector {
 public:
  using Inspector::Inspector;
  model::Schema inspect(db::Connection& c) const override;
  std::map<std::string, ViewBodies> view_bodies(db::Connection& c,
                                                const std::map<std::string, std::string>& create_statements) const override;
  bool keeps_constraint_names() const override { return false; }
  bool keeps_checks() const override { return false; }

 protected:
  bool keeps_enums() const override { return false; }
  bool types_are_affinities() const override { return true; }
  bool keeps_on_update_precision() const override { return false; }
  bool keeps_fk_deferral() const override { return false; }
  std::string default_collation(const model::Table&) const override { return "BINARY"; }
  std::map<std::string, std::string> compared_options(const model::Table& t) const override;
  std::string canonical_collation(std::string_view collation) const override;
};

}  // namespace sf::dialect
