#include "generator/model/generated_views.hpp"

#include <algorithm>

namespace sf::model {
namespace {

// Puts the view called `name` at `position` of t.views as a generated view of
// `role`, keeping what the spec said of it (its engines' flags).
void place(Table& t, const std::string& name, const char* role, std::size_t position) {
  auto it = std::find_if(t.views.begin(), t.views.end(), [&](const View& v) { return v.name == name; });
  View v;
  if (it != t.views.end()) {
    v = std::move(*it);
    t.views.erase(it);
  } else {
    v.name = name;
    v.loc = t.loc;
  }
  v.generated = role;
  t.views.insert(t.views.begin() + static_cast<std::ptrdiff_t>(std::min(position, t.views.size())), std::move(v));
}

}  // namespace

std::string generated_view_name(const Table& t, std::string_view role) {
  return role == view_role::status ? "vw_" + t.name + "_status" : "vw_" + t.name;
}

bool generates_view(const Schema& s, const Table& t, std::string_view role) {
  const auto& roles = t.generated_views ? t.generated_views : s.generated_views;
  return !roles || std::find(roles->begin(), roles->end(), role) != roles->end();
}

std::optional<std::vector<std::string>> generated_view_roles(const Table& t) {
  std::optional<std::vector<std::string>> roles = t.generated_views;
  auto has_view = [&](const std::string& name) {
    return std::any_of(t.views.begin(), t.views.end(), [&](const View& v) { return v.name == name; });
  };
  if (!roles && !has_view(generated_view_name(t, view_role::contract))) {
    roles.emplace();
    if (has_view(generated_view_name(t, view_role::status))) roles->push_back(view_role::status);
  }
  return roles;
}

void resolve_generated_views(Schema& s) {
  for (auto& t : s.tables) {
    // A generated view under another name is left from before a rename, or of a role switched off.
    std::erase_if(t.views, [&](const View& v) {
      return !v.generated.empty() && (v.name != generated_view_name(t, v.generated) || !generates_view(s, t, v.generated));
    });
    std::size_t position = 0;
    if (generates_view(s, t, view_role::contract)) place(t, generated_view_name(t, view_role::contract), view_role::contract, position++);
    const std::string status = generated_view_name(t, view_role::status);
    if (t.job && generates_view(s, t, view_role::status)) {
      place(t, status, view_role::status, position);
    } else {
      std::erase_if(t.views, [&](const View& v) { return v.name == status && v.generated == view_role::status; });
    }
  }
}

}  // namespace sf::model
