// libFuzzer target: arbitrary bytes as generated/schema.json. The reader must
// reject bad input with an exception naming the member, never crash.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "generator/model/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto schema = sf::model::schema_from_json_text(text);
    // What was accepted must serialise and read back to the same model.
    auto again = sf::model::schema_from_json_text(sf::model::to_json_text(schema));
    if (!(again == schema)) __builtin_trap();
  } catch (const std::exception&) {
  }
  return 0;
}
