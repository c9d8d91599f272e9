#pragma once
// rewrap_jobs: re-wraps a key wrapper's layers under the job's target KMS
// keys (layer 1 -> target_kms1_key_id, layer 2 -> target_kms2_key_id), in one
// transaction: unwrap each layer's kem_ciphertext with the key it is under,
// wrap it with the target, point the layer at the target. A layer already
// under its target is skipped, so a job that ran before a crash resumes
// cleanly. Only provider 'local' keys are reachable (LocalKms); a target key
// that is not 'active' fails the job.
#include <memory>

#include "generated/cpp/rewrap_jobs.hpp"
#include "runtime/jobs/worker.hpp"
#include "runtime/worker/local_kms.hpp"

namespace sf::worker {

[[nodiscard]] jobs::Handler<gen::RewrapJob> rewrap_handler(std::shared_ptr<const LocalKms> kms);

}  // namespace sf::worker
