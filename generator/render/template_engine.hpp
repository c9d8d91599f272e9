#pragma once
// Mustache rendering (kainjow) of nlohmann::json data. Escaping is off: the
// outputs are SQL, markdown and diagrams, not HTML; values that need quoting
// arrive already quoted by the dialect. Files named _*.mustache in a template
// folder are partials, usable as {{> name}} without the underscore.
//
// A Template is parsed once and rendered any number of times, and template
// data is converted once for all the templates that read it: generating
// 1,000 tables renders the per-table templates 1,000 times each.
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

namespace sf::render {

struct TemplateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct TemplateFolder {
  std::filesystem::path dir;
  std::map<std::string, std::string> templates;  // output name (file name minus .mustache) -> text
  std::map<std::string, std::string> partials;   // partial name -> text
};

// Reads every *.mustache in `dir` (not recursive). Throws TemplateError naming
// the folder when it is missing or empty.
[[nodiscard]] TemplateFolder load_template_folder(const std::filesystem::path& dir);

// Template data converted once for the template engine, so several templates
// can render the same (possibly large) view without converting it again.
class TemplateData {
 public:
  // Consumes `data`, freeing each part once converted, so a large view is
  // never held twice. With `reads` (the names the templates that will
  // render it read, Template::names()), members no template can look up
  // are not converted: a lookup never reaches a name no tag says, and an
  // object is truthy in a section whether or not it is empty.
  explicit TemplateData(nlohmann::json data, const std::set<std::string>* reads = nullptr);
  ~TemplateData();
  TemplateData(TemplateData&&) noexcept;
  TemplateData(const TemplateData&) = delete;
  TemplateData& operator=(const TemplateData&) = delete;
  struct Impl;
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

class Template {
 public:
  // Parses `text`, with every {{> partial}} replaced by that partial's text.
  // Throws TemplateError naming `name` (and the line, where there is one)
  // when the text does not parse, names a partial that does not exist,
  // includes itself, or changes delimiters (unsupported, see docs/templates.md).
  Template(std::string name, const std::string& text, const std::map<std::string, std::string>& partials = {});
  ~Template();
  Template(Template&&) noexcept;
  Template(const Template&) = delete;
  Template& operator=(const Template&) = delete;

  // Renders with the root of `data` as the context. Not thread-safe: kainjow
  // keeps its error state in the parsed template.
  [[nodiscard]] std::string render(const TemplateData& data) const;
  // Renders with item `index` of the root list `list` in front of the root,
  // as {{#list}}…{{/list}} sees each item: names the item lacks resolve at the
  // root. Throws TemplateError when there is no such item.
  [[nodiscard]] std::string render_item(const TemplateData& data, const std::string& list, std::size_t index) const;

  [[nodiscard]] const std::string& name() const { return name_; }
  // Every name its tags look up, each part of a dotted name on its own.
  [[nodiscard]] const std::set<std::string>& names() const { return names_; }

 private:
  struct Impl;
  std::string name_;
  std::set<std::string> names_;
  std::unique_ptr<Impl> impl_;
};

// The names any of `templates` reads: the members their TemplateData needs.
[[nodiscard]] std::set<std::string> names_read(std::initializer_list<const Template*> templates);

// The folder's template `file` (its name minus .mustache), parsed with the
// folder's partials and named by its path in errors.
[[nodiscard]] Template compile_template(const TemplateFolder& folder, const std::string& file);

// Parses and renders once: for tests and one-off renders.
[[nodiscard]] std::string render_template(const std::string& name, const std::string& text, const nlohmann::json& data,
                                          const std::map<std::string, std::string>& partials = {});

}  // namespace sf::render
