#pragma once
// Looks a command up, applies the central checks (unknown command, arity,
// subcommand, authentication) and runs its handler. Runs on the keyspace strand.

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/command/table.h"
#include "core/resp/command_batch.h"
#include "core/resp/reply.h"
#include "core/server/client.h"
#include "core/server/server_context.h"
#include "core/store/keyspace.h"

namespace ironkv::command {

class Dispatcher {
 public:
  // Registers the server's observer (WATCH, expiry notifications) with the keyspace.
  Dispatcher(const CommandTable& table, store::Keyspace& keyspace, server::ServerContext& server)
      : table_(&table), keyspace_(&keyspace), server_(&server) {
    keyspace.set_observer(&server.observer);
    server.watches.attach(keyspace);
  }

  void execute(server::ClientState& client, std::span<const std::string_view> argv,
               resp::ReplyBuilder& reply);

  // Runs the batch's commands from `start` in order, replies appended to `out`.
  // Stops after a command that closes the client (QUIT) or blocks it (BLPOP with
  // no data); returns the index of the first command not run.
  size_t execute_batch(server::ClientState& client, const resp::CommandBatch& batch,
                       std::string& out, size_t start = 0);

  // CLIENT UNPAUSE: ends the pause and lets postponed clients run their
  // command again, in the order they were postponed.
  void end_pause();

  // A script's writes, captured while it runs instead of logged one by one
  // (database, command as logged).
  using Effects = std::vector<std::pair<int, server::OwnedArgv>>;
  // Sends what log_command would log to `sink` (null: back to the log); gives
  // the previous sink.
  Effects* capture_effects(Effects* sink) {
    Effects* old = capture_;
    capture_ = sink;
    return old;
  }
  // Logs a script's effects as one unit: inside EXEC as part of it, otherwise
  // wrapped in MULTI/EXEC when there is more than one (Redis 7.0).
  void log_effects(server::ClientState& caller, const Effects& effects);

  const CommandTable& table() const { return *table_; }
  store::Keyspace& keyspace() { return *keyspace_; }
  server::ServerContext& server() { return *server_; }

  // Serves clients blocked on keys that commands (or the expiry cron) made ready.
  void serve_blocked();

 private:
  // Blocks the client until the pause ends (CLIENT PAUSE); see pause.h.
  void postpone(server::ClientState& client);
  // Logs a command that changed the dataset (AOF), wrapping EXEC's in MULTI/EXEC.
  void log_command(server::ClientState& client, int db, std::span<const std::string_view> argv);
  void log_rewrites(server::ClientState& client, int db, size_t from);

  // Commands rewritten for the log by the running command(s) (nested under EXEC).
  std::vector<server::OwnedArgv> rewrites_;
  // A MULTI was logged for the EXEC being run.
  bool exec_logged_ = false;
  Effects* capture_ = nullptr;

  const CommandTable* table_;
  store::Keyspace* keyspace_;
  server::ServerContext* server_;
};

// Redis's texts for the central checks.
std::string unknown_command_error(std::span<const std::string_view> argv);
std::string arity_error(std::string_view full_name);
std::string unknown_subcommand_error(std::string_view sub, std::string_view parent);

}  // namespace ironkv::command
