#pragma once
// A local stand-in for a KMS, so the rewrap example does real cryptography:
// AES-256-GCM key wrapping (OpenSSL EVP) with key material from a key file.
//
// The key file is JSON, one entry per kms_keys.key_ref of provider 'local':
//   {"local/2026-11": "<64 hex digits: 32 bytes>", …}
// A wrapped value is IV (12 bytes) || ciphertext || tag (16 bytes); the AAD
// binds it to its context (the layer's aad JSON), so a ciphertext moved to
// another layer does not unwrap.
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime/db/value.hpp"

namespace sf::worker {

struct KmsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class LocalKms {
 public:
  // Reads the key file; throws KmsError naming the file and the entry that is wrong.
  static LocalKms load(const std::filesystem::path& key_file);
  // Adds a fresh random key for each ref not in the file yet and writes it
  // back (mode 0600, replaced atomically); for demonstrations and tests.
  static LocalKms load_or_create(const std::filesystem::path& key_file, const std::vector<std::string>& refs);

  [[nodiscard]] bool has(const std::string& key_ref) const { return keys_.count(key_ref) > 0; }
  [[nodiscard]] db::Bytes wrap(const std::string& key_ref, const db::Bytes& plaintext, const std::string& aad) const;
  // Throws KmsError when the key is unknown or the tag does not verify.
  [[nodiscard]] db::Bytes unwrap(const std::string& key_ref, const db::Bytes& wrapped, const std::string& aad) const;

 private:
  const std::vector<unsigned char>& key(const std::string& key_ref) const;
  std::map<std::string, std::vector<unsigned char>> keys_;
};

}  // namespace sf::worker
