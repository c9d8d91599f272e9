#include "generator/cli/generate_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "generator/cli/diagnostics_output.hpp"
#include "generator/cli/project_defaults.hpp"
#include "generator/cli/spec_pipeline.hpp"
#include "generator/cli/templates_dir.hpp"
#include "generator/model/engines.hpp"
#include "generator/model/strings.hpp"
#include "generator/model/targets.hpp"
#include "generator/render/generate.hpp"

namespace sf::cli {
namespace {

struct Flags {
  std::vector<std::string> specs;
  std::string out, templates, dialects;  // "" for the project's engines
  unsigned threads = 0;
  bool check = false, verbose = false, keep_going = false;
};

// The files the written tables come from (with --keep-going, not every file read).
std::vector<std::string> sources_of(const ingest::LoadResult& r, bool partial) {
  std::vector<std::string> out = r.files;
  if (partial)
    std::erase_if(out, [&](const std::string& f) {
      return std::none_of(r.schema.tables.begin(), r.schema.tables.end(), [&](const model::Table& t) {
        return std::find(t.sources.begin(), t.sources.end(), f) != t.sources.end();
      });
    });
  return out;
}

int run(const Flags& f) {
  const std::vector<std::filesystem::path> paths(f.specs.begin(), f.specs.end());
  const ValidPart loaded = f.keep_going ? load_valid_part(paths) : ValidPart{load_and_validate(paths), {}, true};
  const auto& result = loaded.loaded;
  const bool failed = result.diagnostics.has_errors();
  print_diagnostics(result.diagnostics, false);
  if (failed && !(f.keep_going && loaded.complete)) {
    std::cerr << (f.keep_going ? "generate --keep-going: an error above belongs to no one table; nothing written\n"
                               : "generate: specs have errors; nothing written (--keep-going writes the valid tables)\n");
    return 1;
  }
  for (const auto& s : loaded.skipped) std::cerr << "generate --keep-going: skipped " << s << "\n";

  render::GenerateOptions opts;
  opts.templates_dir = default_templates_dir(f.templates);
  if (!f.dialects.empty()) {
    opts.dialects.clear();
    for (auto part : CLI::detail::split(f.dialects, ',')) opts.dialects.push_back(CLI::detail::trim_copy(part));
    for (const auto& d : opts.dialects)
      if (!model::canonical_engine(d).empty() && !model::project_targets(result.schema, model::canonical_engine(d))) {
        std::cerr << "generate: the project targets " << model::join(model::project_engines(result.schema)) << " ("
                  << result.project_file << "), not " << d << "; add it to engines: there\n";
        return 2;
      }
  }
  opts.sources = sources_of(result, failed);
  opts.threads = f.threads;
  model::Diagnostics render_diags;
  render::OutputSet outputs;
  try {
    outputs = render::generate(result.schema, opts, render_diags);
  } catch (const std::exception& e) {  // template errors, unknown dialects
    std::cerr << "generate: " << e.what() << "\n";
    return 2;
  }
  print_diagnostics(render_diags, f.verbose);

  if (f.check) {
    auto diffs = render::check_outputs(outputs, f.out);
    for (const auto& d : diffs) std::cout << render::to_string(d.kind) << ": " << f.out << "/" << d.path << "\n";
    if (!diffs.empty()) {
      std::cerr << fmt::format("generate --check: {} file(s) differ from the specs; run `schemaforge generate --out {}` and commit\n",
                               diffs.size(), f.out);
      return 1;
    }
    std::cout << fmt::format("generate --check: {} files up to date\n", outputs.files.size());
    return failed ? 1 : 0;
  }
  auto written = render::write_outputs(outputs, f.out);
  for (const auto& w : written) std::cout << "wrote " << f.out << "/" << w << "\n";
  std::cout << fmt::format("generate: {} files, {} written, {} unchanged\n", outputs.files.size(), written.size(),
                           outputs.files.size() - written.size());
  if (failed)
    std::cerr << fmt::format("generate --keep-going: {} of the specs' tables written, {} skipped; exit 1 until every spec is valid\n",
                             result.schema.tables.size(), loaded.skipped.size());
  return failed ? 1 : 0;
}

}  // namespace

std::function<int()> add_generate_command(CLI::App& app) {
  auto f = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand("generate", "Render DDL, views, schema.json and docs from the specs");
  cmd->add_option("--spec", f->specs, "Spec file or directory (repeatable; default: the project file's spec:)");
  cmd->add_option("--out", f->out, "Output folder (e.g. generated)")->required();
  cmd->add_option("--templates", f->templates, "Template folder (default: the project file's templates:, else the built-in templates)");
  cmd->add_option("--dialect", f->dialects, "Comma-separated dialects (default: the project's engines, " + model::engine_list(",") + " unless schemaforge.yaml narrows them)");
  cmd->add_option("--threads", f->threads, "Rendering threads (default: one per core)")->check(CLI::Range(1, 64));
  cmd->add_flag("--check", f->check, "Write nothing; exit 1 and list every file that is stale, missing or extra");
  cmd->add_flag("-v,--verbose", f->verbose, "Also print notes");
  cmd->add_flag("--keep-going", f->keep_going,
                "Write the outputs of every table whose spec (and FK targets) is valid, list the tables skipped; "
                "the exit code is still 1");
  return [=]() -> int {
    if (!cmd->parsed()) return -1;
    return reporting_usage_errors("generate", [&] {
      const auto project = ProjectDefaults::load(f->specs);
      project.fill_specs(f->specs);
      project.fill_templates(f->templates);
      return run(*f);
    });
  };
}

}  // namespace sf::cli
