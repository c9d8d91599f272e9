#include "runtime/worker/rewrap_handler.hpp"

#include "generated/cpp/key_wrapper_layers.hpp"
#include "generated/cpp/key_wrappers.hpp"
#include "generated/cpp/kms_keys.hpp"

namespace sf::worker {
namespace {

using namespace sf::gen;

// The AAD a layer's key is wrapped with: its aad JSON, serialised canonically
// (nlohmann orders object keys), so the engine's JSON formatting never matters.
std::string aad_of(const KeyWrapperLayer& layer) { return layer.aad ? layer.aad->dump() : std::string{}; }

KmsKey local_key(KmsKeyRepository& keys, std::int64_t id, const char* role) {
  auto k = keys.find(id);
  if (!k) throw std::runtime_error(std::string(role) + " KMS key " + std::to_string(id) + " does not exist");
  if (k->provider != KmsKeyProvider::local)
    throw std::runtime_error(std::string(role) + " KMS key " + std::to_string(id) + " is a '" + std::string(to_string(k->provider)) +
                             "' key; this worker reaches only 'local' keys");
  return *k;
}

}  // namespace

jobs::Handler<RewrapJob> rewrap_handler(std::shared_ptr<const LocalKms> kms) {
  return [kms](const RewrapJob& job, jobs::JobContext& ctx) -> std::optional<db::Json> {
    // The new ciphertexts and the job's completion commit together. The KMS
    // is local and keeps no state, so a rerun after a deadlock is harmless.
    ctx.complete_in_transaction([&](db::Connection& c) -> std::optional<db::Json> {
      KeyWrapperLayerRepository layers(c);
      KmsKeyRepository keys(c);
      int rewrapped = 0, skipped = 0;
      for (auto& layer : layers.find_by_key_wrapper_id(job.key_wrapper_id, {.limit = 1000})) {
        const std::optional<std::int64_t> target = layer.layer_no == 1 ? job.target_kms1_key_id
                                                   : layer.layer_no == 2 ? job.target_kms2_key_id
                                                                         : std::nullopt;
        if (!target || layer.kms_key_id == target) {
          ++skipped;
          continue;
        }
        if (!layer.kms_key_id)
          throw std::runtime_error("key_wrapper_layers " + std::to_string(layer.id) + " is not wrapped by a KMS key");
        const KmsKey from = local_key(keys, *layer.kms_key_id, "current");
        const KmsKey to = local_key(keys, *target, "target");
        if (to.state != KmsKeyState::active)
          throw std::runtime_error("target KMS key " + to.key_ref + " is " + std::string(to_string(to.state)) + ", not active");
        const std::string aad = aad_of(layer);
        layer.kem_ciphertext = kms->wrap(to.key_ref, kms->unwrap(from.key_ref, layer.kem_ciphertext, aad), aad);
        layer.kms_key_id = to.id;
        if (!layers.update(layer)) throw std::runtime_error("key_wrapper_layers " + std::to_string(layer.id) + " vanished");
        ++rewrapped;
      }
      if (rewrapped > 0) {
        KeyWrapperRepository wrappers(c);
        auto w = wrappers.find(job.key_wrapper_id);
        if (!w) throw std::runtime_error("key wrapper " + std::to_string(job.key_wrapper_id) + " does not exist");
        w->rotated_at = ctx.now();
        w->version += 1;
        wrappers.update(*w);
      }
      return db::Json{{"rewrapped", rewrapped}, {"skipped", skipped}};
    });
    return std::nullopt;
  };
}

}  // namespace sf::worker
