#pragma once
// Clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN, ...). Strand-only.
//
// A blocking command that finds no data calls CommandContext::block() with a
// BlockRequest instead of replying. Commands that add data call
// CommandContext::signal_key_ready(key); after each command the dispatcher
// serves the clients blocked on ready keys, in the order they blocked, by
// calling their try_serve until the key runs dry. A served client's reply goes
// into its ClientState::block_reply and its connection is woken
// (ClientHandle::wake); the connection also wakes on its own at the deadline
// and then asks the registry for the timeout reply.

#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/resp/reply.h"

namespace ironkv::command {
class CommandContext;
struct CommandSpec;
}  // namespace ironkv::command

namespace ironkv::server {

using command::CommandContext;
using command::CommandSpec;
class ClientHandle;

struct BlockRequest {
  std::vector<std::string> keys;  // keys of the client's db it waits on
  int64_t deadline_ms = 0;        // absolute unix ms; 0 = wait forever
  // Tries to serve now: if the data is there, performs the operation, writes the
  // reply through ctx.reply and returns true; otherwise writes nothing, false.
  std::function<bool(CommandContext& ctx)> try_serve;
  // The reply on timeout; Redis's null array when unset.
  std::function<void(resp::ReplyBuilder& reply)> on_timeout;
  // A waiter that cannot be served does not mean the next one cannot (stream
  // readers wait for different IDs and groups): try every waiter of the key,
  // not only until the first that fails.
  bool serve_each_waiter = false;
  // Also try to serve when the key is deleted, overwritten, renamed away,
  // expires or its database is flushed (XREADGROUP answers -UNBLOCKED then).
  bool wake_on_key_change = false;
};

class BlockingRegistry {
 public:
  struct Entry {
    ClientHandle* client;
    int db;
    const CommandSpec* spec;  // the blocking command, for the serving context
    BlockRequest req;
  };

  // Registers the client (by id) as blocked. Precondition: not already blocked.
  void block(ClientHandle* client, int db, const CommandSpec* spec, BlockRequest req);
  // Removes a blocked client without a reply (disconnect, kill, served).
  // True if it was blocked.
  bool remove(uint64_t client_id);
  // On the connection's deadline: if still blocked, removes it and writes the
  // timeout reply into its block_reply. False if it had been served meanwhile.
  bool time_out(uint64_t client_id);

  // Called by commands that add data to a key (through CommandContext).
  void signal_key_ready(int db, std::string_view key);
  // A key changed in any way (the keyspace observer): readies it for the
  // waiters that asked for wake_on_key_change. One branch when there are none.
  void signal_key_changed(int db, std::string_view key) {
    if (change_waiters_ > 0) signal_key_ready(db, key);
  }
  // The database is being emptied: every key it has waiters on is ready.
  void signal_db_flushed(int db);
  bool has_ready() const { return !ready_.empty(); }
  // Pops the next ready key; false when none.
  bool next_ready(int& db, std::string& key);
  // The ids blocked on a key, oldest first (a copy: serving changes the lists).
  std::vector<uint64_t> waiters(int db, const std::string& key) const;
  Entry* find(uint64_t client_id);

  size_t blocked_count() const { return clients_.size(); }
  bool is_blocked(uint64_t client_id) const { return clients_.count(client_id) != 0; }
  size_t waited_keys() const { return waiters_.size(); }

 private:
  using DbKey = std::pair<int, std::string>;

  std::map<uint64_t, Entry> clients_;             // by client id
  std::map<DbKey, std::list<uint64_t>> waiters_;  // FIFO per key
  std::deque<DbKey> ready_;
  size_t change_waiters_ = 0;  // blocked entries with wake_on_key_change
};

}  // namespace ironkv::server
