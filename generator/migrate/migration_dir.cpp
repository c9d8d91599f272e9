#include "generator/migrate/migration_dir.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "generator/model/generated_views.hpp"
#include "generator/model/json.hpp"
#include "generator/model/sha256.hpp"

namespace sf::migrate {
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr const char* sum_file = "schemaforge.sum";

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& content) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());  // "fix.sql" has none
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp.generic_string());
  }
  fs::rename(tmp, path);
}

std::string MigrationDir::misplaced(const fs::path& root, const std::string& dialect) {
  std::error_code ec;
  const std::string shown = root.generic_string();
  if (!fs::is_directory(root, ec)) return "--dir " + shown + " is not a folder; pass the folder that holds one folder per engine";
  if (fs::is_directory(root / dialect, ec)) return {};
  const fs::path parent = root.has_filename() ? root.parent_path() : root.parent_path().parent_path();
  bool holds_migrations = false;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    const std::string name = e.path().filename().string();
    if (name == sum_file || (name.size() > 7 && name.compare(name.size() - 7, 7, ".up.sql") == 0)) holds_migrations = true;
  }
  if (holds_migrations)
    return "--dir " + shown + " holds migration files itself: it is one engine's folder. Pass the folder above it (--dir " +
           (parent.empty() ? std::string(".") : parent.generic_string()) + "), which holds one folder per engine (" + dialect + "/ for this database)";
  return "--dir " + shown + " has no " + dialect + "/ folder: migrations for this database go in " + (root / dialect).generic_string() +
         " (write them with `schemaforge migrate new`)";
}

MigrationDir MigrationDir::load(const fs::path& root, const std::string& dialect) {
  MigrationDir d;
  d.dir_ = root / dialect;
  std::error_code ec;
  if (!fs::is_directory(d.dir_, ec)) return d;
  static const std::regex name_re(R"(^([0-9]+)_([A-Za-z0-9_\-]+)\.(up|down)\.sql$)");
  std::map<std::string, Migration> by_version;
  for (const auto& e : fs::directory_iterator(d.dir_)) {
    if (!e.is_regular_file()) continue;
    std::string file = e.path().filename().string();
    if (file == sum_file) continue;
    if (e.path().extension() != ".sql") continue;
    d.files_[file] = slurp(e.path());
    std::smatch m;
    if (!std::regex_match(file, m, name_re)) {
      d.layout_problems_.push_back({file, "does not look like <version>_<name>.up.sql or .down.sql"});
      continue;
    }
    Migration& mig = by_version[m[1].str()];
    if (!mig.name.empty() && mig.name != m[2].str()) {
      d.layout_problems_.push_back({file, "version " + m[1].str() + " is used by two names (" + mig.name + ", " + m[2].str() + ")"});
      continue;
    }
    mig.version = m[1].str();
    mig.name = m[2].str();
    if (m[3].str() == "up") {
      mig.up_path = e.path();
      mig.up_sql = d.files_[file];
      mig.checksum = model::sha256_hex(mig.up_sql);
    } else {
      mig.down_path = e.path();
      mig.down_sql = d.files_[file];
    }
  }
  for (auto& [v, m] : by_version) {
    if (m.up_path.empty()) d.layout_problems_.push_back({m.id() + ".up.sql", "is missing (the .down.sql has no pair)"});
    if (m.down_path.empty()) d.layout_problems_.push_back({m.id() + ".down.sql", "is missing (the .up.sql has no pair)"});
    if (!m.up_path.empty()) d.migrations_.push_back(std::move(m));
  }
  // Versions compare as numbers of equal width: sort by length, then text.
  std::sort(d.migrations_.begin(), d.migrations_.end(), [](const Migration& a, const Migration& b) {
    return a.version.size() != b.version.size() ? a.version.size() < b.version.size() : a.version < b.version;
  });
  return d;
}

const Migration* MigrationDir::find(const std::string& version) const {
  for (const auto& m : migrations_)
    if (m.version == version) return &m;
  return nullptr;
}

std::string MigrationDir::next_version() const {
  long last = 0;
  for (const auto& m : migrations_) last = std::max(last, std::stol(m.version.substr(0, 15)));
  std::string v = std::to_string(last + 1);
  return std::string(v.size() < 4 ? 4 - v.size() : 0, '0') + v;
}

std::string MigrationDir::sum_text() const {
  std::string listing;
  for (const auto& [file, content] : files_) listing += file + " h1:" + model::sha256_hex(content) + "\n";
  return "h1:" + model::sha256_hex(listing) + "\n" + listing;
}

std::vector<SumProblem> MigrationDir::verify_sum() const {
  std::vector<SumProblem> problems;
  std::error_code ec;
  if (!fs::exists(dir_ / sum_file, ec)) {
    if (!files_.empty()) problems.push_back({sum_file, "is missing; run `schemaforge migrate hash` to create it"});
    return problems;
  }
  std::istringstream in(slurp(dir_ / sum_file));
  std::string total, line;
  std::getline(in, total);
  std::map<std::string, std::string> summed;
  std::string listing;
  while (std::getline(in, line)) {
    auto sp = line.find(" h1:");
    if (sp == std::string::npos) {
      problems.push_back({sum_file, "has a malformed line: " + line});
      continue;
    }
    summed[line.substr(0, sp)] = line.substr(sp + 4);
    listing += line + "\n";
  }
  if (total != "h1:" + model::sha256_hex(listing)) problems.push_back({sum_file, "was edited by hand (its total does not match its lines)"});
  std::string last_summed_version;
  for (const auto& [file, hash] : summed) {
    auto it = files_.find(file);
    if (it == files_.end())
      problems.push_back({file, "is listed in schemaforge.sum but missing from the folder"});
    else if (model::sha256_hex(it->second) != hash)
      problems.push_back({file, "changed after it was summed; if the edit is deliberate run `schemaforge migrate hash`"});
    last_summed_version = std::max(last_summed_version, file.substr(0, file.find('_')));
  }
  for (const auto& [file, content] : files_) {
    if (summed.count(file)) continue;
    std::string version = file.substr(0, file.find('_'));
    problems.push_back({file, version < last_summed_version
                                  ? "is new but sorts before migrations already summed (out of order); renumber it"
                                  : "is not in schemaforge.sum; run `schemaforge migrate hash` after reviewing it"});
  }
  return problems;
}

std::string snapshot_text(model::Schema schema) {
  for (auto& t : schema.tables) {
    t.loc = {};
    t.sources.clear();
    for (auto& c : t.columns) c.loc = {};
    if (t.primary_key) t.primary_key->loc = {};
    for (auto& k : t.uniques) k.loc = {};
    for (auto& i : t.indexes) i.loc = {};
    for (auto& f : t.foreign_keys) f.loc = {};
    for (auto& c : t.checks) c.loc = {};
    for (auto& v : t.views) v.loc = {};
  }
  return model::to_json_text(schema);
}

model::Schema read_snapshot(const fs::path& root) {
  fs::path p = root / "schema.snapshot.json";
  std::error_code ec;
  if (!fs::exists(p, ec)) return {};
  try {
    // Snapshots written before the model held the generated views get them here.
    model::Schema s = model::schema_from_json_text(slurp(p));
    model::resolve_generated_views(s);
    return s;
  } catch (const std::exception& e) {
    throw std::runtime_error(p.generic_string() + ": " + e.what());
  }
}

void write_snapshot(const fs::path& root, model::Schema schema) {
  write_file_atomically(root / "schema.snapshot.json", snapshot_text(std::move(schema)));
}

}  // namespace sf::migrate
