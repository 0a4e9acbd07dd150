// Transactions: MULTI EXEC DISCARD WATCH UNWATCH.
//
// Queueing happens in the dispatcher (a command arriving in MULTI is checked
// centrally, then queued). EXEC runs the queue through the dispatcher inside
// this one handler, so it is one step on the keyspace strand: no other
// client's command can run in between, and blocked clients are served only
// after the whole transaction.

#include <string>
#include <string_view>
#include <vector>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/commands/families.h"

namespace ironkv::commands {

using command::CommandContext;
using command::CommandSpec;

namespace {

void discard_transaction(CommandContext& c) {
  c.client.tx.in_multi = false;
  c.client.tx.error = false;
  c.client.tx.queue.clear();
  c.server.watches.unwatch_all(c.client);
}

// MULTI → +OK
void cmd_multi(CommandContext& c) {
  if (c.client.tx.in_multi) {
    c.reply.error("ERR MULTI calls can not be nested");
    return;
  }
  c.client.tx.in_multi = true;
  c.reply.ok();
}

// DISCARD → +OK
void cmd_discard(CommandContext& c) {
  if (!c.client.tx.in_multi) {
    c.reply.error("ERR DISCARD without MULTI");
    return;
  }
  discard_transaction(c);
  c.reply.ok();
}

// EXEC → array of the queued commands' replies | *-1 (a watched key changed)
//      | -EXECABORT (a command was rejected while queueing)
void cmd_exec(CommandContext& c) {
  if (!c.client.tx.in_multi) {
    c.reply.error("ERR EXEC without MULTI");
    return;
  }
  if (c.client.tx.error) {
    discard_transaction(c);
    c.reply.error("EXECABORT Transaction discarded because of previous errors.");
    return;
  }
  if (c.client.tx.watch_invalid ||
      server::WatchRegistry::watched_key_expired(c.client, c.keyspace)) {
    discard_transaction(c);
    c.reply.null_array();
    return;
  }
  std::vector<std::vector<std::string>> queue = std::move(c.client.tx.queue);
  c.client.tx.queue.clear();
  c.client.tx.in_multi = false;
  // Keys the transaction itself changes must not count against a later WATCH.
  c.server.watches.unwatch_all(c.client);
  c.client.tx.in_exec = true;
  c.reply.array(queue.size());
  std::vector<std::string_view> argv;
  for (const auto& cmd : queue) {
    argv.assign(cmd.begin(), cmd.end());
    c.dispatcher->execute(c.client, argv, c.reply);
  }
  c.client.tx.in_exec = false;
}

// WATCH key [key ...] → +OK
void cmd_watch(CommandContext& c) {
  if (c.client.tx.in_multi) {
    c.reply.error("ERR WATCH inside MULTI is not allowed");
    return;
  }
  int64_t now = c.now_ms();
  for (size_t i = 1; i < c.argc(); ++i) {
    bool expired = c.db().is_expired(c.arg(i), now);
    c.server.watches.watch(c.client, c.client.db, c.arg(i), expired);
  }
  c.reply.ok();
}

// UNWATCH → +OK
void cmd_unwatch(CommandContext& c) {
  c.server.watches.unwatch_all(c.client);
  c.reply.ok();
}

using namespace command;

// clang-format off
const CommandSpec kSpecs[] = {
    {"multi", 1, kMultiControl | kNoscript | kLoading | kStale | kFast | kAllowBusy, acl::kTransaction, {}, cmd_multi, Group::kTransactions, "Start a transaction block", "1.2.0", "O(1)"},
    {"exec", 1, kMultiControl | kNoscript | kLoading | kStale | kSkipSlowlog, acl::kTransaction, {}, cmd_exec, Group::kTransactions, "Execute all commands issued after MULTI", "1.2.0", "Depends on commands in the transaction"},
    {"discard", 1, kMultiControl | kNoscript | kLoading | kStale | kFast | kAllowBusy, acl::kTransaction, {}, cmd_discard, Group::kTransactions, "Discard all commands issued after MULTI", "2.0.0", "O(N), when N is the number of queued commands"},
    {"watch", -2, kMultiControl | kNoscript | kLoading | kStale | kFast | kAllowBusy, acl::kTransaction, {ks::spec(ks::kRO, ks::index(1), ks::range(-1, 1, 0))}, cmd_watch, Group::kTransactions, "Watch the given keys to determine execution of the MULTI/EXEC block", "2.2.0", "O(1) for every key."},
    {"unwatch", 1, kNoscript | kLoading | kStale | kFast | kAllowBusy, acl::kTransaction, {}, cmd_unwatch, Group::kTransactions, "Forget about all watched keys", "2.2.0", "O(1)"},
};
// clang-format on

}  // namespace

void register_tx_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
