#pragma once
// What a command handler receives: its arguments, where its reply goes, the
// client, the keyspace and the server state. Handlers run on the keyspace strand.

#include <span>
#include <string_view>

#include "core/command/client.h"
#include "core/command/server_context.h"
#include "core/command/spec.h"
#include "core/resp/reply.h"
#include "core/store/keyspace.h"

namespace ironkv::command {

class CommandTable;

class CommandContext {
 public:
  CommandContext(std::span<const std::string_view> argv, resp::ReplyBuilder& reply,
                 ClientState& client, store::Keyspace& keyspace, ServerContext& server,
                 const CommandTable& table, const CommandSpec& spec)
      : argv(argv), reply(reply), client(client), keyspace(keyspace), server(server),
        table(table), spec(spec) {}

  std::span<const std::string_view> argv;
  resp::ReplyBuilder& reply;
  ClientState& client;
  store::Keyspace& keyspace;
  ServerContext& server;
  const CommandTable& table;
  const CommandSpec& spec;

  store::Database& db() { return keyspace.db(client.db); }
  int64_t now_ms() const { return keyspace.now_ms(); }
  size_t argc() const { return argv.size(); }
  std::string_view arg(size_t i) const { return argv[i]; }

  // A successful write: counts towards "dirty" (and, later, feeds the AOF).
  void mark_dirty(uint64_t n = 1) { keyspace.dirty() += n; }
};

}  // namespace ironkv::command
