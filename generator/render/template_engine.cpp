#include "generator/render/template_engine.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

namespace sf::render {
namespace {

namespace mu = kainjow::mustache;

// Builds kainjow data bottom-up with moves only. kainjow's set()/push_back()
// take const& and its vectors copy on growth (the move constructor is not
// noexcept), which deep-copies whole subtrees at every level: 6 s instead of
// 0.3 s for 1,000 tables. Objects are filled through operator[] with move
// assignment; a list's vector is reached through list_value(), const only by
// the accessor (the vector itself is owned, non-const, by the data object).
mu::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mu::data d{mu::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d[it.key()] = to_data(it.value());
      return d;
    }
    case nlohmann::json::value_t::array: {
      mu::data d{mu::data::type::list};
      auto& items = const_cast<mu::basic_list<std::string>&>(d.list_value());
      items.reserve(j.size());
      for (const auto& x : j) items.emplace_back(to_data(x));
      return d;
    }
    case nlohmann::json::value_t::string: {
      // An empty string is false, so {{#default}} DEFAULT {{{default}}}{{/default}}
      // reads as template authors expect; as a variable it renders nothing either way.
      const auto& s = j.get_ref<const std::string&>();
      return s.empty() ? mu::data{false} : mu::data{s};
    }
    case nlohmann::json::value_t::boolean: return mu::data{j.get<bool>()};
    case nlohmann::json::value_t::null: return mu::data{false};
    default: return mu::data{j.dump()};
  }
}

// The Mustache spec's "standalone" rule: a line holding only section,
// inverted-section, closing or comment tags renders as nothing at all, not as
// a blank line. kainjow applies its own version of the rule, which leaves
// blank lines behind sections that render nothing and swallows real blank
// lines after tags. So the rule is applied here: each run of standalone tag
// lines moves, without its line breaks, to the start of the next line. When
// that line is blank, the blank line is written as {{__nl}} (bound to "\n" at
// the root of the data) instead of a real break, leaving kainjow no line of
// bare tags to strip.
constexpr const char* newline_tag = "{{__nl}}";

bool is_standalone_tag_line(std::string_view line, std::string_view& tag) {
  std::size_t b = line.find_first_not_of(" \t"), e = line.find_last_not_of(" \t\r");
  if (b == std::string_view::npos || e < b + 4 || line.substr(b, 2) != "{{" || line.substr(e - 1, 2) != "}}") return false;
  tag = line.substr(b, e - b + 1);
  // Only tags: a line like "{{#a}}x{{/a}}" is content.
  for (std::size_t i = 0; i < tag.size();) {
    if (tag.substr(i, 2) != "{{") return false;
    char sigil = i + 2 < tag.size() ? tag[i + 2] : ' ';
    if (sigil != '#' && sigil != '^' && sigil != '/' && sigil != '!') return false;
    std::size_t close = tag.find("}}", i);
    if (close == std::string_view::npos) return false;
    i = close + 2;
  }
  return true;
}

std::string strip_standalone_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 64);
  std::string carry;  // standalone tags waiting for the next line
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    bool has_break = nl != std::string::npos;
    std::string_view line(text.data() + pos, (has_break ? nl : text.size()) - pos);
    pos = has_break ? nl + 1 : text.size();
    std::string_view tag;
    if (is_standalone_tag_line(line, tag)) {
      carry.append(tag);
      continue;
    }
    bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (!carry.empty() && blank) {
      out += carry;
      if (has_break) out += newline_tag;
    } else {
      out += carry;
      out.append(line);
      if (has_break) out += '\n';
    }
    carry.clear();
  }
  out += carry;
  return out;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TemplateFolder load_template_folder(const std::filesystem::path& dir) {
  TemplateFolder f;
  f.dir = dir;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw TemplateError("template folder " + dir.generic_string() + " does not exist; point --templates at a copy of templates/");
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".mustache") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::string stem = p.stem().string();  // "001_tables.sql"
    if (!stem.empty() && stem[0] == '_')
      f.partials[p.stem().stem().string().substr(1)] = slurp(p);  // "_header.sql" -> "header"
    else
      f.templates[stem] = slurp(p);
  }
  if (f.templates.empty()) throw TemplateError("template folder " + dir.generic_string() + " holds no *.mustache templates");
  return f;
}

struct TemplateData::Impl {
  mu::data data;
};

TemplateData::TemplateData(const nlohmann::json& data, const std::map<std::string, std::string>& partials)
    : impl_(std::make_unique<Impl>(Impl{to_data(data)})) {
  impl_->data["__nl"] = mu::data{std::string("\n")};
  for (const auto& [pname, ptext] : partials) {
    std::string body = strip_standalone_lines(ptext);
    impl_->data[pname] = mu::data{mu::partial{[body]() { return body; }}};
  }
}
TemplateData::~TemplateData() = default;
TemplateData::TemplateData(TemplateData&&) noexcept = default;

std::string render_template(const std::string& name, const std::string& text, const TemplateData& data) {
  mu::mustache tmpl{strip_standalone_lines(text)};
  if (!tmpl.is_valid()) throw TemplateError("template " + name + ": " + tmpl.error_message());
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string out = tmpl.render(data.impl().data);
  if (!tmpl.is_valid()) throw TemplateError("template " + name + ": " + tmpl.error_message());
  return out;
}

std::string render_template(const std::string& name, const std::string& text, const nlohmann::json& data,
                            const std::map<std::string, std::string>& partials) {
  return render_template(name, text, TemplateData(data, partials));
}

}  // namespace sf::render
