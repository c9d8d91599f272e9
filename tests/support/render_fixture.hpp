#pragma once
// Renders specs in memory with the repository's templates, for tests.
#include "generator/render/generate.hpp"
#include "tests/support/spec_fixtures.hpp"

namespace sf::test {

struct Rendered {
  ingest::LoadResult loaded;
  render::OutputSet out;
  model::Diagnostics render_diags;
};

inline Rendered render_specs(std::initializer_list<std::string> specs) {
  Rendered r;
  r.loaded = load(specs);
  INFO(all_messages(r.loaded.diagnostics));
  REQUIRE_FALSE(r.loaded.diagnostics.has_errors());
  render::GenerateOptions o;
  o.templates_dir = source_dir() / "templates";
  o.sources = r.loaded.files;
  o.diagrams = false;
  r.out = render::generate(r.loaded.schema, o, r.render_diags);
  return r;
}

}  // namespace sf::test
