// What MySQL/MariaDB write after CREATE TABLE (…): ENGINE, charset,
// collation and the table comment, with the defaults filled in.
#include "generator/dialect/mysql/create.hpp"
#include "generator/model/strings.hpp"

namespace sf::dialect {

std::map<std::string, std::string> MysqlCreate::effective_options(const model::Table& t) {
  std::map<std::string, std::string> opts = {{"engine", "InnoDB"}, {"charset", "utf8mb4"}};
  if (auto it = t.options.find("mysql"); it != t.options.end())
    for (const auto& [k, v] : it->second) opts[k == "default charset" || k == "character set" ? "charset" : k] = v;
  // The collation defaults with the charset: utf8mb4's is ours; another
  // charset's is the server's (utf8mb4_unicode_ci would not be valid for it).
  if (!opts.count("collate") && model::lower(opts["charset"]) == "utf8mb4") opts["collate"] = "utf8mb4_unicode_ci";
  return opts;
}

std::string MysqlCreate::table_options(const model::Table& t) const {
  auto opts = effective_options(t);
  // ENGINE, charset and collation first, as SHOW CREATE TABLE writes them; the rest by name.
  std::string out = "ENGINE=" + opts["engine"] + " DEFAULT CHARSET=" + opts["charset"];
  if (opts.count("collate")) out += " COLLATE=" + opts["collate"];
  for (const auto& [k, v] : opts)
    if (k != "engine" && k != "charset" && k != "collate") out += " " + model::upper(k) + "=" + v;
  if (!t.description.empty()) out += " COMMENT=" + spelling_.string_literal(t.description.substr(0, 2048));
  return out;
}

bool MysqlCreate::needs_index_prefix(std::string_view type) const {
  const std::string key = spelling_.type_key(type);
  const std::string base = key.substr(0, key.find_first_of("( "));
  for (const char* unbounded : {"tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob", "json"})
    if (base == unbounded) return true;
  return false;
}

}  // namespace sf::dialect
