#pragma once
// Per-client state the commands see. Fields without atomics are touched only on
// the keyspace strand (where every command runs); the atomics are written by
// the connection's io thread and read by CLIENT LIST / INFO.

#include <atomic>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace ironkv::server {

class ClientHandle;

struct WatchedKey {
  int db;
  std::string key;
  bool expired_at_watch;
};

// MULTI/EXEC and WATCH.
struct TransactionState {
  bool in_multi = false;
  bool in_exec = false;  // running the queued commands of EXEC
  // Queueing failed (unknown command, wrong arity …): EXEC answers EXECABORT.
  bool error = false;
  std::vector<std::vector<std::string>> queue;  // owned copies of the queued commands
  // WATCH: keys watched, and whether one changed since (EXEC then fails).
  std::vector<WatchedKey> watched;
  bool watch_invalid = false;
};

// Blocked in BLPOP & co (see blocking.h), or postponed by CLIENT PAUSE. While
// blocked the connection runs no further commands; the reply (served or timed
// out) is left in `reply`.
struct BlockState {
  bool blocked = false;
  // Waiting for a CLIENT PAUSE to end (also `blocked`); the command runs again then.
  bool postponed = false;
  int64_t deadline_ms = 0;  // 0 = forever
  uint64_t seq = 0;         // bumped at each block, so a late wake is not mistaken
  std::string reply;
};

// CLIENT REPLY OFF / SKIP: replies dropped; skip_next arms skip for the next command.
struct ReplyControl {
  bool off = false;
  bool skip = false;
  bool skip_next = false;
};

// Pub/Sub (see pubsub.h): subscriptions, and messages produced on the strand
// that wait to be handed to the connection at the end of the hop.
struct PubSubState {
  std::set<std::string, std::less<>> channels;
  std::set<std::string, std::less<>> patterns;
  std::set<std::string, std::less<>> shard_channels;
  std::string pending;
  bool dirty = false;
  // Subscribed to anything (the "pubsub" output buffer class), mirrored for
  // the connection's io thread.
  std::atomic<bool> in_class{false};
  bool any() const { return !channels.empty() || !patterns.empty() || !shard_channels.empty(); }
};

// Written by the connection (io thread), read by CLIENT LIST / INFO.
struct NetCounters {
  std::atomic<uint64_t> qbuf{0};
  std::atomic<uint64_t> qbuf_free{0};
  std::atomic<uint64_t> omem{0};
  std::atomic<uint64_t> in{0};
  std::atomic<uint64_t> out{0};
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
  bool no_evict = false;  // CLIENT NO-EVICT ON (flag 'e')
  // appendfsync always: the replies produced by the last batch (or the reply a
  // blocked client was served) go out only once the AOF is durable up to here.
  uint64_t durable_wait = 0;

  TransactionState tx;
  BlockState block;
  ReplyControl replies;
  PubSubState pubsub;
  NetCounters net;

  // Subscribed to anything: RESP2 subscribed mode.
  bool subscribed() const { return pubsub.any(); }
  // Whether the reply of the command that just ran is dropped (CLIENT REPLY),
  // and the step to the next command (a SKIP lasts one command).
  bool drop_reply() const { return replies.off || replies.skip; }
  void command_done() {
    replies.skip = replies.skip_next;
    replies.skip_next = false;
  }
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

}  // namespace ironkv::server
