#pragma once
// What a command handler receives: its arguments, where its reply goes, the
// client, the keyspace and the server state. Handlers run on the keyspace strand.

#include <span>
#include <string_view>

#include "core/command/args.h"
#include "core/command/spec.h"
#include "core/resp/errors.h"
#include "core/resp/reply.h"
#include "core/server/client.h"
#include "core/server/keyspace_events.h"
#include "core/server/server_context.h"
#include "core/store/keyspace.h"

namespace ironkv::command {

class CommandTable;
class Dispatcher;

class CommandContext {
 public:
  CommandContext(std::span<const std::string_view> argv, resp::ReplyBuilder& reply,
                 server::ClientState& client, store::Keyspace& keyspace,
                 server::ServerContext& server, const CommandTable& table, const CommandSpec& spec)
      : argv(argv),
        reply(reply),
        client(client),
        keyspace(keyspace),
        server(server),
        table(table),
        spec(spec) {}

  std::span<const std::string_view> argv;
  resp::ReplyBuilder& reply;
  server::ClientState& client;
  store::Keyspace& keyspace;
  server::ServerContext& server;
  const CommandTable& table;
  const CommandSpec& spec;

  store::Database& db() { return keyspace.db(client.db); }
  int64_t now_ms() const { return keyspace.now_ms(); }
  size_t argc() const { return argv.size(); }
  std::string_view arg(size_t i) const { return argv[i]; }

  // The argument cursor over argv from `start` (1 = after the command name).
  ArgCursor args(size_t start = 1) const { return ArgCursor(argv, start); }

  // Replies an error: a status in Redis's words, or the cursor's first error.
  void error(OpStatus st) { reply.error(resp::status_message(st, spec.name)); }
  void error(const ArgCursor& a) {
    if (a.status() == OpStatus::kCustom) {
      reply.error(a.text());
    } else {
      error(a.status());
    }
  }

  // A successful write: counts towards "dirty", and makes the dispatcher log the
  // command to the AOF (as sent, unless the handler called log_as()).
  void mark_dirty(uint64_t n = 1) { keyspace.dirty() += n; }

  // Logs `argv` to the AOF instead of the command as sent, for commands whose
  // argv would not replay to the same result: relative expiries (→ PEXPIREAT,
  // SET … PXAT), random or float results (SPOP → SREM, INCRBYFLOAT → SET), pops
  // served to a blocked client (→ LPOP …). May be called more than once; each
  // call logs one command. A no-op without an AOF.
  void log_as(server::OwnedArgv argv) {
    if (log_rewrites != nullptr) log_rewrites->push_back(std::move(argv));
  }
  bool logging() const { return log_rewrites != nullptr; }
  // Set by the dispatcher when an AOF is on.
  std::vector<server::OwnedArgv>* log_rewrites = nullptr;
  // Keyspace notification for a change this command made (`type` is an
  // events:: class, `event` Redis's event name). One branch when
  // notify-keyspace-events is off. `db` defaults to the client's.
  void notify(uint32_t type, std::string_view event, std::string_view key, int db = -1) {
    uint32_t flags = server.config.notify_keyspace_events;
    if (flags & type) {
      server.pubsub.notify_keyspace_event(flags, event, key, db < 0 ? client.db : db);
    }
  }

  // A command that added elements to `key` (LPUSH, ZADD, LMOVE's destination …)
  // lets clients blocked on it be served after this command.
  void signal_key_ready(std::string_view key) { server.blocking.signal_key_ready(client.db, key); }

  // Blocks the client instead of replying (BLPOP & co). Only when the client is
  // able to block: not inside MULTI/EXEC and with a connection (see can_block()).
  void block(server::BlockRequest req) {
    client.block.deadline_ms = req.deadline_ms;
    server.blocking.block(handle, client.db, &spec, std::move(req));
  }
  // False inside MULTI/EXEC or for an in-process client without a connection:
  // blocking commands then behave as their non-blocking forms (timeout reply).
  bool can_block() const { return handle != nullptr && !client.tx.in_exec; }

  // The client's connection, when it has one (set by the dispatcher).
  server::ClientHandle* handle = nullptr;
  // The dispatcher running this command (EXEC runs the queued commands through it).
  Dispatcher* dispatcher = nullptr;
};

}  // namespace ironkv::command
