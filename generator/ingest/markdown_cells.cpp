#include "generator/ingest/markdown_cells.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include "generator/model/default_value.hpp"
#include "generator/model/engines.hpp"
#include "generator/model/strings.hpp"

namespace sf::ingest {
namespace {

using model::Column;
using model::DefaultValue;
using model::lower;
using model::trim;

// `mysql:`, `PostgreSQL:` … at the start of a cell half: every name the engine registry knows.
const std::regex& engine_prefix() {
  static const std::regex re("^\\s*(" + model::join(model::engine_spellings(), "|") + ")\\s*:\\s*", std::regex::icase);
  return re;
}

// `[]'::jsonb` -> `'[]'::jsonb`: a cast whose literal lost its opening quote
// on the way into the doc (the doc generator ate it with the engine prefix).
std::optional<std::string> lost_opening_quote(const std::string& text) {
  if (text.size() > 512) return std::nullopt;  // a default, not a document (std::regex recurses per character)
  static const std::regex lost(R"(^([^']*)'(\s*::\s*[A-Za-z_][A-Za-z0-9_ ]*(\[\])?)$)");
  std::smatch m;
  if (!std::regex_match(text, m, lost)) return std::nullopt;
  return "'" + trim(m[1].str()) + "'" + m[2].str();
}

// A default as written for one engine ("" for every engine).
DefaultValue read_default(const std::string& where, const std::string& engine, std::string text, const Column& c,
                          model::Diagnostics& diags) {
  text = trim(text);
  if (auto fixed = lost_opening_quote(text)) {
    diags.warning(c.loc, "Default cell of " + where + (engine.empty() ? "" : " (" + engine + ")") + ": `" + text +
                             "` has no opening quote; read as " + *fixed + ". Write " + *fixed + " to silence this");
    text = *fixed;
  }
  return model::classify_default(text);
}

// What decides whether two engines' defaults are one: 0 and FALSE are the
// same boolean, 1 and TRUE too.
DefaultValue meaning(DefaultValue d, const model::LogicalType& t) {
  if (t.kind == model::TypeKind::boolean && d.kind == DefaultValue::Kind::number && (d.text == "0" || d.text == "1"))
    return {DefaultValue::Kind::boolean, d.text == "1" ? "true" : "false"};
  return d;
}

// `BIGINT AUTO_INCREMENT`, `INTEGER AUTOINCREMENT`: docs copied from a
// CREATE TABLE keep the key's attribute in the Type cell. It is the
// identity, not part of the type; the type is what is left.
bool take_auto_increment(std::string& type_text) {
  static const std::regex attribute(R"(\s+auto_?increment\s*$)", std::regex::icase);
  if (type_text.size() > 200) return false;  // a type, not a paragraph (std::regex recurses per character)
  std::smatch m;
  if (!std::regex_search(type_text, m, attribute)) return false;
  type_text = trim(type_text.substr(0, static_cast<std::size_t>(m.position(0))));
  return true;
}

// `INT INVISIBLE`: MySQL's column attribute, kept in the Type cell like
// AUTO_INCREMENT. It is the column's visibility, not part of the type.
bool take_invisible(std::string& type_text) {
  static const std::regex attribute(R"(\s+invisible\s*$)", std::regex::icase);
  if (type_text.size() > 200) return false;
  std::smatch m;
  if (!std::regex_search(type_text, m, attribute)) return false;
  type_text = trim(type_text.substr(0, static_cast<std::size_t>(m.position(0))));
  return true;
}

}  // namespace

std::optional<std::vector<EngineHalf>> split_engine_halves(const std::string& cell, const std::string& what,
                                                           const model::SourceLoc& loc, model::Diagnostics& diags) {
  std::vector<EngineHalf> halves;
  if (!std::regex_search(cell, engine_prefix())) {
    halves.push_back({"", trim(cell)});
    return halves;
  }
  // Split on each '/' that starts another "engine:" half.
  std::size_t start = 0;
  for (std::size_t i = 0; i <= cell.size(); ++i) {
    bool boundary = i == cell.size();
    if (!boundary && cell[i] == '/') boundary = std::regex_search(cell.substr(i + 1), engine_prefix());
    if (!boundary) continue;
    std::string part = cell.substr(start, i - start);
    std::smatch m;
    if (!std::regex_search(part, m, engine_prefix())) {
      diags.error(loc, what + ": '" + trim(part) + "' is not of the form engine: TEXT");
      return std::nullopt;
    }
    const std::string engine = model::canonical_engine(m[1].str());
    for (const auto& h : halves)
      if (h.engine == engine) {
        diags.error(loc, what + " names " + engine + " twice");
        return std::nullopt;
      }
    halves.push_back({engine, trim(part.substr(static_cast<std::size_t>(m.length(0))))});
    start = i + 1;
  }
  return halves;
}

bool read_type_cell(const std::string& where, const std::string& cell, Column& c, model::Diagnostics& diags,
                    const std::vector<std::string>& project_engines) {
  if (trim(cell).empty()) {
    diags.error(c.loc, "column " + where + " has no type");
    return false;
  }
  auto halves = split_engine_halves(cell, "type of " + where, c.loc, diags);
  if (!halves) return false;
  std::optional<model::LogicalType> logical;
  bool logical_explicit = false;  // whether any half so far wrote its arguments
  std::string spelled;            // the halves read so far, for messages
  for (auto& [engine, type_text] : *halves) {
    if (take_invisible(type_text)) c.invisible = true;
    if (take_auto_increment(type_text)) c.identity = true;
    std::string err;
    auto parsed = model::parse_type_name(type_text, err);
    const bool own_engine = project_engines.size() == 1 && (engine.empty() || engine == project_engines.front());
    if (!parsed && own_engine && halves->size() == 1 && (!type_text.empty() || project_engines.front() == model::typeless_columns_engine)) {
      // That engine's own type (or SQLite's typeless column), generated back as written.
      c.type = model::LogicalType::of(model::TypeKind::text);
      c.native_types[project_engines.front()] = type_text;
      return true;
    }
    if (!parsed) {
      diags.error(c.loc, "type of " + where + ": " + err);
      return false;
    }
    if (parsed->is_unsigned) c.is_unsigned = true;
    if (parsed->auto_increment_hint) c.identity = true;
    if (!engine.empty()) c.native_types[engine] = type_text;
    if (!logical) {
      logical = parsed->type;
      logical_explicit = parsed->explicit_arguments;
      spelled = "'" + type_text + "'";
      continue;
    }
    // A half that leaves its arguments to the engine (NUMERIC, TIMESTAMP)
    // does not narrow the other: DECIMAL(12,2) / NUMERIC is decimal(12,2).
    model::LogicalType next = parsed->type;
    if (next.kind == logical->kind && !parsed->explicit_arguments) next = *logical;
    else if (next.kind == logical->kind && !logical_explicit) *logical = next;
    logical_explicit = logical_explicit || parsed->explicit_arguments;
    std::string why;
    auto common = model::common_type(*logical, next, why);
    if (!common) {
      diags.error(c.loc, "type of " + where + ": " + spelled + " and '" + type_text + "' cannot hold the same values (" + why +
                             "); give each engine a type of one family, e.g. mysql: VARCHAR(200) / postgres: TEXT");
      return false;
    }
    logical = *common;
    spelled += " and '" + type_text + "'";
  }
  c.type = *logical;

  // "(enum: a, b)" in the description.
  static const std::regex enum_note(R"(\(\s*enum\s*:\s*([^)]*)\))", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(c.description, m, enum_note)) return true;
  std::vector<std::string> values = model::split_list(m[1].str());
  if (values.empty()) {
    diags.error(c.loc, "the (enum: …) note of " + where + " lists no values");
    return false;
  }
  if (c.type.kind == model::TypeKind::enumeration) {
    if (c.type.values != values) {
      diags.error(c.loc, "enum values of " + where + " conflict: the type says (" + model::join(c.type.values) +
                             ") but the description says (" + model::join(values) + "); make them the same");
      return false;
    }
  } else if (c.type.is_textual()) {
    c.type = model::LogicalType::enumeration(values);
  } else {
    diags.error(c.loc, "the (enum: …) note of " + where + " is on a " + model::to_string(c.type) + " column; enums are text");
    return false;
  }
  return true;
}

bool read_default_cell(const std::string& where, const std::string& cell, Column& c, model::Diagnostics& diags) {
  // A computed column says where its value comes from here: `GENERATED
  // ALWAYS AS (price * quantity) STORED`, or MySQL's `AS (…) VIRTUAL`.
  // Read before the engine halves: its expression may hold a '/'.
  static const std::regex generated(R"(^\s*(GENERATED\s+ALWAYS\s+)?AS\s*\((.*)\)\s*(STORED|VIRTUAL|PERSISTENT)?\s*$)",
                                    std::regex::icase);
  if (std::smatch m; std::regex_match(cell, m, generated)) {
    const std::string kind = model::lower(m[3].str());
    c.generated = model::GeneratedColumn{model::trim(m[2].str()), kind == "stored" || kind == "persistent"};
    return true;
  }
  auto halves = split_engine_halves(cell, "Default cell of " + where, c.loc, diags);
  if (!halves) return false;
  if (halves->size() == 1 && halves->front().engine.empty()) {
    c.default_value = read_default(where, "", halves->front().text, c, diags);
    return true;
  }
  std::map<std::string, DefaultValue> per_engine;  // engines whose half is empty (`postgres:`) get none
  for (const auto& [engine, text] : *halves)
    if (DefaultValue d = read_default(where, engine, text, c, diags); d.present()) per_engine[engine] = std::move(d);
  if (per_engine.empty()) return true;
  const DefaultValue first = meaning(per_engine.begin()->second, c.type);
  // Two or more engines spelling one value two ways: every engine gets it. A
  // lone half is that engine's alone.
  const bool one_value = per_engine.size() > 1 && std::all_of(per_engine.begin(), per_engine.end(),
                                     [&](const auto& e) { return meaning(e.second, c.type) == first; });
  if (one_value) {
    c.default_value = first;
    return true;
  }
  c.native_defaults = std::move(per_engine);
  return true;
}

bool states_primary_key(std::string_view description) {
  static const std::regex in_parens(R"(\(\s*(primary\s+key|pk)\s*\))", std::regex::icase);
  // At most two words before it, and nothing after but the end of a sentence.
  static const std::regex as_sentence(R"(^\s*(\w+\s+){0,2}primary\s+key\s*([.;,(]|$))", std::regex::icase);
  const std::string d(description);
  return std::regex_search(d, in_parens) || std::regex_search(d, as_sentence);
}

}  // namespace sf::ingest
