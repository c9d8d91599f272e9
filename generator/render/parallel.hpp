#pragma once
// Runs independent pieces of work on a few threads. generate renders each
// dialect's SQL, the docs and the C++ repositories this way: they share only
// the (read-only) model, and none takes more than half of the time.
#include <functional>
#include <vector>

namespace sf::render {

// Runs every task once, on up to `threads` threads (1 = here, in order),
// taking them in order. Rethrows the exception of the first task, in order,
// that threw, after all have stopped. Tasks must not touch each other's data.
void run_in_parallel(const std::vector<std::function<void()>>& tasks, unsigned threads);

// std::thread::hardware_concurrency(), or 1 where it is unknown.
[[nodiscard]] unsigned available_threads();

}  // namespace sf::render
