#pragma once
// Named warnings. A warning about what merely does not port, or about a
// guarantee the runtime cannot give, has a rule name; a table that knows
// silences it with `allow: [rule]` (YAML) or `Allow: rule` (markdown).
#include <array>
#include <string>
#include <string_view>

#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"

namespace sf::validate {

namespace rule {
inline constexpr std::string_view reserved_word = "reserved-word";  // a name some targeted engine reserves (it is quoted)
inline constexpr std::string_view job_unfenced = "job-unfenced";    // a job table with nothing to fence a claim on
inline constexpr std::string_view job_unleased = "job-unleased";    // a job table with nothing to time a lease by
inline constexpr std::string_view job_unrenewable = "job-unrenewable";  // a lease timed by started_at alone: no job outlives it
inline constexpr std::string_view job_lookalike = "job-lookalike";  // a status enum with 'pending' that is no job table
inline constexpr std::string_view set_null_not_null = "set-null-not-null";  // ON DELETE SET NULL on a NOT NULL column
inline constexpr std::string_view invisible_column = "invisible-column";    // INVISIBLE where a targeted engine shows every column
inline constexpr std::string_view trigger_not_everywhere = "trigger-not-everywhere";  // a trigger some targeted engine has no statement for
inline constexpr std::string_view sequence_not_created = "sequence-not-created";  // a default takes nextval() of a sequence no spec creates
}  // namespace rule

inline constexpr std::array<std::string_view, 9> warning_rules = {
    rule::reserved_word,  rule::job_unfenced,      rule::job_unleased,     rule::job_unrenewable,       rule::job_lookalike,
    rule::set_null_not_null, rule::invisible_column, rule::trigger_not_everywhere, rule::sequence_not_created};

// Adds the warning unless `t` allows `rule_name`.
void warn(model::Diagnostics& diags, const model::Table& t, model::SourceLoc loc, std::string message,
          std::string_view rule_name);

// Errors for `allow:` entries that name no rule.
void check_allowed_rules(const model::Schema& schema, model::Diagnostics& diags);

}  // namespace sf::validate
