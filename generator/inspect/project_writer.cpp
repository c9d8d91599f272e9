#include "generator/inspect/project_writer.hpp"

#include <fstream>
#include <set>
#include <stdexcept>

#include "generator/model/yaml.hpp"

namespace sf::inspect {
namespace fs = std::filesystem;

namespace {

void write_whole(const fs::path& file, const std::string& text) {
  const fs::path temp = file.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
  }
  std::error_code ec;
  fs::rename(temp, file, ec);
  if (ec) throw std::runtime_error("cannot rename " + temp.string() + " to " + file.string() + ": " + ec.message());
}

// `extensions: [a, b]` and what it is for, or "" for a schema that uses none.
std::string extensions_entry(const model::Schema& s) {
  if (s.extensions.empty()) return {};
  std::string list;
  for (const auto& e : s.extensions) list += (list.empty() ? "" : ", ") + e;
  return "# The PostgreSQL extensions the schema uses (CREATE EXTENSION IF NOT EXISTS).\nextensions: [" + list + "]\n";
}

}  // namespace

std::vector<std::string> write_project(const model::Schema& live, const std::string& engine, const fs::path& dir,
                                       const std::string& header_comment) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    throw std::runtime_error(dir.string() + " is not empty; inspect --out writes a new project into an empty or new folder");
  fs::create_directories(dir / "spec", ec);
  if (ec) throw std::runtime_error("cannot create " + (dir / "spec").string() + ": " + ec.message());

  std::vector<std::string> written;
  write_whole(dir / "schemaforge.yaml", "# " + header_comment +
                                           "\n# The engines this project's tables run on.\nengines: [" + engine +
                                           "]\n# Where the commands find specs and migrations when not given --spec or --dir.\n"
                                           "spec: [spec]\nmigrations: migrations\n" + extensions_entry(live));
  written.push_back("schemaforge.yaml");
  std::set<std::string> names;
  for (const auto& t : live.tables) names.insert(t.name);
  for (const auto& t : live.tables) {
    model::Schema one;
    one.tables.push_back(t);
    std::set<std::string> outside;  // FK targets this inspection left out (--tables)
    for (const auto& fk : t.foreign_keys)
      if (!names.count(fk.ref_table)) outside.insert(fk.ref_table);
    one.external_tables.assign(outside.begin(), outside.end());
    const std::string file = "spec/" + t.name + ".yaml";
    write_whole(dir / file, model::to_yaml_text(one, header_comment));
    written.push_back(file);
  }
  return written;
}

}  // namespace sf::inspect
