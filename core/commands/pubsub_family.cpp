// Pub/Sub commands: SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH
// SSUBSCRIBE SUNSUBSCRIBE SPUBLISH PUBSUB. The registry (core/command/pubsub.h)
// does delivery; these parse arguments and reply in Redis 7.0's RESP2 shapes.
// Without cluster mode a shard channel is simply a channel in its own namespace.

#include <string>

#include "core/command/context.h"
#include "core/commands/families.h"

namespace ironkv::commands {

using command::CommandContext;
using command::CommandSpec;
using Kind = server::PubSubRegistry::Kind;

namespace {

// [kind, name | nil, count]: the confirmation every (un)subscribe sends per name.
void reply_confirm(CommandContext& c, std::string_view kind, const std::string_view* name,
                   size_t count) {
  c.reply.array(3);
  c.reply.bulk(kind);
  if (name != nullptr)
    c.reply.bulk(*name);
  else
    c.reply.null_bulk();
  c.reply.integer(static_cast<int64_t>(count));
}

// SUBSCRIBE / PSUBSCRIBE count channels and patterns together; SSUBSCRIBE
// counts shard channels alone (Redis 7.0).
size_t count_for(const server::ClientState& cl, Kind kind) {
  if (kind == Kind::kShard) return cl.pubsub.shard_channels.size();
  return cl.pubsub.channels.size() + cl.pubsub.patterns.size();
}

void subscribe(CommandContext& c, Kind kind, std::string_view reply_kind) {
  for (size_t i = 1; i < c.argc(); ++i) {
    std::string_view name = c.arg(i);
    c.server.pubsub.subscribe(c.client, kind, name);
    reply_confirm(c, reply_kind, &name, count_for(c.client, kind));
  }
}

void unsubscribe(CommandContext& c, Kind kind, std::string_view reply_kind) {
  if (c.argc() > 1) {
    for (size_t i = 1; i < c.argc(); ++i) {
      std::string_view name = c.arg(i);
      c.server.pubsub.unsubscribe(c.client, kind, name);
      reply_confirm(c, reply_kind, &name, count_for(c.client, kind));
    }
    return;
  }
  // No names: every subscription of this kind, or one nil confirmation if none.
  auto& mine = kind == Kind::kChannel   ? c.client.pubsub.channels
               : kind == Kind::kPattern ? c.client.pubsub.patterns
                                        : c.client.pubsub.shard_channels;
  if (mine.empty()) {
    reply_confirm(c, reply_kind, nullptr, count_for(c.client, kind));
    return;
  }
  while (!mine.empty()) {
    std::string name = *mine.begin();
    c.server.pubsub.unsubscribe(c.client, kind, name);
    std::string_view view(name);
    reply_confirm(c, reply_kind, &view, count_for(c.client, kind));
  }
}

// SUBSCRIBE channel [channel ...] → per channel [subscribe, channel, count]
void cmd_subscribe(CommandContext& c) { subscribe(c, Kind::kChannel, "subscribe"); }
// UNSUBSCRIBE [channel ...] → per channel [unsubscribe, channel, count]
void cmd_unsubscribe(CommandContext& c) { unsubscribe(c, Kind::kChannel, "unsubscribe"); }
// PSUBSCRIBE pattern [pattern ...] → per pattern [psubscribe, pattern, count]
void cmd_psubscribe(CommandContext& c) { subscribe(c, Kind::kPattern, "psubscribe"); }
// PUNSUBSCRIBE [pattern ...] → per pattern [punsubscribe, pattern, count]
void cmd_punsubscribe(CommandContext& c) { unsubscribe(c, Kind::kPattern, "punsubscribe"); }
// SSUBSCRIBE shardchannel [...] → per channel [ssubscribe, channel, count]
void cmd_ssubscribe(CommandContext& c) { subscribe(c, Kind::kShard, "ssubscribe"); }
// SUNSUBSCRIBE [shardchannel ...] → per channel [sunsubscribe, channel, count]
void cmd_sunsubscribe(CommandContext& c) { unsubscribe(c, Kind::kShard, "sunsubscribe"); }

// PUBLISH channel message → integer: clients that received it (pattern
// matches included, one per matching subscription)
void cmd_publish(CommandContext& c) {
  c.reply.integer(static_cast<int64_t>(c.server.pubsub.publish(c.arg(1), c.arg(2))));
}

// SPUBLISH shardchannel message → integer
void cmd_spublish(CommandContext& c) {
  c.reply.integer(static_cast<int64_t>(c.server.pubsub.publish(c.arg(1), c.arg(2), true)));
}

void reply_channels(CommandContext& c, bool shard) {
  std::string_view pattern = c.argc() > 2 ? c.arg(2) : std::string_view();
  auto names = c.server.pubsub.active_channels(c.argc() > 2 ? &pattern : nullptr, shard);
  c.reply.array(names.size());
  for (auto n : names) c.reply.bulk(n);
}

void reply_numsub(CommandContext& c, bool shard) {
  c.reply.array((c.argc() - 2) * 2);
  for (size_t i = 2; i < c.argc(); ++i) {
    c.reply.bulk(c.arg(i));
    c.reply.integer(static_cast<int64_t>(c.server.pubsub.subscriber_count(c.arg(i), shard)));
  }
}

// PUBSUB CHANNELS [pattern] → array of active channels
void cmd_pubsub_channels(CommandContext& c) {
  if (c.argc() > 3) {
    c.reply.error(
        "ERR unknown subcommand or wrong number of arguments for 'channels'. Try PUBSUB HELP.");
    return;
  }
  reply_channels(c, false);
}
// PUBSUB SHARDCHANNELS [pattern] → array of active shard channels
void cmd_pubsub_shardchannels(CommandContext& c) {
  if (c.argc() > 3) {
    c.reply.error(
        "ERR unknown subcommand or wrong number of arguments for 'shardchannels'. Try PUBSUB "
        "HELP.");
    return;
  }
  reply_channels(c, true);
}
// PUBSUB NUMSUB [channel ...] → flat array channel, count, ...
void cmd_pubsub_numsub(CommandContext& c) { reply_numsub(c, false); }
// PUBSUB SHARDNUMSUB [shardchannel ...] → flat array channel, count, ...
void cmd_pubsub_shardnumsub(CommandContext& c) { reply_numsub(c, true); }
// PUBSUB NUMPAT → integer: patterns with at least one subscriber
void cmd_pubsub_numpat(CommandContext& c) {
  c.reply.integer(static_cast<int64_t>(c.server.pubsub.pattern_count()));
}

void cmd_pubsub_help(CommandContext& c) {
  static constexpr std::string_view kLines[] = {
      "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "CHANNELS [<pattern>]",
      "    Return the currently active channels matching a <pattern> (default: '*').",
      "NUMPAT",
      "    Return number of subscriptions to patterns.",
      "NUMSUB [<channel> ...]",
      "    Return the number of subscribers for the specified channels, excluding",
      "    pattern subscriptions(default: no channels).",
      "SHARDCHANNELS [<pattern>]",
      "    Return the currently active shard level channels matching a <pattern> (default: '*').",
      "SHARDNUMSUB [<shardchannel> ...]",
      "    Return the number of subscribers for the specified shard level channel(s)",
      "HELP",
      "    Prints this help.",
  };
  c.reply.array(std::size(kLines));
  for (auto l : kLines) c.reply.simple(l);
}

using namespace command;

// The (un)subscribe commands: also allowed in RESP2 subscribed mode.
constexpr uint32_t kSubFlags = kPubsub | kNoscript | kLoading | kStale | kSubscribedOk;
constexpr uint32_t kPubFlags = kPubsub | kLoading | kStale | kFast | kMayReplicate;

// clang-format off
const CommandSpec kSpecs[] = {
    {"subscribe", -2, kSubFlags, 0, {}, cmd_subscribe, Group::kPubsub, "Listen for messages published to the given channels", "2.0.0", "O(N) where N is the number of channels to subscribe to."},
    {"unsubscribe", -1, kSubFlags, 0, {}, cmd_unsubscribe, Group::kPubsub, "Stop listening for messages posted to the given channels", "2.0.0", "O(N) where N is the number of clients already subscribed to a channel."},
    {"psubscribe", -2, kSubFlags, 0, {}, cmd_psubscribe, Group::kPubsub, "Listen for messages published to channels matching the given patterns", "2.0.0", "O(N) where N is the number of patterns the client is already subscribed to."},
    {"punsubscribe", -1, kSubFlags, 0, {}, cmd_punsubscribe, Group::kPubsub, "Stop listening for messages posted to channels matching the given patterns", "2.0.0", "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client)."},
    {"ssubscribe", -2, kSubFlags, 0, {ks::spec(ks::kNotKey, ks::index(1), ks::range(-1, 1, 0))}, cmd_ssubscribe, Group::kPubsub, "Listen for messages published to the given shard channels", "7.0.0", "O(N) where N is the number of shard channels to subscribe to."},
    {"sunsubscribe", -1, kSubFlags, 0, {ks::spec(ks::kNotKey, ks::index(1), ks::range(-1, 1, 0))}, cmd_sunsubscribe, Group::kPubsub, "Stop listening for messages posted to the given shard channels", "7.0.0", "O(N) where N is the number of clients already subscribed to a shard channel."},
    {"publish", 3, kPubFlags, 0, {}, cmd_publish, Group::kPubsub, "Post a message to a channel", "2.0.0", "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client)."},
    {"spublish", 3, kPubFlags, 0, {ks::key(1, ks::kNotKey)}, cmd_spublish, Group::kPubsub, "Post a message to a shard channel", "7.0.0", "O(N) where N is the number of clients subscribed to the receiving shard channel."},
    {"pubsub", -2, 0, 0, {}, nullptr, Group::kPubsub, "A container for Pub/Sub commands", "2.8.0", "Depends on subcommand.",
     {
         {"pubsub|channels", -2, kPubsub | kLoading | kStale, 0, {}, cmd_pubsub_channels, Group::kPubsub, "List active channels", "2.8.0", "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)"},
         {"pubsub|numpat", 2, kPubsub | kLoading | kStale, 0, {}, cmd_pubsub_numpat, Group::kPubsub, "Get the count of unique patterns pattern subscriptions", "2.8.0", "O(1)"},
         {"pubsub|numsub", -2, kPubsub | kLoading | kStale, 0, {}, cmd_pubsub_numsub, Group::kPubsub, "Get the count of subscribers for channels", "2.8.0", "O(N) for the NUMSUB subcommand, where N is the number of requested channels"},
         {"pubsub|shardchannels", -2, kPubsub | kLoading | kStale, 0, {}, cmd_pubsub_shardchannels, Group::kPubsub, "List active shard channels", "7.0.0", "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels)."},
         {"pubsub|shardnumsub", -2, kPubsub | kLoading | kStale, 0, {}, cmd_pubsub_shardnumsub, Group::kPubsub, "Get the count of subscribers for shard channels", "7.0.0", "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels"},
         {"pubsub|help", 2, kLoading | kStale, 0, {}, cmd_pubsub_help, Group::kPubsub, "Show helpful text about the different subcommands", "6.2.0", "O(1)"},
     }},
};
// clang-format on

}  // namespace

void register_pubsub_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
