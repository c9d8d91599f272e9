#pragma once
// diff::DdlSource backed by the templates generate renders, so migrations
// create tables and views with exactly generate's SQL.
#include <filesystem>
#include <map>
#include <optional>

#include "generator/diff/plan.hpp"
#include "generator/render/generate.hpp"

namespace sf::migrate {

class TemplateDdl final : public diff::DdlSource {
 public:
  TemplateDdl(std::string dialect, std::filesystem::path templates) : dialect_(std::move(dialect)), templates_(std::move(templates)) {}
  std::string create_table(const model::Table& t) override { return section(t, "001_tables.sql"); }
  std::string create_indexes(const model::Table& t) override { return section(t, "020_indexes.sql"); }
  std::string create_views(const model::Table& t) override { return section(t, "040_views.sql"); }
  std::vector<std::string> view_names(const model::Table& t) override;
  std::string create_triggers(const model::Table& t) override { return section(t, "050_triggers.sql"); }
  std::string create_routine(const model::Routine& r) override;

 private:
  std::string section(const model::Table& t, const std::string& file);
  std::string dialect_;
  std::filesystem::path templates_;
  std::optional<render::SqlTemplates> templates_parsed_;  // on first use, so errors surface where they did
  // The planner asks for a table's sections one after another; render them once.
  std::optional<model::Table> rendered_for_;
  std::map<std::string, std::string> rendered_;
};

}  // namespace sf::migrate
