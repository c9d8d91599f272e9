#include "runtime/worker/pq_migration_handler.hpp"

#include "generated/cpp/key_wrapper_layers.hpp"
#include "generated/cpp/key_wrappers.hpp"

namespace sf::worker {
namespace {

using namespace sf::gen;

struct Selection {
  std::optional<std::int64_t> policy_id;
  std::vector<std::int64_t> ids;
};

Selection parse_selection(const std::optional<db::Json>& s) {
  if (!s || !s->is_object()) throw std::invalid_argument("selection must be a JSON object: {\"policy_id\": n} or {\"ids\": [n, …]}");
  Selection out;
  if (auto p = s->find("policy_id"); p != s->end()) {
    if (!p->is_number_integer()) throw std::invalid_argument("selection.policy_id must be an integer");
    out.policy_id = p->get<std::int64_t>();
  }
  if (auto ids = s->find("ids"); ids != s->end()) {
    if (!ids->is_array()) throw std::invalid_argument("selection.ids must be an array of integers");
    for (const auto& id : *ids) {
      if (!id.is_number_integer()) throw std::invalid_argument("selection.ids must be an array of integers");
      out.ids.push_back(id.get<std::int64_t>());
    }
  }
  if (out.policy_id.has_value() == !out.ids.empty())
    throw std::invalid_argument("selection names either policy_id or ids (exactly one)");
  return out;
}

// The next wrappers the selection names that are not at the target yet.
std::vector<KeyWrapper> next_batch(KeyWrapperRepository& wrappers, const Selection& sel, std::int64_t target, std::int64_t size) {
  std::vector<KeyWrapper> out;
  if (sel.policy_id) {
    if (*sel.policy_id == target) return out;
    return wrappers.find_by_policy_id(*sel.policy_id, {.limit = size});
  }
  for (auto id : sel.ids) {
    if (static_cast<std::int64_t>(out.size()) >= size) break;
    if (auto w = wrappers.find(id); w && w->policy_id != target) out.push_back(*w);
  }
  return out;
}

}  // namespace

jobs::Handler<PqMigrationJob> pq_migration_handler(std::int64_t batch_size) {
  return [batch_size](const PqMigrationJob& claimed, jobs::JobContext& ctx) -> std::optional<db::Json> {
    if (claimed.scope != PqMigrationJobScope::wrappers)
      throw std::invalid_argument("scope '" + std::string(to_string(claimed.scope)) +
                                  "' names no table in this schema; only 'wrappers' (key_wrappers and their layers) can migrate");
    if (!claimed.target_policy_id) throw std::invalid_argument("target_policy_id is required for scope 'wrappers'");
    const Selection sel = parse_selection(claimed.selection);
    auto& c = ctx.connection();
    PqMigrationJob job = claimed;
    for (;;) {
      if (ctx.cancelled()) throw std::runtime_error("cancelled after " + std::to_string(job.processed_count) + " row(s)");
      db::Transaction tx(c);
      KeyWrapperRepository wrappers(c);
      KeyWrapperLayerRepository layers(c);
      auto batch = next_batch(wrappers, sel, *claimed.target_policy_id, batch_size);
      if (batch.empty()) break;
      for (auto& w : batch) {
        w.policy_id = *claimed.target_policy_id;
        wrappers.update(w);
        if (claimed.target_algo_id) {
          for (auto& layer : layers.find_by_key_wrapper_id(w.id, {.limit = 1000})) {
            layer.kem_algo_id = *claimed.target_algo_id;
            layers.update(layer);
          }
        }
      }
      job.processed_count += static_cast<std::int64_t>(batch.size());
      // The count and the rows commit together, or not at all if the claim was lost.
      if (!PqMigrationJobRepository(c).save(job)) throw jobs::ClaimLost("the claim was lost (cancelled or rescued); batch rolled back");
      tx.commit();
    }
    return std::nullopt;
  };
}

}  // namespace sf::worker
