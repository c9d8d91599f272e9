#include "runtime/worker/local_kms.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sf::worker {
namespace {

constexpr std::size_t iv_bytes = 12, tag_bytes = 16, key_bytes = 32;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx new_ctx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) throw KmsError("OpenSSL: out of memory");
  return ctx;
}

void check(int ok, const char* what) {
  if (ok != 1) throw KmsError(std::string("OpenSSL: ") + what + " failed");
}

std::string to_hex(const std::vector<unsigned char>& b) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : b) {
    out += hex[c >> 4];
    out += hex[c & 0xF];
  }
  return out;
}

std::vector<unsigned char> from_hex(const std::string& s, const std::string& where) {
  auto nibble = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw KmsError(where + ": not a hex digit '" + std::string(1, c) + "'");
  };
  if (s.size() != key_bytes * 2) throw KmsError(where + ": a key is 64 hex digits (32 bytes), got " + std::to_string(s.size()));
  std::vector<unsigned char> out(key_bytes);
  for (std::size_t i = 0; i < key_bytes; ++i) out[i] = static_cast<unsigned char>(nibble(s[2 * i]) * 16 + nibble(s[2 * i + 1]));
  return out;
}

int length(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max() / 2)) throw KmsError("value too large to wrap");
  return static_cast<int>(n);
}

}  // namespace

LocalKms LocalKms::load(const std::filesystem::path& key_file) {
  std::ifstream in(key_file);
  if (!in) throw KmsError("cannot read the local KMS key file " + key_file.string());
  std::stringstream text;
  text << in.rdbuf();
  auto j = nlohmann::json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw KmsError(key_file.string() + ": not a JSON object of key_ref -> 64 hex digits");
  LocalKms kms;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_string()) throw KmsError(key_file.string() + ": key '" + it.key() + "' is not a string");
    kms.keys_[it.key()] = from_hex(it.value().get<std::string>(), key_file.string() + ": key '" + it.key() + "'");
  }
  return kms;
}

LocalKms LocalKms::load_or_create(const std::filesystem::path& key_file, const std::vector<std::string>& refs) {
  LocalKms kms = std::filesystem::exists(key_file) ? load(key_file) : LocalKms{};
  bool added = false;
  for (const auto& ref : refs) {
    if (kms.has(ref)) continue;
    std::vector<unsigned char> k(key_bytes);
    check(RAND_bytes(k.data(), static_cast<int>(k.size())), "RAND_bytes");
    kms.keys_[ref] = std::move(k);
    added = true;
  }
  if (added) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [ref, k] : kms.keys_) j[ref] = to_hex(k);
    const auto tmp = key_file.string() + ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      out << j.dump(2) << "\n";
      if (!out) throw KmsError("cannot write " + tmp);
    }
    ::chmod(tmp.c_str(), 0600);
    std::filesystem::rename(tmp, key_file);
  }
  return kms;
}

const std::vector<unsigned char>& LocalKms::key(const std::string& key_ref) const {
  auto it = keys_.find(key_ref);
  if (it == keys_.end()) throw KmsError("local KMS has no key '" + key_ref + "' (add it to the key file)");
  return it->second;
}

db::Bytes LocalKms::wrap(const std::string& key_ref, const db::Bytes& plaintext, const std::string& aad) const {
  const auto& k = key(key_ref);
  unsigned char iv[iv_bytes];
  check(RAND_bytes(iv, static_cast<int>(iv_bytes)), "RAND_bytes");
  auto ctx = new_ctx();
  check(EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, k.data(), iv), "EncryptInit");
  int n = 0;
  if (!aad.empty())
    check(EVP_EncryptUpdate(ctx.get(), nullptr, &n, reinterpret_cast<const unsigned char*>(aad.data()), length(aad.size())), "AAD");
  db::Bytes out(iv_bytes + plaintext.size() + tag_bytes);
  std::memcpy(out.data(), iv, iv_bytes);
  auto* body = reinterpret_cast<unsigned char*>(out.data() + iv_bytes);
  check(EVP_EncryptUpdate(ctx.get(), body, &n, reinterpret_cast<const unsigned char*>(plaintext.data()), length(plaintext.size())),
        "EncryptUpdate");
  int tail = 0;
  check(EVP_EncryptFinal_ex(ctx.get(), body + n, &tail), "EncryptFinal");
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_bytes), body + plaintext.size()), "GET_TAG");
  return out;
}

db::Bytes LocalKms::unwrap(const std::string& key_ref, const db::Bytes& wrapped, const std::string& aad) const {
  const auto& k = key(key_ref);
  if (wrapped.size() < iv_bytes + tag_bytes) throw KmsError("wrapped key is " + std::to_string(wrapped.size()) + " bytes: too short");
  const std::size_t body_size = wrapped.size() - iv_bytes - tag_bytes;
  const auto* iv = reinterpret_cast<const unsigned char*>(wrapped.data());
  const auto* body = iv + iv_bytes;
  auto ctx = new_ctx();
  check(EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, k.data(), iv), "DecryptInit");
  int n = 0;
  if (!aad.empty())
    check(EVP_DecryptUpdate(ctx.get(), nullptr, &n, reinterpret_cast<const unsigned char*>(aad.data()), length(aad.size())), "AAD");
  db::Bytes out(body_size);
  check(EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n, body, length(body_size)), "DecryptUpdate");
  std::vector<unsigned char> tag(body + body_size, body + body_size + tag_bytes);
  check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_bytes), tag.data()), "SET_TAG");
  int tail = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + n, &tail) != 1)
    throw KmsError("unwrap with key '" + key_ref + "' failed: wrong key, wrong AAD or a damaged ciphertext");
  return out;
}

}  // namespace sf::worker
