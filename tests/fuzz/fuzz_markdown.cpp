// libFuzzer target: arbitrary bytes through the markdown spec reader, then
// validation. Any crash, leak or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "generator/cli/spec_pipeline.hpp"
#include "generator/ingest/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto result = sf::ingest::load_text("fuzz.md", std::move(text));
  (void)result;
  return 0;
}
