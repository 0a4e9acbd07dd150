// Stream commands without consumer groups (Redis 7.0 t_stream.c semantics):
// XADD XLEN XRANGE XREVRANGE XDEL XTRIM XSETID XINFO. The consumer-group and
// reading commands are in stream_group_family.cpp.
//
// The data logic lives in store::StreamValue; handlers here parse arguments in
// Redis's order (so the same bad input gets the same error), look the key up
// and reply. Unlike the other types, a stream that empties keeps its key.

#include <cstdint>
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
#include "core/util/strings.h"

namespace ironkv::commands {

namespace ev = server::events;

using command::ArgCursor;
using command::CommandContext;
using command::CommandSpec;
using store::Lookup;
using store::StreamGroup;
using store::StreamID;
using store::StreamValue;
using namespace stream;   // NOLINT: the family's own helpers
using namespace command;  // CmdFlag names

namespace {

constexpr std::string_view kMaxLenMinId =
    "ERR syntax error, MAXLEN and MINID options at the same time are not compatible";
constexpr size_t kMaxFieldsBytes = size_t{1} << 30;  // STREAM_LISTPACK_MAX_SIZE

// XADD / XTRIM options (streamAddTrimArgs).
struct AddTrimArgs {
  StreamValue::Trim trim;
  size_t trim_arg = 0;  // argv index of the MAXLEN/MINID threshold
  bool limit_given = false;
  bool no_mkstream = false;
  bool id_given = false;
  bool seq_given = true;
  StreamID id;
  size_t id_pos = 0;  // XADD: argv index of the ID ("*" included)
};

bool is_word(std::string_view a, char ch) { return a.size() == 1 && a[0] == ch; }

// streamParseAddOrTrimArgsOrReply. Returns false after replying an error.
bool parse_add_trim(CommandContext& c, AddTrimArgs& a, bool xadd) {
  using Kind = StreamValue::Trim::Kind;
  size_t i = 2;
  const size_t argc = c.argc();
  for (; i < argc; ++i) {
    const size_t more = argc - 1 - i;
    std::string_view opt = c.arg(i);
    if (xadd && is_word(opt, '*')) break;
    const bool maxlen = command::word_equals(opt, "maxlen");
    if ((maxlen || command::word_equals(opt, "minid")) && more > 0) {
      if (a.trim.kind != Kind::kNone) {
        c.reply.error(kMaxLenMinId);
        return false;
      }
      a.trim.approx = false;
      std::string_view next = c.arg(i + 1);
      if (more >= 2 && (is_word(next, '~') || is_word(next, '='))) {
        a.trim.approx = next[0] == '~';
        ++i;
      }
      if (maxlen) {
        int64_t n = 0;
        if (!util::parse_int64(c.arg(i + 1), n)) {
          c.error(OpStatus::kNotAnInteger);
          return false;
        }
        if (n < 0) {
          c.reply.error("ERR The MAXLEN argument must be >= 0.");
          return false;
        }
        a.trim.maxlen = static_cast<uint64_t>(n);
        a.trim.kind = Kind::kMaxLen;
      } else {
        if (!parse_id(c, c.arg(i + 1), a.trim.minid, 0, true)) return false;
        a.trim.kind = Kind::kMinId;
      }
      ++i;
      a.trim_arg = i;
    } else if (command::word_equals(opt, "limit") && more > 0) {
      int64_t n = 0;
      if (!util::parse_int64(c.arg(i + 1), n)) {
        c.error(OpStatus::kNotAnInteger);
        return false;
      }
      if (n < 0) {
        c.reply.error("ERR The LIMIT argument must be >= 0.");
        return false;
      }
      a.trim.limit = n;
      a.limit_given = true;
      ++i;
    } else if (xadd && command::word_equals(opt, "nomkstream")) {
      a.no_mkstream = true;
    } else if (xadd) {
      // An ID, or a syntax error reported as a bad ID.
      if (!parse_id(c, opt, a.id, 0, true, &a.seq_given)) return false;
      a.id_given = true;
      break;
    } else {
      c.error(OpStatus::kSyntax);
      return false;
    }
  }
  a.id_pos = i;
  if (a.trim.limit && a.trim.kind == Kind::kNone) {
    c.reply.error("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
    return false;
  }
  if (!xadd && a.trim.kind == Kind::kNone) {
    c.reply.error("ERR syntax error, XTRIM must be called with a trimming strategy");
    return false;
  }
  if (c.server.loading.load(std::memory_order_relaxed)) {
    // The log holds the exact trim that happened (see log_trim); no cap.
    a.trim.limit = 0;
  } else if (a.limit_given) {
    if (!a.trim.approx) {
      c.reply.error("ERR syntax error, LIMIT cannot be used without the special ~ option");
      return false;
    }
  } else if (a.trim.approx) {
    // Caps the work of an approximate trim (100 nodes' worth of entries).
    int64_t lim = c.server.config.stream_node_max_entries;
    lim = lim > 0 && lim <= 10000 ? 100 * lim : (lim <= 0 ? 10000 : 1000000);
    a.trim.limit = lim;
  } else {
    a.trim.limit = 0;
  }
  return true;
}

// Redis propagates an approximate trim as the exact one that happened
// (streamRewriteApproxSpecifier / streamRewriteTrimArgument): "~" becomes "="
// and the threshold the stream's length or first ID after the trim.
void rewrite_trim(const AddTrimArgs& a, const StreamValue& s, server::OwnedArgv& argv) {
  if (!a.trim.approx) return;
  argv[a.trim_arg - 1] = "=";
  if (a.trim.kind == StreamValue::Trim::Kind::kMaxLen) {
    argv[a.trim_arg] = std::to_string(s.length());
  } else {
    argv[a.trim_arg] = s.first_entry_id().value_or(StreamID::max()).str();
  }
}

server::OwnedArgv owned(const CommandContext& c) {
  server::OwnedArgv v;
  v.reserve(c.argc());
  for (std::string_view a : c.argv) v.emplace_back(a);
  return v;
}

// XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value
// [field value ...] → the entry's ID | nil (NOMKSTREAM on a missing key)
void cmd_xadd(CommandContext& c) {
  AddTrimArgs a;
  if (!parse_add_trim(c, a, true)) return;
  const size_t field_pos = a.id_pos + 1;
  if (c.argc() < field_pos + 2 || (c.argc() - field_pos) % 2 == 1) {
    return c.reply.error(command::arity_error(c.spec.name));
  }
  if (a.id_given && a.seq_given && a.id.zero()) {
    return c.reply.error("ERR The ID specified in XADD must be greater than 0-0");
  }
  store::Database& db = c.db();
  OpResult<StreamValue*> found = db.find<StreamValue>(c.arg(1), Lookup::kWrite);
  if (found.wrong_type()) return c.error(found.status());
  if (!found && a.no_mkstream) return c.reply.null_bulk();
  StreamValue& s = found ? **found : *db.create<StreamValue>(c.arg(1));
  if (s.last_id() == StreamID::max()) {
    return c.reply.error(
        "ERR The stream has exhausted the last possible ID, unable to add more items");
  }

  // streamAppendItem's choice of ID.
  StreamID id;
  bool seq_exhausted = false;
  if (a.id_given) {
    if (a.seq_given) {
      id = a.id;
    } else if (s.last_id().ms == a.id.ms) {
      id = s.last_id();
      seq_exhausted = !id.incr() || id.ms != a.id.ms;
    } else {
      id = a.id;
    }
  } else {
    const uint64_t now = static_cast<uint64_t>(c.now_ms());
    id = s.last_id();
    if (now > id.ms) {
      id = StreamID{now, 0};
    } else {
      id.incr();
    }
  }
  if (seq_exhausted) {
    // Redis 7.0 fails here without setting errno, so XADD answers with its
    // other error text (unless errno still holds an earlier EDOM).
    return c.reply.error("ERR Elements are too large to be stored");
  }
  if (id <= s.last_id()) {
    return c.reply.error(
        "ERR The ID specified in XADD is equal or smaller than the target stream top item");
  }
  const std::span<const std::string_view> fv = c.argv.subspan(field_pos);
  size_t total = 0;
  for (std::string_view f : fv) total += f.size();
  if (total > kMaxFieldsBytes) return c.reply.error("ERR Elements are too large to be stored");

  s.append(id, fv, limits(c));
  const std::string id_text = id.str();
  c.reply.bulk(id_text);
  c.mark_dirty();
  c.notify(ev::kStream, "xadd", c.arg(1));
  bool trimmed = false;
  if (a.trim.kind != StreamValue::Trim::Kind::kNone && s.trim(a.trim) > 0) {
    trimmed = true;
    c.notify(ev::kStream, "xtrim", c.arg(1));
  }
  if (c.logging() && (a.trim.approx || !a.id_given || !a.seq_given)) {
    server::OwnedArgv argv = owned(c);
    if (trimmed || a.trim.approx) rewrite_trim(a, s, argv);
    argv[a.id_pos] = id_text;
    c.log_as(std::move(argv));
  }
  c.signal_key_ready(c.arg(1));
}

// XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count] → entries removed
void cmd_xtrim(CommandContext& c) {
  AddTrimArgs a;
  if (!parse_add_trim(c, a, false)) return;
  OpResult<StreamValue*> found = c.db().find<StreamValue>(c.arg(1), Lookup::kWrite);
  if (found.wrong_type()) return c.error(found.status());
  if (!found) return c.reply.integer(0);
  const int64_t deleted = found->trim(a.trim);
  if (deleted > 0) {
    c.notify(ev::kStream, "xtrim", c.arg(1));
    if (c.logging() && a.trim.approx) {
      server::OwnedArgv argv = owned(c);
      rewrite_trim(a, **found, argv);
      c.log_as(std::move(argv));
    }
    c.mark_dirty(static_cast<uint64_t>(deleted));
  }
  c.reply.integer(deleted);
}

// XLEN key → entries
void cmd_xlen(CommandContext& c) {
  OpResult<StreamValue*> found = c.db().find<StreamValue>(c.arg(1), Lookup::kRead);
  if (found.wrong_type()) return c.error(found.status());
  c.reply.integer(found ? static_cast<int64_t>(found->length()) : 0);
}

// XRANGE key start end [COUNT count] / XREVRANGE key end start [COUNT count]
void xrange_generic(CommandContext& c, bool rev) {
  std::string_view start_arg = c.arg(rev ? 3 : 2), end_arg = c.arg(rev ? 2 : 3);
  StreamID start, end;
  bool start_ex = false, end_ex = false;
  if (!parse_interval_id(c, start_arg, start, start_ex, 0)) return;
  if (start_ex && !exclude_start(c, start)) return;
  if (!parse_interval_id(c, end_arg, end, end_ex, UINT64_MAX)) return;
  if (end_ex && !exclude_end(c, end)) return;
  int64_t count = -1;
  for (size_t j = 4; j < c.argc(); ++j) {
    if (command::word_equals(c.arg(j), "count") && j + 1 < c.argc()) {
      if (!util::parse_int64(c.arg(j + 1), count)) return c.error(OpStatus::kNotAnInteger);
      if (count < 0) count = 0;
      ++j;
    } else {
      return c.error(OpStatus::kSyntax);
    }
  }
  OpResult<StreamValue*> found = c.db().find<StreamValue>(c.arg(1), Lookup::kRead);
  if (found.wrong_type()) return c.error(found.status());
  if (!found) return c.reply.empty_array();
  if (count == 0) return c.reply.null_array();
  reply_range(c.reply, **found, start, end, count < 0 ? 0 : static_cast<size_t>(count), rev);
}

void cmd_xrange(CommandContext& c) { xrange_generic(c, false); }
void cmd_xrevrange(CommandContext& c) { xrange_generic(c, true); }

// XDEL key id [id ...] → entries deleted
void cmd_xdel(CommandContext& c) {
  OpResult<StreamValue*> found = c.db().find<StreamValue>(c.arg(1), Lookup::kWrite);
  if (found.wrong_type()) return c.error(found.status());
  if (!found) return c.reply.integer(0);
  // Every ID is checked before anything is deleted.
  std::vector<StreamID> ids(c.argc() - 2);
  for (size_t j = 2; j < c.argc(); ++j) {
    if (!parse_id(c, c.arg(j), ids[j - 2], 0, true)) return;
  }
  int64_t deleted = 0;
  for (const StreamID& id : ids) deleted += found->erase(id) ? 1 : 0;
  if (deleted > 0) {
    c.notify(ev::kStream, "xdel", c.arg(1));
    c.mark_dirty(static_cast<uint64_t>(deleted));
  }
  c.reply.integer(deleted);
}

// XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id] → OK
void cmd_xsetid(CommandContext& c) {
  StreamID id, max_xdel;
  int64_t entries_added = -1;
  if (!parse_id(c, c.arg(2), id, 0, true)) return;
  for (size_t i = 3; i < c.argc();) {
    const bool more = i + 1 < c.argc();
    if (command::word_equals(c.arg(i), "entriesadded") && more) {
      if (!util::parse_int64(c.arg(i + 1), entries_added)) return c.error(OpStatus::kNotAnInteger);
      if (entries_added < 0) return c.reply.error("ERR entries_added must be positive");
      i += 2;
    } else if (command::word_equals(c.arg(i), "maxdeletedid") && more) {
      if (!parse_id(c, c.arg(i + 1), max_xdel, 0, true)) return;
      if (id < max_xdel) {
        return c.reply.error(
            "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
      }
      i += 2;
    } else {
      return c.error(OpStatus::kSyntax);
    }
  }
  // kPeek: Redis 7.0's XSETID does not signal WATCH.
  OpResult<StreamValue*> found = c.db().find<StreamValue>(c.arg(1), Lookup::kPeek);
  if (found.wrong_type()) return c.error(found.status());
  if (!found) return c.error(OpStatus::kKeyNotFound);
  StreamValue& s = **found;
  if (s.length() > 0) {
    if (id < s.last_entry_id().value_or(StreamID::min())) {
      return c.reply.error(
          "ERR The ID specified in XSETID is smaller than the target stream top item");
    }
    if (entries_added != -1 && s.length() > static_cast<uint64_t>(entries_added)) {
      return c.reply.error(
          "ERR The entries_added specified in XSETID is smaller than the target stream length");
    }
  }
  s.set_last_id(id);
  if (entries_added != -1) s.set_entries_added(static_cast<uint64_t>(entries_added));
  if (!max_xdel.zero()) s.set_max_deleted_id(max_xdel);
  c.reply.ok();
  c.notify(ev::kStream, "xsetid", c.arg(1));
  c.mark_dirty();
}

// ---- XINFO -----------------------------------------------------------------

std::string subcommand_error(std::string_view sub) {
  std::string m = "ERR unknown subcommand or wrong number of arguments for '";
  m.append(sub).append("'. Try XINFO HELP.");
  return m;
}

// The key every XINFO subcommand but HELP reads first ("ERR no such key").
StreamValue* xinfo_stream_or_reply(CommandContext& c) {
  OpResult<StreamValue*> found = c.db().find<StreamValue>(c.arg(2), Lookup::kRead);
  if (!found) {
    c.error(found.status());
    return nullptr;
  }
  return *found;
}

// A group's last-delivered-id, entries-read and lag fields (XINFO GROUPS and
// STREAM FULL); the unknown ones are nil.
void reply_group_position(CommandContext& c, const StreamValue& s, const StreamGroup& g) {
  c.reply.bulk("last-delivered-id");
  reply_id(c.reply, g.last_id);
  c.reply.bulk("entries-read");
  if (g.entries_read != store::kEntriesReadInvalid) {
    c.reply.integer(g.entries_read);
  } else {
    c.reply.null_bulk();
  }
  c.reply.bulk("lag");
  if (std::optional<int64_t> lag = s.group_lag(g)) {
    c.reply.integer(*lag);
  } else {
    c.reply.null_bulk();
  }
}

// XINFO CONSUMERS key group → [{name, pending, idle} ...]
void cmd_xinfo_consumers(CommandContext& c) {
  StreamValue* s = xinfo_stream_or_reply(c);
  if (s == nullptr) return;
  const StreamGroup* g = s->find_group(c.arg(3));
  if (g == nullptr) {
    std::string m = "NOGROUP No such consumer group '";
    m.append(c.arg(3)).append("' for key name '").append(c.arg(2)).append("'");
    return c.reply.error(m);
  }
  const int64_t now = c.now_ms();
  c.reply.array(g->consumers.size());
  for (const auto& [name, consumer] : g->consumers) {
    c.reply.map(3);
    c.reply.bulk("name");
    c.reply.bulk(name);
    c.reply.bulk("pending");
    c.reply.integer(static_cast<int64_t>(consumer->pel.size()));
    c.reply.bulk("idle");
    const int64_t idle = now - consumer->seen_time;
    c.reply.integer(idle < 0 ? 0 : idle);
  }
}

// XINFO GROUPS key → [{name, consumers, pending, last-delivered-id, entries-read, lag} ...]
void cmd_xinfo_groups(CommandContext& c) {
  StreamValue* s = xinfo_stream_or_reply(c);
  if (s == nullptr) return;
  c.reply.array(s->groups().size());
  for (const auto& [name, g] : s->groups()) {
    c.reply.map(6);
    c.reply.bulk("name");
    c.reply.bulk(name);
    c.reply.bulk("consumers");
    c.reply.integer(static_cast<int64_t>(g->consumers.size()));
    c.reply.bulk("pending");
    c.reply.integer(static_cast<int64_t>(g->pel.size()));
    reply_group_position(c, *s, *g);
  }
}

// The fields XINFO STREAM starts with, with and without FULL.
void reply_stream_head(CommandContext& c, const StreamValue& s) {
  c.reply.bulk("length");
  c.reply.integer(static_cast<int64_t>(s.length()));
  c.reply.bulk("radix-tree-keys");
  c.reply.integer(static_cast<int64_t>(s.node_count()));
  c.reply.bulk("radix-tree-nodes");
  c.reply.integer(static_cast<int64_t>(s.radix_tree_nodes()));
  c.reply.bulk("last-generated-id");
  reply_id(c.reply, s.last_id());
  c.reply.bulk("max-deleted-entry-id");
  reply_id(c.reply, s.max_deleted_id());
  c.reply.bulk("entries-added");
  c.reply.integer(static_cast<int64_t>(s.entries_added()));
  c.reply.bulk("recorded-first-entry-id");
  reply_id(c.reply, s.first_id());
}

void reply_edge_entry(CommandContext& c, const StreamValue& s, bool last) {
  auto it = s.range(StreamID::min(), StreamID::max(), last);
  if (it.next()) {
    reply_entry(c.reply, it);
  } else {
    c.reply.null_bulk();
  }
}

// The groups of XINFO STREAM … FULL, each with at most `count` PEL entries
// (0 = all) in the group and in each consumer.
void reply_full_groups(CommandContext& c, const StreamValue& s, size_t count) {
  c.reply.array(s.groups().size());
  for (const auto& [name, g] : s.groups()) {
    c.reply.map(7);
    c.reply.bulk("name");
    c.reply.bulk(name);
    reply_group_position(c, s, *g);
    c.reply.bulk("pel-count");
    c.reply.integer(static_cast<int64_t>(g->pel.size()));
    c.reply.bulk("pending");
    const size_t np = count == 0 ? g->pel.size() : std::min(count, g->pel.size());
    c.reply.array(np);
    size_t n = 0;
    for (auto it = g->pel.begin(); n < np; ++it, ++n) {
      c.reply.array(4);
      reply_id(c.reply, it->first);
      c.reply.bulk(it->second.consumer->name);
      c.reply.integer(it->second.delivery_time);
      c.reply.integer(static_cast<int64_t>(it->second.delivery_count));
    }
    c.reply.bulk("consumers");
    c.reply.array(g->consumers.size());
    for (const auto& [cname, consumer] : g->consumers) {
      c.reply.map(4);
      c.reply.bulk("name");
      c.reply.bulk(cname);
      c.reply.bulk("seen-time");
      c.reply.integer(consumer->seen_time);
      c.reply.bulk("pel-count");
      c.reply.integer(static_cast<int64_t>(consumer->pel.size()));
      c.reply.bulk("pending");
      const size_t cp = count == 0 ? consumer->pel.size() : std::min(count, consumer->pel.size());
      c.reply.array(cp);
      size_t k = 0;
      for (auto it = consumer->pel.begin(); k < cp; ++it, ++k) {
        c.reply.array(3);
        reply_id(c.reply, it->first);
        c.reply.integer(it->second->delivery_time);
        c.reply.integer(static_cast<int64_t>(it->second->delivery_count));
      }
    }
  }
}

// XINFO STREAM key [FULL [COUNT count]]
void cmd_xinfo_stream(CommandContext& c) {
  StreamValue* s = xinfo_stream_or_reply(c);
  if (s == nullptr) return;
  const size_t extra = c.argc() - 3;
  int64_t count = 10;  // FULL's default, so a huge stream does not block the server
  bool full = false;
  if (extra == 1 || extra == 3) {
    if (!command::word_equals(c.arg(3), "full")) return c.reply.error(subcommand_error(c.arg(1)));
    full = true;
    if (extra == 3) {
      if (!command::word_equals(c.arg(4), "count"))
        return c.reply.error(subcommand_error(c.arg(1)));
      if (!util::parse_int64(c.arg(5), count)) return c.error(OpStatus::kNotAnInteger);
      if (count < 0) count = 10;
    }
  } else if (extra != 0) {
    return c.reply.error(subcommand_error(c.arg(1)));
  }
  if (!full) {
    c.reply.map(10);
    reply_stream_head(c, *s);
    c.reply.bulk("groups");
    c.reply.integer(static_cast<int64_t>(s->groups().size()));
    c.reply.bulk("first-entry");
    reply_edge_entry(c, *s, false);
    c.reply.bulk("last-entry");
    reply_edge_entry(c, *s, true);
    return;
  }
  c.reply.map(9);
  reply_stream_head(c, *s);
  c.reply.bulk("entries");
  reply_range(c.reply, *s, StreamID::min(), StreamID::max(), static_cast<size_t>(count), false);
  c.reply.bulk("groups");
  reply_full_groups(c, *s, static_cast<size_t>(count));
}

void cmd_xinfo_help(CommandContext& c) {
  reply_help(c, {
                    "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "CONSUMERS <key> <groupname>",
                    "    Show consumers of <groupname>.",
                    "GROUPS <key>",
                    "    Show the stream consumer groups.",
                    "STREAM <key> [FULL [COUNT <count>]",
                    "    Show information about the stream.",
                    "HELP",
                    "    Prints this help.",
                });
}

// clang-format off
const CommandSpec kSpecs[] = {
    {"xadd", -5, kWrite | kDenyOom | kFast, acl::kStream, {ks::spec(ks::kRW | ks::kUpdate, ks::index(1), ks::range(0, 1, 0), "UPDATE instead of INSERT because of the optional trimming feature")}, cmd_xadd, Group::kStream, "Appends a new entry to a stream", "5.0.0", "O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted."},
    {"xlen", 2, kReadonly | kFast, acl::kStream, {ks::key(1, ks::kRO)}, cmd_xlen, Group::kStream, "Return the number of entries in a stream", "5.0.0", "O(1)"},
    {"xrange", -4, kReadonly, acl::kStream, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_xrange, Group::kStream, "Return a range of elements in a stream, with IDs matching the specified IDs interval", "5.0.0", "O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1)."},
    {"xrevrange", -4, kReadonly, acl::kStream, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_xrevrange, Group::kStream, "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE", "5.0.0", "O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1)."},
    {"xdel", -3, kWrite | kFast, acl::kStream, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_xdel, Group::kStream, "Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.", "5.0.0", "O(1) for each single item to delete in the stream, regardless of the stream size."},
    {"xtrim", -4, kWrite, acl::kStream, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_xtrim, Group::kStream, "Trims the stream to (approximately if '~' is passed) a certain size", "5.0.0", "O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation."},
    {"xsetid", -3, kWrite | kDenyOom | kFast, acl::kStream, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_xsetid, Group::kStream, "An internal command for replicating stream values", "5.0.0", "O(1)"},
    {"xinfo", -2, 0, 0, {}, nullptr, Group::kStream, "A container for stream introspection commands", "5.0.0", "Depends on subcommand.", {
         {"xinfo|consumers", 4, kReadonly, acl::kStream, {ks::key(2, ks::kRO | ks::kAccess)}, cmd_xinfo_consumers, Group::kStream, "List the consumers in a consumer group", "5.0.0", "O(1)"},
         {"xinfo|groups", 3, kReadonly, acl::kStream, {ks::key(2, ks::kRO | ks::kAccess)}, cmd_xinfo_groups, Group::kStream, "List the consumer groups of a stream", "5.0.0", "O(1)"},
         {"xinfo|help", 2, kLoading | kStale, acl::kStream, {}, cmd_xinfo_help, Group::kStream, "Show helpful text about the different subcommands", "5.0.0", "O(1)"},
         {"xinfo|stream", -3, kReadonly, acl::kStream, {ks::key(2, ks::kRO | ks::kAccess)}, cmd_xinfo_stream, Group::kStream, "Get information about a stream", "5.0.0", "O(1)"},
     }},
};
// clang-format on

}  // namespace

void register_stream_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
