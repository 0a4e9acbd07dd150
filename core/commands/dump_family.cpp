// DUMP and RESTORE (Redis 7.0 cluster.c semantics): a value serialized in
// Redis's own payload format (the RDB type byte and value, the RDB version,
// a CRC-64), so payloads move between IronKV and redis-server both ways.
// The RDB codec (persistence/rdb_encoder, rdb_loader) does the bytes; RESTORE
// checks the payload as Redis does (version, checksum, then the value with
// the loader's deep validation) before touching the key.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/commands/families.h"
#include "core/resp/errors.h"
#include "core/store/value.h"
#include "core/util/numbers.h"
#include "persistence/load_options.h"
#include "persistence/rdb_encoder.h"
#include "persistence/rdb_loader.h"

namespace ironkv::commands {

namespace ev = server::events;

using command::CommandContext;
using command::CommandSpec;
using command::word_equals;
using namespace command;  // CmdFlag names

namespace {

// DUMP key → the payload | nil
void cmd_dump(CommandContext& c) {
  store::Value* v = c.db().lookup_read(c.arg(1));
  if (v == nullptr) return c.reply.null_bulk();
  persistence::RdbWriteOptions opts;
  opts.compress = c.server.config.rdbcompression;
  c.reply.bulk(persistence::rdb_dump_payload(*v, opts));
}

// RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency] → OK
void cmd_restore(CommandContext& c) {
  bool replace = false, absttl = false;
  int64_t idle = -1, freq = -1;
  for (size_t j = 4; j < c.argc(); ++j) {
    const bool more = j + 1 < c.argc();
    if (word_equals(c.arg(j), "REPLACE")) {
      replace = true;
    } else if (word_equals(c.arg(j), "ABSTTL")) {
      absttl = true;
    } else if (word_equals(c.arg(j), "IDLETIME") && more && freq == -1) {
      if (!util::parse_int64(c.arg(j + 1), idle)) return c.error(OpStatus::kNotAnInteger);
      if (idle < 0) return c.reply.error("ERR Invalid IDLETIME value, must be >= 0");
      ++j;
    } else if (word_equals(c.arg(j), "FREQ") && more && idle == -1) {
      if (!util::parse_int64(c.arg(j + 1), freq)) return c.error(OpStatus::kNotAnInteger);
      if (freq < 0 || freq > 255) {
        return c.reply.error("ERR Invalid FREQ value, must be >= 0 and <= 255");
      }
      ++j;
    } else {
      return c.error(OpStatus::kSyntax);
    }
  }
  store::Database& db = c.db();
  const std::string_view key = c.arg(1);
  if (!replace && db.peek_write(key) != nullptr) {
    return c.reply.error("BUSYKEY Target key name already exists.");
  }
  int64_t ttl = 0;
  if (!util::parse_int64(c.arg(2), ttl)) return c.error(OpStatus::kNotAnInteger);
  if (ttl < 0) return c.reply.error("ERR Invalid TTL value, must be >= 0");

  persistence::RdbLoadOptions opts = persistence::rdb_load_options(c.server.config);
  opts.now_ms = std::numeric_limits<int64_t>::min();  // a payload has no expiry of its own
  persistence::RdbRestoreResult r = persistence::rdb_restore_payload(c.arg(3), c.keyspace, opts);
  if (r.status == persistence::RdbRestoreResult::Status::kBadFooter) {
    return c.reply.error("ERR DUMP payload version or checksum are wrong");
  }
  if (r.status != persistence::RdbRestoreResult::Status::kOk) {
    return c.reply.error("ERR Bad data format");
  }

  const bool deleted = replace && db.erase(key);
  if (ttl > 0 && !absttl) ttl += c.now_ms();
  if (ttl > 0 && ttl <= c.now_ms()) {
    // Already expired: nothing is created; a replaced key is just deleted.
    if (deleted) {
      if (c.logging()) c.log_as({"DEL", std::string(key)});
      c.notify(ev::kGeneric, "del", key);
      c.mark_dirty();
    }
    return c.reply.ok();
  }
  db.set(key, std::move(r.value));
  if (ttl > 0) db.set_expire(key, ttl);
  if (idle >= 0) {
    if (store::Database::Node* n = db.find_node(key)) {
      const int64_t clock = c.keyspace.lru_clock();
      n->aux = static_cast<uint32_t>(idle >= clock ? 0 : clock - idle);
    }
  }
  // Logged with an absolute TTL, so a replay restores the same expiry.
  if (c.logging() && ttl > 0 && !absttl) {
    server::OwnedArgv argv;
    for (std::string_view a : c.argv) argv.emplace_back(a);
    argv[2] = std::to_string(ttl);
    argv.emplace_back("ABSTTL");
    c.log_as(std::move(argv));
  }
  c.notify(ev::kGeneric, "restore", key);
  c.mark_dirty();
  c.reply.ok();
}

// clang-format off
const CommandSpec kSpecs[] = {
    {"dump", 2, kReadonly, acl::kKeyspace, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_dump, Group::kGeneric, "Return a serialized version of the value stored at the specified key.", "2.6.0", "O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1)."},
    {"restore", -4, kWrite | kDenyOom, acl::kKeyspace | acl::kDangerous, {ks::key(1, ks::kOW | ks::kUpdate)}, cmd_restore, Group::kGeneric, "Create a key using the provided serialized value, previously obtained using DUMP.", "2.6.0", "O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N))."},
};
// clang-format on

}  // namespace

void register_dump_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
