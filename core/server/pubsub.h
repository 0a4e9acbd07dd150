#pragma once
// Pub/Sub registry: who listens to which channel, pattern and shard channel,
// and delivery of PUBLISH / keyspace notifications. Strand-only.
//
// Delivery never touches a socket: a message is encoded once and appended to
// each receiver's ClientState::push_pending; at the end of the hop (or cron
// tick) flush() hands each receiver its whole pending run in one
// ClientHandle::push. Everything a connection receives is therefore produced in
// strand order, so a SUBSCRIBE reply always precedes the messages that follow it.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ironkv::server {

struct ClientState;

class PubSubRegistry {
 public:
  enum class Kind { kChannel, kPattern, kShard };

  // True if the client was not subscribed to it before.
  bool subscribe(ClientState& c, Kind kind, std::string_view name);
  // True if the client was subscribed.
  bool unsubscribe(ClientState& c, Kind kind, std::string_view name);
  // Drops every subscription of the client (RESET); no replies.
  void remove_client(ClientState& c);
  // The client is going away: also forgets messages not yet handed over.
  void disconnect(ClientState& c);

  // Delivers to subscribers of the channel (and of matching patterns for
  // kChannel); returns the number of deliveries, as PUBLISH replies.
  size_t publish(std::string_view channel, std::string_view message, bool shard = false);

  // Hands pending messages to their connections. `self`'s pending run (the
  // client whose hop is ending, e.g. its own EXEC published to it) is appended
  // to `self_out` after its replies instead. Clients without a connection
  // (in-process tests) keep theirs in push_pending.
  void flush(ClientState* self = nullptr, std::string* self_out = nullptr);
  bool has_pending() const { return !dirty_.empty(); }

  // Keyspace notification (see keyspace_events.h): publishes
  // __keyspace@<db>__:<key> -> event and/or __keyevent@<db>__:<event> -> key.
  void notify_keyspace_event(uint32_t config_flags, std::string_view event, std::string_view key,
                             int db);

  size_t channel_count() const { return channels_.size(); }
  size_t pattern_count() const { return patterns_.size(); }
  size_t shard_channel_count() const { return shard_channels_.size(); }
  // Channels (or shard channels) with at least one subscriber, matching
  // pattern if given (sorted).
  std::vector<std::string_view> active_channels(const std::string_view* pattern, bool shard) const;
  size_t subscriber_count(std::string_view channel, bool shard) const;

 private:
  using Subscribers = std::vector<ClientState*>;
  // Lets PUBLISH look a channel up by string_view without a copy.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Table = std::unordered_map<std::string, Subscribers, Hash, std::equal_to<>>;
  Table& table(Kind kind);
  void deliver(ClientState& c, std::string_view encoded);

  Table channels_;
  Table shard_channels_;
  Table patterns_;
  std::vector<ClientState*> dirty_;
  std::string scratch_;  // one encoded message, reused
  std::string channel_;  // keyspace notification channel name, reused
};

}  // namespace ironkv::server
