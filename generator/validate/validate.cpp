#include "generator/validate/validate.hpp"

#include "generator/model/generated_views.hpp"
#include "generator/validate/warning_rules.hpp"

namespace sf::validate {

void validate(model::Schema& schema, const Options& options, model::Diagnostics& diags) {
  resolve_references(schema, options.identifiers, diags);
  check_targets(schema, diags);
  check_allowed_rules(schema, diags);
  check_tables(schema, options.identifiers, diags);
  check_identifiers(schema, options.identifiers, diags);
  infer_job_profiles(schema, diags);
  if (!diags.has_errors()) model::resolve_generated_views(schema);  // needs the job profiles
}

}  // namespace sf::validate
