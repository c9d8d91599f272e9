#pragma once
// `schemaforge generate`: the validated model rendered through templates/ into
//   OUT/<dialect>/{001_tables,020_indexes,030_foreign_keys,040_views}.sql + schema.sql
//   OUT/schema.json, OUT/docs/<table>.md, OUT/docs/erd.mmd (+ erd.svg with Graphviz)
//   OUT/cpp/<table>.hpp + .cpp and OUT/cpp/schema.hpp: typed repositories
// Every file starts with a header naming the spec files and the model's hash;
// nothing time- or machine-dependent, so the same input gives the same bytes.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "generator/model/diagnostic.hpp"
#include "generator/model/engines.hpp"
#include "generator/model/schema.hpp"
#include "generator/render/output_set.hpp"

namespace sf::render {

struct GenerateOptions {
  std::filesystem::path templates_dir;  // holds sql/<dialect>/, docs/ and cpp/
  std::vector<std::string> dialects = model::engine_names();  // those the project does not target are skipped
  std::vector<std::string> sources;     // spec files, as shown in headers
  bool diagrams = true;                 // erd.svg when Graphviz `dot` is installed
  bool cpp = true;                      // OUT/cpp/<table>.{hpp,cpp} + schema.hpp from templates/cpp/
  std::string cpp_namespace = "sf::gen";
  unsigned threads = 0;                 // rendering threads; 0 = one per core
};

[[nodiscard]] OutputSet generate(const model::Schema& schema, const GenerateOptions& options, model::Diagnostics& diags);

// One dialect's SQL templates, read and parsed once, to render any number of
// schemas. Migrations render one table at a time through this, so a
// replayed migration history is exactly what `generate` writes.
class SqlTemplates {
 public:
  // Throws TemplateError when templates_dir/sql/<dialect> is missing or a
  // template there does not parse.
  SqlTemplates(const std::string& dialect, const std::filesystem::path& templates_dir);
  ~SqlTemplates();
  SqlTemplates(SqlTemplates&&) noexcept;
  SqlTemplates& operator=(SqlTemplates&&) noexcept;

  // Output name (001_tables.sql, …) -> body, without headers.
  [[nodiscard]] std::map<std::string, std::string> render(const model::Schema& schema, model::Diagnostics& diags) const;
  // View name -> what 040_views.sql writes for that view alone (names from
  // the model, not read back out of the SQL). The views template renders from
  // `views` and `dialect` only; `tables` is empty here.
  [[nodiscard]] std::map<std::string, std::string> view_sql(const model::Schema& schema, model::Diagnostics& diags) const;

 private:
  struct Parsed;
  std::unique_ptr<Parsed> parsed_;
};

// SqlTemplates(dialect, templates_dir).render(schema, diags), for one render.
[[nodiscard]] std::map<std::string, std::string> render_sql(const model::Schema& schema, const std::string& dialect,
                                                            const std::filesystem::path& templates_dir,
                                                            model::Diagnostics& diags);

// SHA-256 (hex) of the model's canonical JSON.
[[nodiscard]] std::string model_hash(const model::Schema& schema);

}  // namespace sf::render
