#pragma once
// A Worker in a process of its own, for the tests that kill, freeze or
// signal one (SIGKILL, SIGSTOP, SIGTERM): forked, it never returns into
// Catch nor runs the parent's destructors, and SIGTERM stops it cleanly.
#include <csignal>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/jobs/worker.hpp"

namespace sf::test {

namespace detail {
inline jobs::Worker*& forked_worker() {
  static jobs::Worker* w = nullptr;
  return w;
}
extern "C" inline void stop_forked_worker(int) {
  if (forked_worker()) forked_worker()->stop();
}
}  // namespace detail

// Forks; the child makes a Worker on `dsn` with `options`, lets `serve(w)`
// give it its handlers, and runs it (until idle, or until SIGTERM); it exits
// 0, or 1 after printing what went wrong.
template <class Serve>
pid_t fork_worker(const db::Dsn& dsn, const jobs::WorkerOptions& options, Serve serve, bool until_idle = false) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  int rc = 0;
  try {
    jobs::Worker w(dsn, options);
    serve(w);
    detail::forked_worker() = &w;
    std::signal(SIGTERM, detail::stop_forked_worker);
    if (until_idle) w.run_until_idle();
    else w.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "worker process: %s\n", e.what());
    rc = 1;
  }
  ::_exit(rc);
}

// How `pid` ended: its exit code, or 128 + the signal that ended it.
inline int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace sf::test
