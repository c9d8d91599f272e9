#pragma once
// glibc malloc tuning for schemaforge's allocation pattern: rendering builds
// and frees millions of small nodes (JSON views, template data), and with
// fastbins on, every later large allocation re-consolidates them — a third
// of generate's time on 1,000 tables. Without fastbins, tcache still serves
// small sizes. Called first thing in main() of the CLI and the benchmarks.
#include <malloc.h>

namespace sf::cli {

inline void tune_malloc() {
#ifdef M_MXFAST
  mallopt(M_MXFAST, 0);
#endif
}

}  // namespace sf::cli
