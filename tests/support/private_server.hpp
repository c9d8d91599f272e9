#pragma once
// A PostgreSQL or MariaDB server of a test's own, for faults that would hurt
// every other test on the shared servers: restarts and crashes. Started by
// scripts/test-servers.sh under a temporary SCHEMAFORGE_SERVERS_DIR and its
// own port, with durable settings (a crash keeps every commit), stopped and
// deleted with the object. Under CI=true a server that
// will not start fails the test; elsewhere it is skipped with a warning.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/db/connection.hpp"
#include "runtime/db/dsn.hpp"

namespace sf::test {

class PrivateServer {
 public:
  explicit PrivateServer(db::Engine e) : engine_(e) {
    char dir[] = "/tmp/sf_private_XXXXXX";
    if (!::mkdtemp(dir)) return;
    dir_ = dir;
    ::chmod(dir, 0755);  // the server runs as postgres / mysql when we are root
    port_ = free_port();  // ctest runs tests side by side: each server its own port
    const std::string out = script("start " + name());
    const std::string var = e == db::Engine::postgres ? "SCHEMAFORGE_TEST_PG_DSN=" : "SCHEMAFORGE_TEST_MYSQL_DSN=";
    const auto at = out.find(var);
    if (at == std::string::npos) {
      const char* ci = std::getenv("CI");
      if (ci && std::string(ci) == "true") FAIL("a private " + name() + " server did not start: " + out);
      WARN("a private " + name() + " server did not start: test skipped. " + out);
      return;
    }
    const auto begin = at + var.size();
    dsn_ = db::Dsn::parse(out.substr(begin, out.find_first_of(" \n", begin) - begin));
    ok_ = true;
  }
  ~PrivateServer() {
    if (dir_.empty()) return;
    script("stop");
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  PrivateServer(const PrivateServer&) = delete;
  PrivateServer& operator=(const PrivateServer&) = delete;

  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] const db::Dsn& dsn() const { return dsn_; }
  // Makes the server refuse writes, or take them again: PostgreSQL's
  // default_transaction_read_only (every session, at its next transaction),
  // MariaDB's read_only (every user but those with READ_ONLY ADMIN).
  void set_read_only(bool on) {
    auto c = db::connect(dsn_);
    if (engine_ == db::Engine::postgres) {
      c->execute(std::string("ALTER SYSTEM SET default_transaction_read_only = ") + (on ? "on" : "off"));
      c->execute("SELECT pg_reload_conf()");
    } else {
      c->execute(std::string("SET GLOBAL read_only = ") + (on ? "1" : "0"));
    }
  }
  // A DSN for an application's user, whom read_only binds: on MariaDB a user
  // with every privilege on the database only (the server's own user has
  // them all, READ_ONLY ADMIN included); on PostgreSQL the same user.
  [[nodiscard]] db::Dsn app_dsn() {
    if (engine_ == db::Engine::postgres) return dsn_;
    db::Dsn app = dsn_;
    app.user = "app";
    auto c = db::connect(dsn_);
    c->execute("CREATE USER IF NOT EXISTS 'app'@'127.0.0.1' IDENTIFIED BY '" + dsn_.password + "'");
    c->execute("GRANT ALL PRIVILEGES ON " + dsn_.database + ".* TO 'app'@'127.0.0.1'");
    return app;
  }
  // Stops the server (`fast`: a clean shutdown; `immediate`: a crash), keeps
  // it down `down_seconds`, starts it again and waits until it answers.
  void restart(const std::string& mode, double down_seconds) {
    script("restart " + name() + " " + mode + " " + std::to_string(down_seconds));
  }

 private:
  [[nodiscard]] std::string name() const { return engine_ == db::Engine::postgres ? "postgres" : "mariadb"; }
  std::string script(const std::string& args) const {
    const std::string port = std::to_string(port_);
    const std::string cmd = "SCHEMAFORGE_SERVERS_DURABLE=1 SCHEMAFORGE_SERVERS_DIR=" + dir_ + " SCHEMAFORGE_PG_PORT=" + port +
                            " SCHEMAFORGE_MYSQL_PORT=" + port + " bash " + std::string(SF_SOURCE_DIR) + "/scripts/test-servers.sh " +
                            args + " 2>&1";
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
      char buf[512];
      while (std::fgets(buf, sizeof buf, p)) out += buf;
      ::pclose(p);
    }
    return out;
  }

  // A port nobody listens on now (the kernel's pick for a socket bound to 0).
  static int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    int port = 0;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
      port = ntohs(addr.sin_port);
    if (fd >= 0) ::close(fd);
    return port;
  }

  db::Engine engine_;
  std::string dir_;
  int port_ = 0;
  db::Dsn dsn_;
  bool ok_ = false;
};

}  // namespace sf::test
