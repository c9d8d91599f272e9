#include "generator/cli/spec_pipeline.hpp"

#include "generator/dialect/dialect.hpp"
#include "generator/validate/validate.hpp"

namespace sf::cli {

ingest::LoadResult load_and_validate(const std::vector<std::filesystem::path>& specs) {
  ingest::LoadResult r = ingest::load_specs(specs);
  validate::Options opts;
  for (const dialect::Dialect* d : dialect::all_dialects())
    opts.identifiers.push_back({std::string(d->name()), d->max_identifier_bytes(),
                                [d](std::string_view w) { return d->is_reserved(w); }, d->indexes_unbounded_text()});
  if (!r.diagnostics.has_errors()) validate::validate(r.schema, opts, r.diagnostics);
  r.diagnostics.sort();
  return r;
}

}  // namespace sf::cli
