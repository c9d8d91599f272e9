#pragma once
#include "generator/dialect/inspector.hpp"

namespace sf::dialect {

// PostgreSQL is read from pg_catalog (postgres/inspect.cpp); its view bodies
// are compared as pg_get_viewdef prints them (postgres/view_bodies.cpp).
class PostgresInspector final : public Inspector {
 public:
  using Inspector::Inspector;
  model::Schema inspect(db::Connection& c) const override;
  std::map<std::string, ViewBodies> view_bodies(db::Connection& c,
                                                const std::map<std::string, std::string>& create_statements) const override;

 protected:
  bool keeps_extensions() const override { return true; }
};

}  // namespace sf::dialect
