// Consumer groups (Redis 7.0 t_stream.c semantics): XGROUP XACK XPENDING XCLAIM
// XAUTOCLAIM. Reading through a group (XREADGROUP) is in stream_read_family.cpp.
// Claims are logged as Redis propagates them (stream::log_claim), so an AOF
// replay rebuilds the same PELs.

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
#include "core/store/stream_value.h"
#include "core/util/numbers.h"

namespace ironkv::commands {

namespace ev = server::events;

using command::CommandContext;
using command::CommandSpec;
using command::word_equals;
using store::Lookup;
using store::StreamConsumer;
using store::StreamGroup;
using store::StreamID;
using store::StreamNack;
using store::StreamValue;
using namespace stream;   // NOLINT: the family's own helpers
using namespace command;  // CmdFlag names

namespace {

bool entry_exists(const StreamValue& s, const StreamID& id) {
  auto it = s.range(id, id);
  return it.next();
}

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
