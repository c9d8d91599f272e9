#pragma once
// Wall-clock timing and peak resident memory for the benchmarks, and the
// guard every benchmark's main runs in.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <exception>

namespace sf::bench {

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Peak resident set size of this process so far, in MiB (Linux reports KiB).
inline double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Runs a benchmark: what it cannot do (a server missing, a DSN not set)
// ends it with one line and exit code 2, never with an abort.
template <typename Body>
int guarded(const char* name, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", name, e.what());
    return 2;
  }
}

}  // namespace sf::bench
