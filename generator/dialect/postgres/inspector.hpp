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
  // Also: no OR REPLACE, no `public.`, EXECUTE PROCEDURE is EXECUTE FUNCTION,
  // and a function's clauses in one order without the defaults
  // pg_get_functiondef leaves out (postgres/code_text.cpp).
  std::string canonical_code(std::string_view create_statement) const override;
  std::string routine_key(const model::Routine& r) const override;
  bool is_builtin_extension(std::string_view name) const override { return name == "plpgsql"; }

 protected:
  bool keeps_extensions() const override { return true; }
  model::DefaultValue canonical_default(const model::Column& c) const override;
};

}  // namespace sf::dialect
