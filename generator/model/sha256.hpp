#pragma once
// SHA-256 as lowercase hex: content hashes of the model and of migration files.
#include <string>
#include <string_view>

namespace sf::model {

[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace sf::model
