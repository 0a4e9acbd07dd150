#pragma once
// Per-client state the commands see. Fields without atomics are touched only on
// the keyspace strand (where every command runs); the atomics are written by
// the connection's io thread and read by CLIENT LIST / INFO.

#include <atomic>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace ironkv::command {

class ClientHandle;

struct WatchedKey {
  int db;
  std::string key;
  bool expired_at_watch;
};

struct ClientState {
  ClientHandle* handle = nullptr;  // the connection, when there is one
  uint64_t id = 0;
  std::string name;
  int db = 0;
  int resp = 2;
  bool authenticated = true;
  std::string user = "default";
  std::string addr = "?:0";   // peer "ip:port"
  std::string laddr = "?:0";  // local "ip:port"
  int fd = -1;
  int64_t created_ms = 0;
  int64_t last_interaction_ms = 0;
  std::string last_cmd = "NULL";
  std::string lib_name;
  std::string lib_ver;
  uint64_t commands = 0;
  // Set by QUIT/RESET-style commands: the connection closes after this batch's replies.
  bool close_after_reply = false;
  // The HTTP admin endpoint's stand-in for INFO/SAVE: not a connection, so
  // INFO does not count it as a connected client.
  bool internal = false;
  // Blocked in BLPOP & co (see blocking.h). While blocked the connection runs no
  // further commands; the reply (served or timed out) is left in block_reply.
  bool blocked = false;
  bool in_exec = false;           // running the queued commands of EXEC
  // MULTI/EXEC: queued commands (owned copies), and whether queueing failed.
  bool in_multi = false;
  bool multi_error = false;
  std::vector<std::vector<std::string>> multi_queue;
  // WATCH: keys watched, and whether one changed since (EXEC then fails).
  std::vector<WatchedKey> watched;
  bool watch_invalid = false;
  // Waiting for a CLIENT PAUSE to end (also `blocked`); the command runs again then.
  bool postponed = false;
  // CLIENT REPLY OFF / SKIP: replies dropped; skip_next arms skip for the next command.
  bool reply_off = false;
  bool reply_skip = false;
  bool reply_skip_next = false;
  bool no_evict = false;          // CLIENT NO-EVICT ON (flag 'e')
  int64_t block_deadline_ms = 0;  // 0 = forever
  // appendfsync always: the replies produced by the last batch (or the reply a
  // blocked client was served) go out only once the AOF is durable up to here.
  uint64_t durable_wait = 0;
  uint64_t block_seq = 0;         // bumped at each block, so a late wake is not mistaken
  std::string block_reply;
  // Pub/Sub (see pubsub.h): subscriptions, and messages produced on the strand
  // that wait to be handed to the connection at the end of the hop.
  std::set<std::string, std::less<>> sub_channels;
  std::set<std::string, std::less<>> sub_patterns;
  std::set<std::string, std::less<>> sub_shard_channels;
  std::string push_pending;
  bool push_dirty = false;
  // Subscribed to anything: RESP2 subscribed mode, and the "pubsub" output
  // buffer class. Mirrored for the connection's io thread.
  bool subscribed() const {
    return !sub_channels.empty() || !sub_patterns.empty() || !sub_shard_channels.empty();
  }
  std::atomic<bool> pubsub_class{false};

  // Whether the reply of the command that just ran is dropped (CLIENT REPLY),
  // and the step to the next command (a SKIP lasts one command).
  bool drop_reply() const { return reply_off || reply_skip; }
  void command_done() {
    reply_skip = reply_skip_next;
    reply_skip_next = false;
  }

  // Written by the connection (io thread).
  std::atomic<uint64_t> qbuf{0};
  std::atomic<uint64_t> qbuf_free{0};
  std::atomic<uint64_t> omem{0};
  std::atomic<uint64_t> net_in{0};
  std::atomic<uint64_t> net_out{0};
};

// What the keyspace side may do to a connection. Implemented by core/net.
class ClientHandle {
 public:
  virtual ~ClientHandle() = default;
  virtual ClientState& state() = 0;
  // Closes the connection as soon as possible; safe from any thread.
  virtual void kill() = 0;
  // Wakes a blocked connection after the strand served it (block_reply is set).
  virtual void wake() {}
  // Hands pub/sub messages (encoded RESP) to the connection, in the order the
  // strand produced them; called on the strand, never waits for the socket.
  virtual void push(std::string /*data*/) {}
};

}  // namespace ironkv::command
