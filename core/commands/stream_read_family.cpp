// Reading streams (Redis 7.0 t_stream.c semantics): XREAD and XREADGROUP, both
// of which may block. A group read's deliveries are logged as Redis propagates
// them (XCLAIM ... FORCE JUSTID, then XGROUP SETID ... ENTRIESREAD), so an AOF
// replay rebuilds the same PELs without re-reading anything.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/commands/families.h"
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

// clang-format off
const CommandSpec kSpecs[] = {
    {"xread", -4, kReadonly | kBlocking, acl::kStream, {ks::spec(ks::kRO | ks::kAccess, ks::keyword("STREAMS", 1), ks::range(-1, 1, 2))}, cmd_xread, Group::kStream, "Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.", "5.0.0", "For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data."},
    {"xreadgroup", -7, kWrite | kBlocking, acl::kStream, {ks::spec(ks::kRO | ks::kAccess, ks::keyword("STREAMS", 4), ks::range(-1, 1, 2))}, cmd_xreadgroup, Group::kStream, "Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.", "5.0.0", "For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data."},
};
// clang-format on

}  // namespace

void register_stream_read_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
