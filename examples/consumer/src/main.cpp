// deliveries-worker: the example's own worker. It enqueues deliveries, then
// sends each one: the handler bumps the mailbox's sent_count and completes
// the delivery in one transaction, so a count is never bumped twice for one
// delivery, even when the worker dies between the two.
//
//   deliveries-worker <dsn> [--enqueue N]      (or the DSN in $SCHEMAFORGE_DSN)
//
// Exits 0 when every delivery is delivered and the counts add up.
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

#include "email_deliveries.hpp"
#include "mailboxes.hpp"
#include "runtime/jobs/worker.hpp"

namespace {

int run(const std::string& dsn_text, int enqueue) {
  const sf::db::Dsn dsn = sf::db::Dsn::parse(dsn_text);
  auto conn = sf::db::connect(dsn);
  sf::gen::MailboxRepository mailboxes(*conn);
  sf::gen::EmailDeliveryRepository deliveries(*conn);

  if (enqueue > 0) {
    const auto mailbox = mailboxes.insert({.address = "ada@example.org", .display_name = "Ada"});
    for (int i = 0; i < enqueue; ++i)
      deliveries.enqueue({.mailbox_id = mailbox, .subject = "Welcome, part " + std::to_string(i + 1)});
  }

  sf::jobs::Worker worker(dsn, {.concurrency = 2, .batch = 10});
  worker.handle<sf::gen::EmailDeliveryRepository>(
      [](const sf::gen::EmailDelivery& delivery, sf::jobs::JobContext& ctx) -> std::optional<sf::db::Json> {
        ctx.complete_in_transaction([&](sf::db::Connection& c) {
          // One atomic UPDATE, not find() + update(): two workers sending to
          // the same mailbox at once would otherwise each write count + 1.
          const char* bump = c.engine() == sf::db::Engine::postgres
                                 ? "UPDATE mailboxes SET sent_count = sent_count + 1 WHERE id = $1"
                                 : "UPDATE mailboxes SET sent_count = sent_count + 1 WHERE id = ?";
          if (c.query(bump, {sf::db::Value(delivery.mailbox_id)}).affected_rows != 1)
            throw std::runtime_error("mailbox " + std::to_string(delivery.mailbox_id) + " is gone");
        });
        return std::nullopt;
      });
  worker.run_until_idle();

  const auto stats = worker.stats();
  const auto left = deliveries.count();
  std::int64_t sent = 0;
  for (const auto& box : mailboxes.list({})) sent += box.sent_count;
  std::cout << "processed " << stats.processed << ", failed " << stats.failed << ", deliveries " << left
            << ", sent_count total " << sent << "\n";
  return stats.failed == 0 && sent == left ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dsn = std::getenv("SCHEMAFORGE_DSN") ? std::getenv("SCHEMAFORGE_DSN") : "";
  int enqueue = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--enqueue" && i + 1 < argc) enqueue = std::atoi(argv[++i]);
    else dsn = arg;
  }
  if (dsn.empty()) {
    std::cerr << "usage: deliveries-worker <dsn> [--enqueue N]   (or set SCHEMAFORGE_DSN)\n";
    return 2;
  }
  try {
    return run(dsn, enqueue);
  } catch (const std::exception& e) {
    std::cerr << "deliveries-worker: " << e.what() << "\n";  // errors name the DSN redacted
    return 1;
  }
}
