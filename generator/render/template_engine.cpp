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
// Each converted part of the JSON is freed at once, so a view is never held
// twice over.
mu::data to_data(nlohmann::json& j, const std::set<std::string>* reads) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mu::data d{mu::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!reads || reads->count(it.key())) d[it.key()] = to_data(it.value(), reads);
        it.value() = nullptr;
      }
      return d;
    }
    case nlohmann::json::value_t::array: {
      mu::data d{mu::data::type::list};
      auto& items = const_cast<mu::basic_list<std::string>&>(d.list_value());
      items.reserve(j.size());
      for (auto& x : j) {
        items.emplace_back(to_data(x, reads));
        x = nullptr;
      }
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

std::string_view trimmed(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string_view{} : s.substr(b, e - b + 1);
}

std::string at_line(const std::string& name, const std::string& text, std::size_t offset) {
  return name + ":" + std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// Pastes each partial's text where {{> name}} stands, before parsing. kainjow
// would parse a partial again at every use (once per column, in a loop), and
// looks partials up among the data's names first, so a column that happens
// to be called like a partial would render as one. Delimiter changes are
// refused: the standalone-line rule above writes {{__nl}} in the standard
// delimiters, so they cannot work.
std::string with_partials(const std::string& name, const std::string& text,
                          const std::map<std::string, std::string>& partials, std::vector<std::string>& including) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (std::size_t open; (open = text.find("{{", pos)) != std::string::npos;) {
    std::size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) break;  // kainjow reports the unclosed tag
    std::string_view tag = trimmed(std::string_view(text).substr(open + 2, close - open - 2));
    if (!tag.empty() && tag.front() == '=')
      throw TemplateError("template " + at_line(name, text, open) +
                          ": set-delimiter tags ({{=...=}}) are not supported; keep the standard {{ }} delimiters");
    if (tag.empty() || tag.front() != '>') {
      out.append(text, pos, close + 2 - pos);
      pos = close + 2;
      continue;
    }
    const std::string partial(trimmed(tag.substr(1)));
    auto it = partials.find(partial);
    if (it == partials.end())
      throw TemplateError("template " + at_line(name, text, open) + ": no partial named '" + partial +
                          "'; a partial is a file named _" + partial + ".<ext>.mustache in the template's folder");
    if (std::find(including.begin(), including.end(), partial) != including.end())
      throw TemplateError("template " + at_line(name, text, open) + ": partial '" + partial + "' includes itself");
    out.append(text, pos, open - pos);
    including.push_back(partial);
    out += with_partials(name + " > _" + partial, it->second, partials, including);
    including.pop_back();
    pos = close + 2;
  }
  out.append(text, pos);
  return out;
}

// The names `source`'s tags look up: {{a}}, {{{a}}}, {{& a}}, {{#a}},
// {{^a}}, {{/a}}, each part of {{a.b}}; not comments, partials (pasted in
// already) or the implicit iterator {{.}}.
std::set<std::string> tag_names(const std::string& source) {
  std::set<std::string> names;
  std::size_t pos = 0;
  for (std::size_t open; (open = source.find("{{", pos)) != std::string::npos;) {
    const std::size_t close = source.find("}}", open + 2);
    if (close == std::string::npos) break;
    std::string_view tag = trimmed(std::string_view(source).substr(open + 2, close - open - 2));
    pos = close + 2;
    if (!tag.empty() && tag.front() == '{') tag = trimmed(tag.substr(1));  // {{{a}}}: the third brace follows
    if (tag.empty() || tag.front() == '!' || tag.front() == '>' || tag.front() == '=') continue;
    if (tag.front() == '#' || tag.front() == '^' || tag.front() == '/' || tag.front() == '&') tag = trimmed(tag.substr(1));
    if (tag == ".") continue;
    for (std::size_t start = 0;;) {
      const std::size_t dot = tag.find('.', start);
      names.emplace(tag.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
  return names;
}

}  // namespace

std::set<std::string> names_read(std::initializer_list<const Template*> templates) {
  std::set<std::string> names;
  for (const Template* t : templates) names.insert(t->names().begin(), t->names().end());
  return names;
}

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

TemplateData::TemplateData(nlohmann::json data, const std::set<std::string>* reads)
    : impl_(std::make_unique<Impl>(Impl{to_data(data, reads)})) {
  impl_->data["__nl"] = mu::data{std::string("\n")};
}
TemplateData::~TemplateData() = default;
TemplateData::TemplateData(TemplateData&&) noexcept = default;

struct Template::Impl {
  mu::mustache parsed;
};

Template::Template(std::string name, const std::string& text, const std::map<std::string, std::string>& partials)
    : name_(std::move(name)) {
  std::vector<std::string> including;
  const std::string source = strip_standalone_lines(with_partials(name_, text, partials, including));
  names_ = tag_names(source);
  impl_ = std::make_unique<Impl>(Impl{mu::mustache{source}});
  if (!impl_->parsed.is_valid()) throw TemplateError("template " + name_ + ": " + impl_->parsed.error_message());
  impl_->parsed.set_custom_escape([](const std::string& s) { return s; });
}
Template::~Template() = default;
Template::Template(Template&&) noexcept = default;

namespace {

// Renders with `ctx`; kainjow reports errors through the template, not by throwing.
std::string rendered(mu::mustache& parsed, mu::context<std::string>& ctx, const std::string& name) {
  std::string out = parsed.render(ctx);
  if (!parsed.is_valid()) throw TemplateError("template " + name + ": " + parsed.error_message());
  return out;
}

}  // namespace

std::string Template::render(const TemplateData& data) const {
  mu::context<std::string> ctx{&data.impl().data};
  return rendered(impl_->parsed, ctx, name_);
}

std::string Template::render_item(const TemplateData& data, const std::string& list, std::size_t index) const {
  const mu::data& root = data.impl().data;
  const mu::data* items = root.get(list);
  if (!items || !items->is_list() || index >= items->list_value().size())
    throw TemplateError("template " + name_ + ": the data has no item " + std::to_string(index) + " in '" + list + "'");
  mu::context<std::string> ctx{&root};
  ctx.push(&items->list_value()[index]);
  return rendered(impl_->parsed, ctx, name_);
}

Template compile_template(const TemplateFolder& folder, const std::string& file) {
  const std::string name = (folder.dir / (file + ".mustache")).generic_string();
  auto it = folder.templates.find(file);
  if (it == folder.templates.end()) throw TemplateError("template " + name + " does not exist");
  return Template(name, it->second, folder.partials);
}

std::string render_template(const std::string& name, const std::string& text, const nlohmann::json& data,
                            const std::map<std::string, std::string>& partials) {
  return Template(name, text, partials).render(TemplateData(data));
}

}  // namespace sf::render
