#pragma once
// How schema names become C++ names in generated repositories: tables become
// singular PascalCase structs (key_wrapper_layers -> KeyWrapperLayer), columns
// and enum values become members, with anything that is not a valid C++
// identifier (a keyword such as `delete`, a leading digit, a hyphen) mended
// the same way every time.
#include <string>
#include <string_view>
#include <vector>

namespace sf::render {

// A valid C++ identifier for `name`: characters beyond [A-Za-z0-9_] become
// '_', a leading digit gets a 'v', a keyword gets a trailing '_'.
[[nodiscard]] std::string cpp_identifier(std::string_view name);
// snake_case or kebab-case words in PascalCase: "rewrap_jobs" -> "RewrapJobs".
[[nodiscard]] std::string pascal_case(std::string_view name);
// The table name's last word made singular (policies -> policy, jobs -> job,
// status stays status), in PascalCase: the name of one row.
[[nodiscard]] std::string row_type_name(std::string_view table);
// Members for enum values, unique within the enum: {"delete", "Delete"} ->
// {"delete_", "Delete"}; a clash after mending gets a numeric suffix.
[[nodiscard]] std::vector<std::string> enum_members(const std::vector<std::string>& values);
// A C++ string literal holding `text` exactly ("…" with \\, \", \n escaped).
[[nodiscard]] std::string cpp_string_literal(std::string_view text);

}  // namespace sf::render
