#include "generator/render/cpp_view.hpp"

#include <algorithm>
#include <sstream>

#include "generator/dialect/dialect.hpp"
#include "generator/render/cpp_names.hpp"
#include "generator/render/queue_mapping.hpp"
#include "generator/render/repository_sql.hpp"
#include "generator/render/template_data.hpp"

namespace sf::render {
namespace {

using nlohmann::json;

json doc_lines(const std::string& text) {
  json out = json::array();
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    out.push_back(line);
  }
  return out;
}

// The C++ type of one value of the column (without std::optional).
struct CppType {
  std::string name;
  bool scalar = true;   // passed by value
  int precision = -1;   // timestamps: fraction digits kept on write
};

CppType cpp_type(const model::Column& c, const std::string& row) {
  using model::TypeKind;
  switch (c.type.kind) {
    case TypeKind::integer:
      return {c.type.bits <= 16 ? "std::int16_t" : c.type.bits <= 32 ? "std::int32_t" : "std::int64_t"};
    case TypeKind::boolean: return {"bool"};
    case TypeKind::floating: return {c.type.bits == 32 ? "float" : "double"};
    case TypeKind::json: return {"sf::db::Json", false};
    case TypeKind::binary: return {"sf::db::Bytes", false};
    case TypeKind::timestamp: return {"sf::db::Timestamp", true, c.type.precision};
    case TypeKind::date: return {"sf::db::Date"};
    case TypeKind::enumeration: return {row + pascal_case(c.name)};
    case TypeKind::decimal:
    case TypeKind::fixed_char:
    case TypeKind::varchar:
    case TypeKind::text:
    case TypeKind::time:
    case TypeKind::interval:  // PostgreSQL's interval text ("1 day 02:00:00"), as MySQL stores it too
    case TypeKind::uuid: return {"std::string", false};
  }
  return {"std::string", false};
}

// An insert may leave a column out only where every engine then fills it:
// the repositories are one piece of code for all of them.
bool defaulted_everywhere(const model::Column& c) {
  const auto& engines = dialect::all_dialects();
  return std::all_of(engines.begin(), engines.end(), [&](const dialect::Dialect* d) { return c.default_for(d->name()).present(); });
}

bool is_key(const model::Table& t, const std::string& column) {
  return t.primary_key && std::count(t.primary_key->columns.begin(), t.primary_key->columns.end(), column) > 0;
}

// A value passed to a function: `T` for scalars, `const T&` otherwise.
std::string param_type(const CppType& ct) { return ct.scalar ? ct.name : "const " + ct.name + "&"; }
std::string precision_arg(const CppType& ct) { return ct.precision >= 0 ? ", " + std::to_string(ct.precision) : ""; }

class TableView {
 public:
  TableView(const model::Table& t, model::Diagnostics& diags) : t_(t), diags_(diags), row_(row_type_name(t.name)) {}

  json build() {
    json j;
    j["file"] = t_.name;
    j["table"] = t_.name;
    j["row"] = row_;
    j["new_row"] = "New" + row_;
    j["repository"] = row_ + "Repository";
    j["doc"] = doc_lines(t_.description);
    json columns = json::array(), news = json::array(), updates = json::array(), enums = json::array();
    for (std::size_t i = 0; i < t_.columns.size(); ++i) {
      const auto& c = t_.columns[i];
      const CppType ct = cpp_type(c, row_);
      const std::string member = cpp_identifier(c.name);
      members_[c.name] = member;
      types_[c.name] = ct;
      const std::string full = c.nullable ? "std::optional<" + ct.name + ">" : ct.name;
      json cj = {{"member", member},
                 {"type", full},
                 {"index", i},
                 {"where", cpp_string_literal(t_.name + "." + c.name)},
                 {"name_literal", cpp_string_literal(c.name)},
                 {"precision_arg", precision_arg(ct)},
                 {"doc", doc_lines(c.description)},
                 {"is_key", is_key(t_, c.name)}};
      columns.push_back(std::move(cj));
      if (c.type.kind == model::TypeKind::enumeration) enums.push_back(enum_json(c, ct.name));
      if (!c.identity && !c.generated) {  // the database gives these their values
        const bool defaulted = defaulted_everywhere(c) || c.generate_uuid;
        json nj = {{"member", member},
                   {"type", defaulted ? "sf::db::Defaulted<" + full + ">" : full},
                   {"defaulted", defaulted},
                   {"generate_uuid", c.generate_uuid},
                   {"index", i},
                   {"precision_arg", precision_arg(ct)},
                   {"doc", doc_lines(c.description)}};
        news.push_back(std::move(nj));
      }
      if (!is_key(t_, c.name) && c.on_update.empty() && !c.generated)
        updates.push_back({{"member", member}, {"precision_arg", precision_arg(ct)}});
    }
    j["columns"] = with_commas(std::move(columns));
    j["column_count"] = t_.columns.size();
    j["new_columns"] = std::move(news);
    j["update_params"] = std::move(updates);
    j["enums"] = std::move(enums);
    keys(j);
    j["finders"] = finders_json();
    j["engines"] = engines_json();
    j["sql_fields"] = std::move(sql_fields_);
    j["job"] = job_json();
    return j;
  }

 private:
  json enum_json(const model::Column& c, const std::string& name) const {
    json values = json::array();
    auto members = enum_members(c.type.values);
    for (std::size_t i = 0; i < members.size(); ++i)
      values.push_back({{"member", members[i]}, {"literal", cpp_string_literal(c.type.values[i])}});
    return {{"name", name}, {"column", t_.name + "." + c.name}, {"values", with_commas(std::move(values))},
            {"parse", "parse_" + t_.name + "_" + cpp_identifier(c.name)}};
  }

  json param(const std::string& column) const {
    const CppType& ct = types_.at(column);
    return {{"member", members_.at(column)}, {"param_type", param_type(ct)}, {"precision_arg", precision_arg(ct)}};
  }

  void keys(json& j) {
    json keys = json::array();
    if (t_.primary_key)
      for (const auto& k : t_.primary_key->columns) keys.push_back(param(k));
    const bool single = keys.size() == 1;
    j["keyed"] = !keys.empty();
    j["keys"] = with_commas(std::move(keys));
    j["single_key"] = single;
    j["key_type"] = single ? types_.at(t_.primary_key->columns.front()).name : "void";
    j["key_param_type"] = single ? param_type(types_.at(t_.primary_key->columns.front())) : "";
    j["key_member"] = single ? members_.at(t_.primary_key->columns.front()) : "";
    const model::Column* kc = single ? t_.find_column(t_.primary_key->columns.front()) : nullptr;
    j["identity_key"] = kc && kc->identity;
    // The key insert() returns where the engine cannot hand it back (no RETURNING).
    const std::string km = single ? members_.at(kc->name) : "";
    j["key_sent"] = !kc ? "" : (kc->generate_uuid || defaulted_everywhere(*kc)) ? "filled." + km + ".value()" : "filled." + km;
    j["has_on_update"] = std::any_of(t_.columns.begin(), t_.columns.end(), [](const auto& c) { return !c.on_update.empty(); });
    if (!t_.primary_key)
      diags_.note(t_.loc, "table " + t_.name + " has no primary key: its repository has no find/update/erase");
  }

  json finders_json() {
    finders_ = finders(t_);
    json out = json::array();
    for (const auto& f : finders_) {
      json params = json::array();
      for (const auto& c : f.columns) params.push_back(param(c));
      const std::size_t count = params.size();
      out.push_back({{"function", f.function}, {"unique", f.unique}, {"params", with_commas(std::move(params))},
                     {"param_count", count}});
    }
    return out;
  }

  json engines_json() {
    json out = json::array();
    for (const dialect::Dialect* engine : dialect::all_dialects()) {
      const dialect::Dialect& d = *engine;
      RepositorySql sql = repository_sql(t_, d, finders_);
      json cols = json::array(), statements = json::array();
      for (const auto& c : sql.columns) cols.push_back({{"literal", cpp_string_literal(c)}});
      sql_fields_ = json::array();
      for (const auto& [field, text] : sql.statements) {
        statements.push_back({{"field", field}, {"literal", cpp_string_literal(text)}});
        sql_fields_.push_back(field);
      }
      out.push_back({{"engine", std::string(d.name())},
                     {"table_literal", cpp_string_literal(sql.table)},
                     {"columns", with_commas(std::move(cols))},
                     {"statements", std::move(statements)}});
    }
    return out;
  }

  std::size_t column_index(const std::string& name) const {
    for (std::size_t i = 0; i < t_.columns.size(); ++i)
      if (t_.columns[i].name == name) return i;
    return 0;  // validation guarantees every role names a column
  }

  // The runtime's QueueTable for the table (runtime/jobs/queue_table.hpp):
  // column numbers, state literals and each role's column with what the
  // queue needs to write it (timestamp precision, NULL-able schedule, error
  // length).
  void queue_table(const model::JobProfile& p, json& j) const {
    j["table_literal"] = cpp_string_literal(t_.name);
    j["key_index"] = column_index(t_.primary_key->columns.front());
    j["status_index"] = column_index(p.status_column);
    j["channel"] = cpp_string_literal(notify_channel(t_));
    json states = json::array();
    for (const char* role : model::job_state_roles)
      if (const std::string v = p.state(role); !v.empty()) states.push_back({{"role", role}, {"literal", cpp_string_literal(v)}});
    j["states"] = with_commas(std::move(states));
    json roles = json::array();
    for (const char* role : model::job_column_roles) {
      const std::string c = p.column(role);
      if (c.empty()) continue;
      const model::Column* col = t_.find_column(c);
      std::string mapping = ".column = " + std::to_string(column_index(c));
      if (const int precision = types_.at(c).precision; precision >= 0) mapping += ", .precision = " + std::to_string(precision);
      if (col->nullable && std::string(role) == model::job_column::scheduled_at) mapping += ", .nullable = true";
      if (std::string(role) == model::job_column::error) mapping += ", .max_bytes = " + std::to_string(error_max_bytes(*col));
      roles.push_back({{"role", role}, {"mapping", mapping}});
    }
    j["roles"] = std::move(roles);
  }

  // Error text is cut to what the column holds, at a UTF-8 boundary:
  // VARCHAR(n) takes n characters (>= n bytes); TEXT is capped at 16 KiB.
  static int error_max_bytes(const model::Column& c) {
    const bool bounded = c.type.kind == model::TypeKind::varchar || c.type.kind == model::TypeKind::fixed_char;
    return bounded ? std::min(c.type.length, 16384) : 16384;
  }

  // The queue operations' pieces, present only for the roles the table has.
  json job_json() const {
    if (!t_.job || !t_.primary_key || t_.primary_key->columns.size() != 1) {
      if (t_.job) diags_.warning(t_.loc, "job table " + t_.name + " needs a single-column primary key for queue operations");
      return false;
    }
    const model::JobProfile& p = *t_.job;
    json j;
    const model::Column* status = t_.find_column(p.status_column);
    const std::string status_enum = types_.at(p.status_column).name;
    auto members = enum_members(status->type.values);
    auto state_member = [&](const char* role) -> json {
      const std::string v = p.state(role);
      for (std::size_t i = 0; i < status->type.values.size(); ++i)
        if (status->type.values[i] == v) return status_enum + "::" + members[i];
      return false;
    };
    json save = json::array();
    for (const auto& c : handler_columns(t_)) {
      json sj = param(c);
      sj["index"] = column_index(c);
      save.push_back(std::move(sj));
    }
    j["can_save"] = !save.empty();
    j["save_columns"] = with_commas(std::move(save));
    json fence = json::array();
    for (const auto& c : fence_columns(p)) fence.push_back(param(c));
    j["fence"] = std::move(fence);
    queue_table(p, j);
    const std::string live = liveness_column(p);
    j["can_rescue"] = !live.empty();
    if (live.empty()) {
      j["liveness"] = false;
    } else {
      json lj = param(live);
      lj["column"] = live;
      lj["lease_end"] = live == p.column(model::job_column::locked_until);
      j["liveness"] = std::move(lj);
    }
    j["status_member"] = members_.at(p.status_column);
    j["status_enum"] = status_enum;
    j["pending"] = state_member(model::job_state::pending);
    j["running"] = state_member(model::job_state::running);
    j["cancelled"] = state_member(model::job_state::cancelled);
    for (const char* role : model::job_column_roles) {
      const std::string c = p.column(role);
      if (c.empty()) {
        j[role] = false;
        continue;
      }
      const model::Column* col = t_.find_column(c);
      json rj = param(c);
      rj["nullable"] = col->nullable;
      rj["type"] = types_.at(c).name;
      j[role] = std::move(rj);
    }
    return j;
  }

  const model::Table& t_;
  model::Diagnostics& diags_;
  std::string row_;
  std::map<std::string, std::string> members_;
  std::map<std::string, CppType> types_;
  std::vector<Finder> finders_;
  json sql_fields_ = json::array();
};

}  // namespace

nlohmann::json cpp_table_view(const model::Table& t, model::Diagnostics& diags) { return TableView(t, diags).build(); }

}  // namespace sf::render
