#pragma once
// Runs the schemaforge binary the way users and CI do, from the repository root.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runtime/db/dsn.hpp"
#include "tests/support/spec_fixtures.hpp"

extern char** environ;

namespace sf::test {

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs schemaforge in `dir` with `env` ("NAME=value …", or "-u NAME" to unset,
// as env(1) takes them) before it; stdout and stderr together.
inline CliRun run_cli_in(const std::filesystem::path& dir, const std::string& env, const std::string& args) {
  std::string cmd = "cd " + shell_quote(dir.string()) + " && env " + env + " " + shell_quote(SCHEMAFORGE_BIN) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  CliRun r;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) r.output.append(buf.data(), n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline CliRun run_cli(const std::string& args) { return run_cli_in(source_dir(), "", args); }

// Starts `binary` without waiting (for concurrency, signal and kill tests),
// its stdout and stderr going to `output` (a file path, or /dev/null).
inline pid_t spawn_program(const std::string& binary, const std::vector<std::string>& args, const std::string& output = "/dev/null") {
  std::vector<std::string> argv_s = {binary};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

inline pid_t spawn_cli(const std::vector<std::string>& args) { return spawn_program(SCHEMAFORGE_BIN, args); }

// The exit code once `pid` has ended (-1 if by a signal), or nullopt while it runs.
inline std::optional<int> exited(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) != pid) return std::nullopt;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A DSN string with the password, for passing to the CLI.
inline std::string dsn_string(const db::Dsn& d) {
  if (d.engine == db::Engine::sqlite) return "sqlite:" + d.database;
  return std::string(d.engine == db::Engine::postgres ? "postgresql" : "mysql") + "://" + d.user + ":" + d.password + "@" +
         d.host + ":" + std::to_string(d.port) + "/" + d.database;
}

}  // namespace sf::test
