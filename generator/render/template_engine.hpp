#pragma once
// Mustache rendering (kainjow) of nlohmann::json data. Escaping is off: the
// outputs are SQL, markdown and diagrams, not HTML; values that need quoting
// arrive already quoted by the dialect. Files named _*.mustache in a template
// folder are partials, usable as {{> name}} without the underscore.
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
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
  TemplateData(const nlohmann::json& data, const std::map<std::string, std::string>& partials = {});
  ~TemplateData();
  TemplateData(TemplateData&&) noexcept;
  TemplateData(const TemplateData&) = delete;
  TemplateData& operator=(const TemplateData&) = delete;
  struct Impl;
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Renders `text` (named `name` in errors) with `data`. Throws TemplateError
// naming the template and kainjow's reason when the template does not parse.
[[nodiscard]] std::string render_template(const std::string& name, const std::string& text, const TemplateData& data);
[[nodiscard]] std::string render_template(const std::string& name, const std::string& text, const nlohmann::json& data,
                                          const std::map<std::string, std::string>& partials = {});

}  // namespace sf::render
