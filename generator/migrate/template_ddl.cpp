#include "generator/migrate/template_ddl.hpp"

#include "generator/dialect/dialect.hpp"
#include "generator/render/template_data.hpp"

namespace sf::migrate {

std::string TemplateDdl::section(const model::Table& t, const std::string& file) {
  if (!rendered_for_ || !(*rendered_for_ == t)) {
    model::Schema one;
    one.tables.push_back(t);
    model::Diagnostics diags;
    if (!templates_parsed_) templates_parsed_.emplace(dialect_, templates_);
    rendered_ = templates_parsed_->render(one, diags);
    rendered_for_ = t;
  }
  auto it = rendered_.find(file);
  return it == rendered_.end() ? std::string{} : it->second;
}

std::string TemplateDdl::create_routine(const model::Routine& r) {
  model::Schema one;
  one.routines.push_back(r);
  model::Diagnostics diags;
  if (!templates_parsed_) templates_parsed_.emplace(dialect_, templates_);
  const auto rendered = templates_parsed_->render(one, diags);
  auto it = rendered.find("005_routines.sql");
  return it == rendered.end() ? std::string{} : it->second;
}

std::vector<std::string> TemplateDdl::view_names(const model::Table& t) {
  model::Schema one;
  one.tables.push_back(t);
  model::Diagnostics diags;
  auto view = render::sql_view(one, dialect::dialect_named(dialect_), diags);
  std::vector<std::string> names;
  for (const auto& v : view["views"]) names.push_back(v["raw_name"].get<std::string>());
  return names;
}

}  // namespace sf::migrate
