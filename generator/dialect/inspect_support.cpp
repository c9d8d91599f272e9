#include "generator/dialect/inspect_support.hpp"

#include <regex>

namespace sf::dialect {

std::vector<std::string> split_unit(std::string_view s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t b = 0;
  for (;;) {
    std::size_t e = s.find('\x1f', b);
    out.emplace_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  return out;
}

std::string strip_casts(std::string d) {
  static const std::regex cast(R"(^\(*(.*?)\)*::[a-z_0-9 ]+(\([0-9, ]+\))?(\[\])?\)*$)");
  std::smatch m;
  for (int i = 0; i < 3 && std::regex_match(d, m, cast); ++i) d = m[1].str();
  return d;
}

void attach_view(model::Schema& s, const std::string& view, const std::string& body) {
  model::Table* owner = nullptr;
  for (auto& t : s.tables)
    if (view.rfind("vw_" + t.name, 0) == 0 && (!owner || t.name.size() > owner->name.size())) owner = &t;
  if (!owner) {
    static const std::regex from(R"re(\bfrom\s+(?:[`"]?[A-Za-z0-9_$]+[`"]?\.)?[`"]?([A-Za-z0-9_$ ]+?)[`"]?(?:\s|$|;|\)))re",
                                 std::regex::icase);
    std::smatch m;
    if (std::regex_search(body, m, from)) owner = s.find_table(m[1].str());
  }
  if (owner) owner->views.push_back({view, body, {}, {}});
}

model::Table& table_for(model::Schema& s, const std::string& name, const std::string& where) {
  if (model::Table* t = s.find_table(name)) return *t;
  model::Table t;
  t.name = name;
  t.loc = {where, 0};
  s.tables.push_back(std::move(t));
  return s.tables.back();
}

}  // namespace sf::dialect
