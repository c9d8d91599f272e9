#include "generator/render/queue_mapping.hpp"

#include <algorithm>

namespace sf::render {

std::vector<std::string> fence_columns(const model::JobProfile& p) {
  std::vector<std::string> out;
  for (const char* role : {model::job_column::attempts, model::job_column::started_at, model::job_column::locked_by})
    if (auto c = p.column(role); !c.empty()) out.push_back(c);
  return out;
}

std::string liveness_column(const model::JobProfile& p) {
  for (const char* role : {model::job_column::locked_until, model::job_column::updated_at, model::job_column::started_at})
    if (auto c = p.column(role); !c.empty()) return c;
  return {};
}

std::string notify_channel(const model::Table& t) {
  const std::string channel = "sf_" + t.name;
  return channel.size() <= 63 ? channel : t.name;  // channels are identifiers: 63 bytes where they exist
}

std::vector<std::string> handler_columns(const model::Table& t) {
  std::vector<std::string> out;
  if (!t.job || !t.primary_key) return out;
  const model::JobProfile& p = *t.job;
  for (const auto& c : t.columns) {
    if (c.name == t.primary_key->columns.front() || c.name == p.status_column || !c.on_update.empty() || c.generated) continue;
    if (std::any_of(p.columns.begin(), p.columns.end(), [&](const auto& role) { return role.second == c.name; })) continue;
    out.push_back(c.name);
  }
  return out;
}

}  // namespace sf::render
