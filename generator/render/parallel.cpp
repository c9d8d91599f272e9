#include "generator/render/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <system_error>
#include <thread>

namespace sf::render {

void run_in_parallel(const std::vector<std::function<void()>>& tasks, unsigned threads) {
  std::vector<std::exception_ptr> errors(tasks.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < tasks.size();) {
      try {
        tasks[i]();
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const std::size_t n = std::min<std::size_t>(std::max(threads, 1U), tasks.size());
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < n; ++i) {  // and this thread
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: fewer do the same work
    }
  }
  work();
  for (auto& t : pool) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

unsigned available_threads() { return std::max(std::thread::hardware_concurrency(), 1U); }

}  // namespace sf::render
