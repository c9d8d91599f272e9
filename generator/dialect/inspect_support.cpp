#include "generator/dialect/inspect_support.hpp"

#include <cctype>

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

std::string strip_outer_parentheses(std::string s) {
  auto encloses_all = [](const std::string& t) {
    if (t.size() < 2 || t.front() != '(' || t.back() != ')') return false;
    int depth = 0;
    char quote = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const char ch = t[i];
      if (quote) {
        if (ch == quote) quote = 0;
      } else if (ch == '\'' || ch == '"' || ch == '`') {
        quote = ch;
      } else if (ch == '(') {
        ++depth;
      } else if (ch == ')' && --depth == 0 && i + 1 < t.size()) {
        return false;  // (a) + (b): the first pair closes before the end
      }
    }
    return depth == 0;
  };
  s = collapse_space(s);
  while (encloses_all(s)) s = collapse_space(s.substr(1, s.size() - 2));
  return s;
}

void attach_view(TableLookup& tables, const std::string& view, const std::string& body) {
  model::Table* owner = nullptr;
  if (view.rfind("vw_", 0) == 0)  // the longest table name it goes on with, looked up length by length
    for (std::size_t length = view.size() - 3; length > 0 && !owner; --length) owner = tables.find_table(std::string_view(view).substr(3, length));
  if (!owner) {
    static const std::regex from(R"re(\bfrom\s+(?:[`"]?[A-Za-z0-9_$]+[`"]?\.)?[`"]?([A-Za-z0-9_$ ]+?)[`"]?(?:\s|$|;|\)))re",
                                 std::regex::icase);
    std::smatch m;
    if (std::regex_search(body, m, from)) owner = tables.find_table(m[1].str());
  }
  if (owner) owner->views.push_back({view, body, {}, {}});
}

namespace {

// The head of a CREATE VIEW statement, as any of the three engines writes it;
// group 1, 2 or 3 holds the name ("quoted", `quoted` or bare).
const std::regex& view_head() {
  static const std::regex head(
      R"re(^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP(?:ORARY)?\s+)?(?:ALGORITHM\s*=\s*\w+\s+)?(?:DEFINER\s*=\s*\S+\s+)?(?:SQL\s+SECURITY\s+\w+\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"([^"]+)"|`([^`]+)`|([\w$.]+))\s+AS\s+)re",
      std::regex::icase);
  return head;
}

}  // namespace

std::string view_select(const std::string& create_view) {
  std::smatch m;
  if (!std::regex_search(create_view, m, view_head())) return {};
  std::string body = create_view.substr(static_cast<std::size_t>(m.length(0)));
  while (!body.empty() && (body.back() == ';' || std::isspace(static_cast<unsigned char>(body.back())))) body.pop_back();
  return body;
}

std::string collapse_space(const std::string& text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

model::Table* TableLookup::find_table(std::string_view name) {
  for (; indexed_ < schema_.tables.size(); ++indexed_) index_.emplace(schema_.tables[indexed_].name, indexed_);
  const auto it = index_.find(std::string(name));
  return it == index_.end() ? nullptr : &schema_.tables[it->second];
}

model::Table& TableLookup::table_for(const std::string& name, const std::string& where) {
  if (model::Table* t = find_table(name)) return *t;
  model::Table t;
  t.name = name;
  t.loc = {where, 0};
  schema_.tables.push_back(std::move(t));
  return schema_.tables.back();
}

}  // namespace sf::dialect
