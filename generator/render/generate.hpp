#pragma once
// `schemaforge generate`: the validated model rendered through templates/ into
//   OUT/<dialect>/{001_tables,020_indexes,030_foreign_keys,040_views}.sql + schema.sql
//   OUT/schema.json, OUT/docs/<table>.md, OUT/docs/erd.mmd (+ erd.svg with Graphviz)
//   OUT/cpp/<table>.hpp + .cpp and OUT/cpp/schema.hpp: typed repositories
// Every file starts with a header naming the spec files and the model's hash;
// nothing time- or machine-dependent, so the same input gives the same bytes.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"
#include "generator/render/output_set.hpp"

namespace sf::render {

struct GenerateOptions {
  std::filesystem::path templates_dir;  // holds sql/<dialect>/ and docs/
  std::vector<std::string> dialects = {"postgres", "mysql", "sqlite"};
  std::vector<std::string> sources;     // spec files, as shown in headers
  bool diagrams = true;                 // erd.svg when Graphviz `dot` is installed
  bool cpp = true;                      // OUT/cpp/<table>.{hpp,cpp} + schema.hpp from templates/cpp/
  std::string cpp_namespace = "sf::gen";
  unsigned threads = 0;                 // rendering threads; 0 = one per core
};

[[nodiscard]] OutputSet generate(const model::Schema& schema, const GenerateOptions& options, model::Diagnostics& diags);

// The SQL template outputs for one dialect, without headers: output name
// (001_tables.sql, …) -> body. Migrations render single tables through this,
// so a replayed migration history is exactly what `generate` writes.
[[nodiscard]] std::map<std::string, std::string> render_sql(const model::Schema& schema, const std::string& dialect,
                                                            const std::filesystem::path& templates_dir,
                                                            model::Diagnostics& diags);

// SHA-256 (hex) of the model's canonical JSON.
[[nodiscard]] std::string model_hash(const model::Schema& schema);

}  // namespace sf::render
