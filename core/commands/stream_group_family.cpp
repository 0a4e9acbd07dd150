// Reading streams and consumer groups (Redis 7.0 t_stream.c semantics): XREAD
// XREADGROUP (both may block) XGROUP XACK XPENDING XCLAIM XAUTOCLAIM.
//
// What a group command changes is logged the way Redis propagates it, so an
// AOF replay rebuilds the same PELs without re-reading anything: each delivery
// or claim as "XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n FORCE JUSTID
// LASTID id", a group's position as "XGROUP SETID key group id ENTRIESREAD n".

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/commands/families.h"
#include "core/commands/help.h"
#include "core/commands/stream_common.h"
#include "core/resp/errors.h"
#include "core/server/blocking.h"
#include "core/store/stream_value.h"
#include "core/util/numbers.h"

namespace ironkv::commands {

namespace ev = server::events;

using command::CommandContext;
using command::CommandSpec;
using command::word_equals;
using server::BlockRequest;
using store::Lookup;
using store::StreamConsumer;
using store::StreamGroup;
using store::StreamID;
using store::StreamNack;
using store::StreamValue;
using namespace stream;   // NOLINT: the family's own helpers
using namespace command;  // CmdFlag names

namespace {

constexpr size_t kBlockedDefaultCount = 1000;  // XREAD_BLOCKED_DEFAULT_COUNT

// A stream key for a command that does not create one: nullptr when missing;
// WRONGTYPE replied (and *wrong set) when it holds another type. Commands that
// change a group's state look it up with kPeek: the snapshot sees the change
// coming, but WATCH does not, as Redis's group commands never signal it.
StreamValue* stream_or_null(CommandContext& c, std::string_view key, bool& wrong,
                            Lookup how = Lookup::kPeek) {
  OpResult<StreamValue*> found = c.db().find<StreamValue>(key, how);
  wrong = found.wrong_type();
  if (wrong) c.error(found.status());
  return found ? *found : nullptr;
}

bool entry_exists(const StreamValue& s, const StreamID& id) {
  auto it = s.range(id, id);
  return it.next();
}

// streamLookupConsumer(SLC_DEFAULT) + streamCreateConsumer: the consumer,
// seen now. *created tells whether it is new.
StreamConsumer* seen_consumer(CommandContext& c, StreamGroup& g, std::string_view name,
                              bool* created = nullptr) {
  const int64_t now = c.now_ms();
  StreamConsumer* consumer = g.find_consumer(name);
  if (created != nullptr) *created = consumer == nullptr;
  if (consumer == nullptr) return g.create_consumer(name, now);
  consumer->seen_time = now;
  return consumer;
}

// ---- propagation ----------------------------------------------------------

void log_claim(CommandContext& c, std::string_view key, std::string_view group_name,
               const StreamGroup& g, const StreamID& id, const StreamNack& n) {
  if (!c.logging()) return;
  c.log_as({"XCLAIM", std::string(key), std::string(group_name), n.consumer->name, "0", id.str(),
            "TIME", std::to_string(n.delivery_time), "RETRYCOUNT", std::to_string(n.delivery_count),
            "FORCE", "JUSTID", "LASTID", g.last_id.str()});
}

void log_group_id(CommandContext& c, std::string_view key, std::string_view group_name,
                  const StreamGroup& g) {
  if (!c.logging()) return;
  c.log_as({"XGROUP", "SETID", std::string(key), std::string(group_name), g.last_id.str(),
            "ENTRIESREAD", std::to_string(g.entries_read)});
}

// A consumer made as a side effect (XREADGROUP that delivers nothing): Redis
// does not propagate it; the log keeps it so a reload shows the same consumers.
void log_new_consumer(CommandContext& c, std::string_view key, std::string_view group_name,
                      std::string_view consumer) {
  if (!c.logging()) return;
  c.log_as({"XGROUP", "CREATECONSUMER", std::string(key), std::string(group_name),
            std::string(consumer)});
}

// ---- XREAD / XREADGROUP -----------------------------------------------------

struct ReadArgs {
  bool group_mode = false;
  std::string_view group, consumer;
  bool noack = false;
  int64_t count = 0;
  int64_t deadline = -1;  // -1 = no BLOCK; 0 = forever; else unix ms
  size_t streams_arg = 0;
  size_t nstreams = 0;
  std::vector<StreamID> ids;  // > is StreamID::max() in group mode
};

// streamReplyWithRange for a group read of new entries (">"): replies the
// entries after `start`, delivering each to `consumer` (unless NOACK) and
// advancing the group, with the log records Redis propagates.
void reply_group_new(CommandContext& c, resp::ReplyBuilder& r, std::string_view key, StreamValue& s,
                     std::string_view group_name, StreamGroup& g, StreamConsumer* consumer,
                     const StreamID& after, size_t count, bool noack) {
  StreamID start = after;
  if (!start.incr()) {
    r.empty_array();
    return;
  }
  const int64_t now = c.now_ms();
  bool moved = false;
  reply_range(r, s, start, StreamID::max(), count, false, [&](const StreamID& id) {
    if (id > g.last_id) {
      s.advance_group(g, id);
      moved = true;
    }
    if (!noack) {
      StreamNack& n = g.deliver(id, consumer, now);
      log_claim(c, key, group_name, g, id, n);
    }
  });
  if (moved) log_group_id(c, key, group_name, g);
}

// streamReplyWithRangeFromConsumerPEL: the consumer's own pending entries from
// `start`, each redelivered (a deleted entry comes as [id, nil]).
void reply_group_history(CommandContext& c, resp::ReplyBuilder& r, const StreamValue& s,
                         StreamConsumer& consumer, const StreamID& start, size_t count) {
  std::string body;
  resp::ReplyBuilder b(body, r.protocol());
  size_t n = 0;
  const int64_t now = c.now_ms();
  for (auto it = consumer.pel.lower_bound(start);
       it != consumer.pel.end() && (count == 0 || n < count); ++it, ++n) {
    auto e = s.range(it->first, it->first);
    if (e.next()) {
      reply_entry(b, e);
      it->second->delivery_time = now;
      ++it->second->delivery_count;
    } else {
      b.array(2);
      reply_id(b, it->first);
      b.null_array();
    }
  }
  r.array(n);
  r.raw(body);
}

// The header of one stream's part of the reply: [key, entries] in RESP2, a
// map entry in RESP3.
void reply_stream_key(CommandContext& c, std::string_view key) {
  if (c.reply.protocol() == 2) c.reply.array(2);
  c.reply.bulk(key);
}

// Parses XREAD/XREADGROUP up to the IDs (which need the keys). False after
// replying an error.
bool parse_read_args(CommandContext& c, ReadArgs& a) {
  for (size_t i = 1; i < c.argc(); ++i) {
    const size_t more = c.argc() - i - 1;
    std::string_view o = c.arg(i);
    if (word_equals(o, "BLOCK") && more > 0) {
      if (c.server.script.running.load(std::memory_order_relaxed)) {
        c.reply.error("ERR " + std::string(c.arg(0)) +
                      " command is not allowed with BLOCK option from scripts");
        return false;
      }
      ++i;
      int64_t ms = 0;
      if (!util::parse_int64(c.arg(i), ms)) {
        c.reply.error("ERR timeout is not an integer or out of range");
        return false;
      }
      if (ms < 0) {
        c.reply.error("ERR timeout is negative");
        return false;
      }
      if (ms > 0 && ms > INT64_MAX - c.now_ms()) {
        c.reply.error("ERR timeout is out of range");
        return false;
      }
      a.deadline = ms == 0 ? 0 : c.now_ms() + ms;
    } else if (word_equals(o, "COUNT") && more > 0) {
      ++i;
      if (!util::parse_int64(c.arg(i), a.count)) {
        c.error(OpStatus::kNotAnInteger);
        return false;
      }
      if (a.count < 0) a.count = 0;
    } else if (word_equals(o, "STREAMS") && more > 0) {
      a.streams_arg = i + 1;
      const size_t n = c.argc() - a.streams_arg;
      if (n % 2 != 0) {
        c.reply.error(
            "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be "
            "specified.");
        return false;
      }
      a.nstreams = n / 2;
      break;
    } else if (word_equals(o, "GROUP") && more >= 2) {
      if (!a.group_mode) {
        c.reply.error(
            "ERR The GROUP option is only supported by XREADGROUP. You called XREAD "
            "instead.");
        return false;
      }
      a.group = c.arg(i + 1);
      a.consumer = c.arg(i + 2);
      i += 2;
    } else if (word_equals(o, "NOACK")) {
      if (!a.group_mode) {
        c.reply.error(
            "ERR The NOACK option is only supported by XREADGROUP. You called XREAD "
            "instead.");
        return false;
      }
      a.noack = true;
    } else {
      c.error(OpStatus::kSyntax);
      return false;
    }
  }
  if (a.streams_arg == 0) {
    c.error(OpStatus::kSyntax);
    return false;
  }
  if (a.group_mode && a.group.data() == nullptr) {
    c.reply.error("ERR Missing GROUP option for XREADGROUP");
    return false;
  }
  return true;
}

// Serves a client blocked on `keys` once one of them has new entries
// (serveClientsBlockedOnStreamKey). For a group read, a destroyed group ends
// the wait with -NOGROUP.
struct BlockedRead {
  std::vector<std::string> keys;
  std::vector<StreamID> ids;  // XREAD: entries after these
  bool group_mode = false;
  std::string group, consumer;
  bool noack = false;
  size_t count = kBlockedDefaultCount;

  bool operator()(CommandContext& c) const {
    for (size_t i = 0; i < keys.size(); ++i) {
      store::Value* v = c.db().peek_write(keys[i]);
      if (v == nullptr || v->type() != store::ObjType::kStream) {
        // The stream a group reader waits on was deleted, overwritten,
        // renamed or expired (7.0.15); a plain XREAD keeps waiting.
        if (!group_mode) continue;
        c.reply.error("UNBLOCKED the stream key no longer exists");
        return true;
      }
      auto* s = v->as<StreamValue>();
      StreamID after = ids[i];
      StreamGroup* g = nullptr;
      if (group_mode) {
        g = s->find_group(group);
        if (g == nullptr) {
          c.reply.error("NOGROUP the consumer group this client was blocked on no longer exists");
          return true;
        }
        after = g->last_id;
      }
      if (!(s->last_id() > after)) continue;
      if (c.reply.protocol() == 2) {
        c.reply.array(1);
      } else {
        c.reply.map(1);
      }
      reply_stream_key(c, keys[i]);
      if (g != nullptr) {
        bool created = false;
        StreamConsumer* consumer_ptr = seen_consumer(c, *g, consumer, &created);
        if (created) {
          c.notify(ev::kStream, "xgroup-createconsumer", keys[i]);
          if (noack) log_new_consumer(c, keys[i], group, consumer);
        }
        reply_group_new(c, c.reply, keys[i], *s, group, *g, consumer_ptr, after, count, noack);
        c.mark_dirty();  // no WATCH signal: Redis's group reads do not send one
      } else {
        StreamID start = after;
        start.incr();
        reply_range(c.reply, *s, start, StreamID::max(), count, false);
      }
      return true;
    }
    return false;
  }
};

void xread_generic(CommandContext& c, bool group_mode) {
  ReadArgs a;
  a.group_mode = group_mode;
  if (!parse_read_args(c, a)) return;
  const size_t first_id = a.streams_arg + a.nstreams;
  a.ids.resize(a.nstreams);
  std::vector<StreamGroup*> groups(a.nstreams, nullptr);
  for (size_t k = 0; k < a.nstreams; ++k) {
    std::string_view key = c.arg(a.streams_arg + k);
    std::string_view id_arg = c.arg(first_id + k);
    bool wrong = false;
    StreamValue* s = stream_or_null(c, key, wrong, group_mode ? Lookup::kPeek : Lookup::kRead);
    if (wrong) return;
    if (group_mode) {
      groups[k] = s != nullptr ? s->find_group(a.group) : nullptr;
      if (groups[k] == nullptr) {
        return c.reply.error(no_group(key, a.group, " in XREADGROUP with GROUP option"));
      }
    }
    if (id_arg == "$") {
      if (group_mode) {
        return c.reply.error(
            "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the "
            "history of this consumer by specifying a proper ID, or use the > ID to get new "
            "messages. The $ ID would just return an empty result set.");
      }
      a.ids[k] = s != nullptr ? s->last_id() : StreamID{};
      continue;
    }
    if (id_arg == ">") {
      if (!group_mode) {
        return c.reply.error(
            "ERR The > ID can be specified only when calling XREADGROUP using the GROUP "
            "<group> <consumer> option.");
      }
      a.ids[k] = StreamID::max();
      continue;
    }
    if (!parse_id(c, id_arg, a.ids[k], 0, true)) return;
  }

  // Serve now what can be served.
  std::string body;
  resp::ReplyBuilder b(body, c.reply.protocol());
  size_t served = 0;
  for (size_t k = 0; k < a.nstreams; ++k) {
    std::string_view key = c.arg(a.streams_arg + k);
    bool wrong = false;
    StreamValue* s = stream_or_null(c, key, wrong, group_mode ? Lookup::kPeek : Lookup::kRead);
    if (s == nullptr) continue;
    StreamID gt = a.ids[k];
    bool sync = false, history = false;
    StreamConsumer* consumer = nullptr;
    if (group_mode) {
      StreamGroup& g = *groups[k];
      if (gt != StreamID::max()) {
        sync = history = true;
      } else if (s->length() > 0 && s->last_entry_id().value_or(StreamID{}) > g.last_id) {
        sync = true;
        gt = g.last_id;
      }
      // The consumer is looked up (and made) only when something is served.
      if (sync) {
        bool created = false;
        consumer = seen_consumer(c, g, a.consumer, &created);
        if (created) {
          c.notify(ev::kStream, "xgroup-createconsumer", key);
          if (history || a.noack) log_new_consumer(c, key, a.group, a.consumer);
          c.mark_dirty();
        }
      }
    } else if (s->length() > 0 && s->last_entry_id().value_or(StreamID{}) > gt) {
      sync = true;
    }
    if (!sync) continue;
    ++served;
    if (c.reply.protocol() == 2) b.array(2);
    b.bulk(key);
    const size_t count = static_cast<size_t>(a.count);
    if (history) {
      // Entries after the ID, as for new ones; after the last possible ID
      // Redis's streamIncrID wraps to 0-0, so the whole PEL is replied.
      StreamID start = gt;
      if (!start.incr()) start = StreamID{};
      reply_group_history(c, b, *s, *consumer, start, count);
    } else if (group_mode) {
      reply_group_new(c, b, key, *s, a.group, *groups[k], consumer, gt, count, a.noack);
      c.mark_dirty();
    } else {
      StreamID start = gt;
      start.incr();
      reply_range(b, *s, start, StreamID::max(), count, false);
    }
  }
  if (served > 0) {
    if (c.reply.protocol() == 2) {
      c.reply.array(served);
    } else {
      c.reply.map(served);
    }
    c.reply.raw(body);
    return;
  }
  if (a.deadline < 0 || !c.can_block()) return c.reply.null_array();

  BlockedRead waiter;
  for (size_t k = 0; k < a.nstreams; ++k) waiter.keys.emplace_back(c.arg(a.streams_arg + k));
  waiter.ids = a.ids;
  waiter.group_mode = group_mode;
  waiter.group = std::string(a.group);
  waiter.consumer = std::string(a.consumer);
  waiter.noack = a.noack;
  waiter.count = a.count > 0 ? static_cast<size_t>(a.count) : kBlockedDefaultCount;
  BlockRequest req;
  req.keys = waiter.keys;
  req.deadline_ms = a.deadline;
  req.try_serve = std::move(waiter);
  req.serve_each_waiter = true;  // another reader's ID or group may be satisfied
  req.wake_on_key_change = group_mode;
  c.block(std::move(req));
}

// XREAD [COUNT count] [BLOCK ms] STREAMS key [key ...] id [id ...]
void cmd_xread(CommandContext& c) { xread_generic(c, false); }
// XREADGROUP GROUP group consumer [COUNT count] [BLOCK ms] [NOACK] STREAMS key ... id ...
void cmd_xreadgroup(CommandContext& c) { xread_generic(c, true); }

// ---- XGROUP -----------------------------------------------------------------

// addReplySubcommandSyntaxError: the subcommand as the client typed it.
std::string xgroup_syntax(std::string_view sub) {
  std::string m = "ERR unknown subcommand or wrong number of arguments for '";
  m.append(sub).append("'. Try XGROUP HELP.");
  return m;
}

// ENTRIESREAD's value: a count or -1 (SCG_INVALID_ENTRIES_READ).
bool parse_entries_read(CommandContext& c, std::string_view arg, int64_t& out) {
  if (!util::parse_int64(arg, out)) {
    c.error(OpStatus::kNotAnInteger);
    return false;
  }
  if (out < 0 && out != store::kEntriesReadInvalid) {
    c.reply.error("ERR value for ENTRIESREAD must be positive or -1");
    return false;
  }
  return true;
}

constexpr std::string_view kXgroupNeedsKey =
    "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to "
    "use the MKSTREAM option to create an empty stream automatically.";

// The stream and group of XGROUP SETID/CREATECONSUMER/DELCONSUMER/DESTROY;
// replies the error and returns false when missing (DESTROY allows a missing group).
bool xgroup_target(CommandContext& c, StreamValue*& s, StreamGroup*& g, bool need_group) {
  bool wrong = false;
  OpResult<StreamValue*> found = c.db().find<StreamValue>(c.arg(2), Lookup::kPeek);
  wrong = found.wrong_type();
  if (wrong) {
    c.error(found.status());
    return false;
  }
  if (!found) {
    c.reply.error(kXgroupNeedsKey);
    return false;
  }
  s = *found;
  g = s->find_group(c.arg(3));
  if (g == nullptr && need_group) {
    std::string m = "NOGROUP No such consumer group '";
    m.append(c.arg(3)).append("' for key name '").append(c.arg(2)).append("'");
    c.reply.error(m);
    return false;
  }
  return true;
}

// XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n] → OK
void cmd_xgroup_create(CommandContext& c) {
  bool mkstream = false;
  int64_t entries_read = store::kEntriesReadInvalid;
  for (size_t i = 5; i < c.argc();) {
    if (word_equals(c.arg(i), "MKSTREAM")) {
      mkstream = true;
      ++i;
    } else if (word_equals(c.arg(i), "ENTRIESREAD") && i + 1 < c.argc()) {
      if (!parse_entries_read(c, c.arg(i + 1), entries_read)) return;
      i += 2;
    } else {
      return c.reply.error(xgroup_syntax(c.arg(1)));
    }
  }
  store::Database& db = c.db();
  // kPeek: a new group does not signal WATCH (a new stream, MKSTREAM, does).
  OpResult<StreamValue*> found = db.find<StreamValue>(c.arg(2), Lookup::kPeek);
  if (found.wrong_type()) return c.error(found.status());
  if (!found && !mkstream) return c.reply.error(kXgroupNeedsKey);
  if (c.argc() > 8) return c.reply.error(xgroup_syntax(c.arg(1)));
  StreamID id;
  if (c.arg(4) == "$") {
    id = found ? found->last_id() : StreamID{};
  } else if (!parse_id(c, c.arg(4), id, 0, true)) {
    return;
  }
  StreamValue* s = found ? *found : db.create<StreamValue>(c.arg(2));
  if (s->create_group(c.arg(3), id, entries_read) == nullptr) {
    return c.reply.error("BUSYGROUP Consumer Group name already exists");
  }
  c.reply.ok();
  c.mark_dirty();
  c.notify(ev::kStream, "xgroup-create", c.arg(2));
}

// XGROUP SETID key group id|$ [ENTRIESREAD n] → OK
void cmd_xgroup_setid(CommandContext& c) {
  int64_t entries_read = store::kEntriesReadInvalid;
  for (size_t i = 5; i < c.argc(); i += 2) {
    if (!word_equals(c.arg(i), "ENTRIESREAD") || i + 1 >= c.argc()) {
      return c.reply.error(xgroup_syntax(c.arg(1)));
    }
    if (!parse_entries_read(c, c.arg(i + 1), entries_read)) return;
  }
  StreamValue* s = nullptr;
  StreamGroup* g = nullptr;
  if (!xgroup_target(c, s, g, true)) return;
  if (c.argc() != 5 && c.argc() != 7) return c.reply.error(xgroup_syntax(c.arg(1)));
  StreamID id;
  if (c.arg(4) == "$") {
    id = s->last_id();
  } else if (!parse_id(c, c.arg(4), id, 0)) {
    return;
  }
  g->last_id = id;
  g->entries_read = entries_read;
  c.reply.ok();
  c.mark_dirty();
  c.notify(ev::kStream, "xgroup-setid", c.arg(2));
}

// XGROUP DESTROY key group → 1 | 0
void cmd_xgroup_destroy(CommandContext& c) {
  StreamValue* s = nullptr;
  StreamGroup* g = nullptr;
  if (!xgroup_target(c, s, g, false)) return;
  if (g == nullptr) return c.reply.integer(0);
  s->destroy_group(c.arg(3));
  c.reply.integer(1);
  c.mark_dirty();
  c.notify(ev::kStream, "xgroup-destroy", c.arg(2));
  c.signal_key_ready(c.arg(2));  // its blocked readers get -NOGROUP
}

// XGROUP CREATECONSUMER key group consumer → 1 | 0
void cmd_xgroup_createconsumer(CommandContext& c) {
  StreamValue* s = nullptr;
  StreamGroup* g = nullptr;
  if (!xgroup_target(c, s, g, true)) return;
  if (g->create_consumer(c.arg(4), c.now_ms()) == nullptr) return c.reply.integer(0);
  c.reply.integer(1);
  c.mark_dirty();
  c.notify(ev::kStream, "xgroup-createconsumer", c.arg(2));
}

// XGROUP DELCONSUMER key group consumer → pending entries it had
void cmd_xgroup_delconsumer(CommandContext& c) {
  StreamValue* s = nullptr;
  StreamGroup* g = nullptr;
  if (!xgroup_target(c, s, g, true)) return;
  const int64_t pending = g->delete_consumer(c.arg(4));
  if (pending < 0) return c.reply.integer(0);
  c.reply.integer(pending);
  c.mark_dirty();
  c.notify(ev::kStream, "xgroup-delconsumer", c.arg(2));
}

void cmd_xgroup_help(CommandContext& c) {
  reply_help(c, {
                    "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "CREATE <key> <groupname> <id|$> [option]",
                    "    Create a new consumer group. Options are:",
                    "    * MKSTREAM",
                    "      Create the empty stream if it does not exist.",
                    "    * ENTRIESREAD entries_read",
                    "      Set the group's entries_read counter (internal use).",
                    "CREATECONSUMER <key> <groupname> <consumer>",
                    "    Create a new consumer in the specified group.",
                    "DELCONSUMER <key> <groupname> <consumer>",
                    "    Remove the specified consumer.",
                    "DESTROY <key> <groupname>",
                    "    Remove the specified group.",
                    "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                    "    Set the current group ID and entries_read counter.",
                    "HELP",
                    "    Prints this help.",
                });
}

// ---- XACK / XPENDING ----------------------------------------------------------

// XACK key group id [id ...] → entries acknowledged
void cmd_xack(CommandContext& c) {
  bool wrong = false;
  StreamValue* s = stream_or_null(c, c.arg(1), wrong);
  if (wrong) return;
  StreamGroup* g = s != nullptr ? s->find_group(c.arg(2)) : nullptr;
  if (g == nullptr) return c.reply.integer(0);
  std::vector<StreamID> ids(c.argc() - 3);
  for (size_t j = 3; j < c.argc(); ++j) {
    if (!parse_id(c, c.arg(j), ids[j - 3], 0, true)) return;
  }
  int64_t acked = 0;
  for (const StreamID& id : ids) acked += g->ack(id) ? 1 : 0;
  // Like Redis, an acknowledgement does not touch WATCHed keys.
  if (acked > 0) c.mark_dirty(static_cast<uint64_t>(acked));
  c.reply.integer(acked);
}

// XPENDING key group [[IDLE min-idle] start end count [consumer]]
void cmd_xpending(CommandContext& c) {
  const bool summary = c.argc() == 3;
  if (c.argc() != 3 && (c.argc() < 6 || c.argc() > 9)) return c.error(OpStatus::kSyntax);
  StreamID start, end;
  int64_t count = 0, min_idle = 0;
  std::string_view consumer_name;
  bool has_consumer = false;
  if (c.argc() >= 6) {
    size_t at = 3;
    if (word_equals(c.arg(3), "IDLE")) {
      if (!util::parse_int64(c.arg(4), min_idle)) return c.error(OpStatus::kNotAnInteger);
      if (c.argc() < 8) return c.error(OpStatus::kSyntax);
      at += 2;
    }
    if (!util::parse_int64(c.arg(at + 2), count)) return c.error(OpStatus::kNotAnInteger);
    if (count < 0) count = 0;
    bool ex = false;
    if (!parse_interval_id(c, c.arg(at), start, ex, 0)) return;
    if (ex && !exclude_start(c, start)) return;
    if (!parse_interval_id(c, c.arg(at + 1), end, ex, UINT64_MAX)) return;
    if (ex && !exclude_end(c, end)) return;
    if (at + 3 < c.argc()) {
      consumer_name = c.arg(at + 3);
      has_consumer = true;
    }
  }
  bool wrong = false;
  StreamValue* s = stream_or_null(c, c.arg(1), wrong, Lookup::kRead);
  if (wrong) return;
  StreamGroup* g = s != nullptr ? s->find_group(c.arg(2)) : nullptr;
  if (g == nullptr) return c.reply.error(no_group(c.arg(1), c.arg(2), ""));

  if (summary) {
    c.reply.array(4);
    c.reply.integer(static_cast<int64_t>(g->pel.size()));
    if (g->pel.empty()) {
      c.reply.null_bulk();
      c.reply.null_bulk();
      c.reply.null_array();
      return;
    }
    reply_id(c.reply, g->pel.begin()->first);
    reply_id(c.reply, g->pel.rbegin()->first);
    size_t n = 0;
    for (const auto& [name, consumer] : g->consumers) n += consumer->pel.empty() ? 0 : 1;
    c.reply.array(n);
    for (const auto& [name, consumer] : g->consumers) {
      if (consumer->pel.empty()) continue;
      c.reply.array(2);
      c.reply.bulk(name);
      c.reply.bulk(std::to_string(consumer->pel.size()));
    }
    return;
  }

  const int64_t now = c.now_ms();
  auto reply_nack = [&](resp::ReplyBuilder& b, const StreamID& id, const StreamNack& n) {
    b.array(4);
    reply_id(b, id);
    b.bulk(n.consumer->name);
    const int64_t elapsed = now - n.delivery_time;
    b.integer(elapsed < 0 ? 0 : elapsed);
    b.integer(static_cast<int64_t>(n.delivery_count));
  };
  std::string body;
  resp::ReplyBuilder b(body, c.reply.protocol());
  size_t n = 0;
  auto wanted = [&](const StreamNack& nack) {
    return min_idle == 0 || now - nack.delivery_time >= min_idle;
  };
  if (has_consumer) {
    const StreamConsumer* consumer = g->find_consumer(consumer_name);
    if (consumer == nullptr) return c.reply.empty_array();
    for (auto it = consumer->pel.lower_bound(start);
         count > 0 && it != consumer->pel.end() && it->first <= end; ++it) {
      if (!wanted(*it->second)) continue;
      reply_nack(b, it->first, *it->second);
      ++n;
      --count;
    }
  } else {
    for (auto it = g->pel.lower_bound(start); count > 0 && it != g->pel.end() && it->first <= end;
         ++it) {
      if (!wanted(it->second)) continue;
      reply_nack(b, it->first, it->second);
      ++n;
      --count;
    }
  }
  c.reply.array(n);
  c.reply.raw(body);
}

// ---- XCLAIM / XAUTOCLAIM --------------------------------------------------------

bool parse_min_idle(CommandContext& c, std::string_view arg, std::string_view cmd, int64_t& out) {
  if (!util::parse_int64(arg, out)) {
    c.reply.error("ERR Invalid min-idle-time argument for " + std::string(cmd));
    return false;
  }
  if (out < 0) out = 0;
  return true;
}

// The claimed entry in the reply: its ID (JUSTID) or [id, fields] (nil when
// the entry is gone, which a claim never picks).
void reply_claimed(resp::ReplyBuilder& b, const StreamValue& s, const StreamID& id, bool justid) {
  if (justid) {
    reply_id(b, id);
    return;
  }
  auto it = s.range(id, id);
  if (it.next()) {
    reply_entry(b, it);
  } else {
    b.null_bulk();
  }
}

// XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME ms]
//   [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID id]
void cmd_xclaim(CommandContext& c) {
  bool wrong = false;
  StreamValue* s = stream_or_null(c, c.arg(1), wrong);
  if (wrong) return;
  StreamGroup* g = s != nullptr ? s->find_group(c.arg(2)) : nullptr;
  if (g == nullptr) return c.reply.error(no_group(c.arg(1), c.arg(2), ""));
  int64_t min_idle = 0;
  if (!parse_min_idle(c, c.arg(4), "XCLAIM", min_idle)) return;

  std::vector<StreamID> ids;
  size_t j = 5;
  for (; j < c.argc(); ++j) {
    std::optional<StreamID> id = StreamID::parse(c.arg(j), 0);
    if (!id) break;
    ids.push_back(*id);
  }
  const int64_t now = c.now_ms();
  int64_t retrycount = -1, delivery_time = -1;
  bool force = false, justid = false;
  StreamID last_id;
  for (; j < c.argc(); ++j) {
    const bool more = j + 1 < c.argc();
    std::string_view opt = c.arg(j);
    if (word_equals(opt, "FORCE")) {
      force = true;
    } else if (word_equals(opt, "JUSTID")) {
      justid = true;
    } else if (word_equals(opt, "IDLE") && more) {
      if (!util::parse_int64(c.arg(++j), delivery_time)) {
        return c.reply.error("ERR Invalid IDLE option argument for XCLAIM");
      }
      delivery_time = now - delivery_time;
    } else if (word_equals(opt, "TIME") && more) {
      if (!util::parse_int64(c.arg(++j), delivery_time)) {
        return c.reply.error("ERR Invalid TIME option argument for XCLAIM");
      }
    } else if (word_equals(opt, "RETRYCOUNT") && more) {
      if (!util::parse_int64(c.arg(++j), retrycount)) {
        return c.reply.error("ERR Invalid RETRYCOUNT option argument for XCLAIM");
      }
    } else if (word_equals(opt, "LASTID") && more) {
      if (!parse_id(c, c.arg(++j), last_id, 0, true)) return;
    } else {
      return c.reply.error("ERR Unrecognized XCLAIM option '" + std::string(opt) + "'");
    }
  }
  bool propagate_last_id = false;
  if (last_id > g->last_id) {
    g->last_id = last_id;
    propagate_last_id = true;
  }
  if (delivery_time == -1 || delivery_time < 0 || delivery_time > now) delivery_time = now;

  std::string body;
  resp::ReplyBuilder b(body, c.reply.protocol());
  size_t n = 0;
  uint64_t changes = 0;
  StreamConsumer* consumer = nullptr;
  for (const StreamID& id : ids) {
    auto it = g->pel.find(id);
    if (!entry_exists(*s, id)) {
      if (it != g->pel.end()) {
        log_claim(c, c.arg(1), c.arg(2), *g, id, it->second);
        propagate_last_id = false;
        ++changes;
        g->ack(id);
      }
      continue;
    }
    if (force && it == g->pel.end()) {
      it = g->pel.try_emplace(id).first;
      it->second.delivery_time = now;
      it->second.delivery_count = 1;
    }
    if (it == g->pel.end()) continue;
    StreamNack& nack = it->second;
    if (nack.consumer != nullptr && min_idle > 0 && now - nack.delivery_time < min_idle) continue;
    if (consumer == nullptr) {
      bool created = false;
      consumer = seen_consumer(c, *g, c.arg(3), &created);
      if (created) c.notify(ev::kStream, "xgroup-createconsumer", c.arg(1));
    }
    g->assign(id, consumer);
    nack.delivery_time = delivery_time;
    if (retrycount >= 0) {
      nack.delivery_count = static_cast<uint64_t>(retrycount);
    } else if (!justid) {
      ++nack.delivery_count;
    }
    reply_claimed(b, *s, id, justid);
    ++n;
    log_claim(c, c.arg(1), c.arg(2), *g, id, nack);
    propagate_last_id = false;
    ++changes;
  }
  if (propagate_last_id) {
    log_group_id(c, c.arg(1), c.arg(2), *g);
    ++changes;
  }
  if (changes > 0) c.mark_dirty(changes);  // no WATCH signal, as in Redis
  c.reply.array(n);
  c.reply.raw(body);
}

// XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]
//   → [next start, claimed entries, IDs of deleted entries removed from the PEL]
void cmd_xautoclaim(CommandContext& c) {
  int64_t min_idle = 0;
  if (!parse_min_idle(c, c.arg(4), "XAUTOCLAIM", min_idle)) return;
  StreamID start;
  bool ex = false;
  if (!parse_interval_id(c, c.arg(5), start, ex, 0)) return;
  if (ex && !exclude_start(c, start)) return;
  int64_t count = 100;
  bool justid = false;
  constexpr int64_t kAttemptsFactor = 10;
  for (size_t j = 6; j < c.argc(); ++j) {
    const bool more = j + 1 < c.argc();
    if (word_equals(c.arg(j), "COUNT") && more) {
      constexpr int64_t kMaxCount = LONG_MAX / 16;  // max(sizeof(streamID), attempts factor)
      if (!util::parse_int64(c.arg(j + 1), count) || count < 1 || count > kMaxCount) {
        return c.reply.error("ERR COUNT must be > 0");
      }
      ++j;
    } else if (word_equals(c.arg(j), "JUSTID")) {
      justid = true;
    } else {
      return c.error(OpStatus::kSyntax);
    }
  }
  bool wrong = false;
  StreamValue* s = stream_or_null(c, c.arg(1), wrong);
  if (wrong) return;
  StreamGroup* g = s != nullptr ? s->find_group(c.arg(2)) : nullptr;
  if (g == nullptr) return c.reply.error(no_group(c.arg(1), c.arg(2), ""));

  const int64_t now = c.now_ms();
  int64_t attempts = count * kAttemptsFactor;
  std::vector<StreamID> deleted;
  std::string body;
  resp::ReplyBuilder b(body, c.reply.protocol());
  size_t n = 0;
  uint64_t changes = 0;
  StreamConsumer* consumer = nullptr;
  auto it = g->pel.lower_bound(start);
  while (attempts-- > 0 && count > 0 && it != g->pel.end()) {
    const StreamID id = it->first;
    StreamNack& nack = it->second;
    ++it;
    if (!entry_exists(*s, id)) {
      log_claim(c, c.arg(1), c.arg(2), *g, id, nack);
      ++changes;
      g->ack(id);
      deleted.push_back(id);
      --count;
      continue;
    }
    if (min_idle > 0 && now - nack.delivery_time < min_idle) continue;
    if (consumer == nullptr) {
      bool created = false;
      consumer = seen_consumer(c, *g, c.arg(3), &created);
      if (created) c.notify(ev::kStream, "xgroup-createconsumer", c.arg(1));
    }
    g->assign(id, consumer);
    nack.delivery_time = now;
    if (!justid) ++nack.delivery_count;
    reply_claimed(b, *s, id, justid);
    ++n;
    --count;
    log_claim(c, c.arg(1), c.arg(2), *g, id, nack);
    ++changes;
  }
  if (changes > 0) c.mark_dirty(changes);  // no WATCH signal, as in Redis
  c.reply.array(3);
  reply_id(c.reply, it != g->pel.end() ? it->first : StreamID{});
  c.reply.array(n);
  c.reply.raw(body);
  c.reply.array(deleted.size());
  for (const StreamID& id : deleted) reply_id(c.reply, id);
}

// clang-format off
const CommandSpec kSpecs[] = {
    {"xread", -4, kReadonly | kBlocking, acl::kStream, {ks::spec(ks::kRO | ks::kAccess, ks::keyword("STREAMS", 1), ks::range(-1, 1, 2))}, cmd_xread, Group::kStream, "Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.", "5.0.0", "For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data."},
    {"xreadgroup", -7, kWrite | kBlocking, acl::kStream, {ks::spec(ks::kRO | ks::kAccess, ks::keyword("STREAMS", 4), ks::range(-1, 1, 2))}, cmd_xreadgroup, Group::kStream, "Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.", "5.0.0", "For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data."},
    {"xgroup", -2, 0, 0, {}, nullptr, Group::kStream, "A container for consumer groups commands", "5.0.0", "Depends on subcommand.", {
         {"xgroup|create", -5, kWrite | kDenyOom, acl::kStream, {ks::key(2, ks::kRW | ks::kInsert)}, cmd_xgroup_create, Group::kStream, "Create a consumer group.", "5.0.0", "O(1)"},
         {"xgroup|createconsumer", 5, kWrite | kDenyOom, acl::kStream, {ks::key(2, ks::kRW | ks::kInsert)}, cmd_xgroup_createconsumer, Group::kStream, "Create a consumer in a consumer group.", "6.2.0", "O(1)"},
         {"xgroup|delconsumer", 5, kWrite, acl::kStream, {ks::key(2, ks::kRW | ks::kDelete)}, cmd_xgroup_delconsumer, Group::kStream, "Delete a consumer from a consumer group.", "5.0.0", "O(1)"},
         {"xgroup|destroy", 4, kWrite, acl::kStream, {ks::key(2, ks::kRW | ks::kDelete)}, cmd_xgroup_destroy, Group::kStream, "Destroy a consumer group.", "5.0.0", "O(N) where N is the number of entries in the group's pending entries list (PEL)."},
         {"xgroup|help", 2, kLoading | kStale, acl::kStream, {}, cmd_xgroup_help, Group::kStream, "Show helpful text about the different subcommands", "5.0.0", "O(1)"},
         {"xgroup|setid", -5, kWrite, acl::kStream, {ks::key(2, ks::kRW | ks::kUpdate)}, cmd_xgroup_setid, Group::kStream, "Set a consumer group to an arbitrary last delivered ID value.", "5.0.0", "O(1)"},
     }},
    {"xack", -4, kWrite | kFast, acl::kStream, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_xack, Group::kStream, "Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.", "5.0.0", "O(1) for each message ID processed."},
    {"xpending", -3, kReadonly, acl::kStream, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_xpending, Group::kStream, "Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.", "5.0.0", "O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer."},
    {"xclaim", -6, kWrite | kFast, acl::kStream, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_xclaim, Group::kStream, "Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.", "5.0.0", "O(log N) with N being the number of messages in the PEL of the consumer group."},
    {"xautoclaim", -6, kWrite | kFast, acl::kStream, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_xautoclaim, Group::kStream, "Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.", "6.2.0", "O(1) if COUNT is small."},
};
// clang-format on

}  // namespace

void register_stream_group_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
