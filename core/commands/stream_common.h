#pragma once
// What the stream command files share (stream_family.cpp: XADD XRANGE XDEL XTRIM
// XSETID XINFO ...; stream_read_family.cpp: XREAD XREADGROUP;
// stream_group_family.cpp: XGROUP XACK XPENDING XCLAIM XAUTOCLAIM): ID arguments with Redis 7.0's
// errors, entries in replies, and the node limits from the config. Keys are looked up with
// Database::find<store::StreamValue>.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/command/context.h"
#include "core/store/stream_value.h"

namespace ironkv::commands::stream {

using store::StreamID;
using store::StreamValue;

inline constexpr std::string_view kInvalidId =
    "ERR Invalid stream ID specified as stream command argument";
inline constexpr std::string_view kNoGroupPrefix = "NOGROUP No such key '";

store::StreamLimits limits(const command::CommandContext& c);

// streamGenericParseIDOrReply: "ms-seq" or "ms" (seq = missing_seq); "-" and "+"
// unless strict; with seq_given non-null also "ms-*" (then *seq_given = false).
// On a bad ID replies kInvalidId and returns false.
bool parse_id(command::CommandContext& c, std::string_view arg, StreamID& out, uint64_t missing_seq,
              bool strict = false, bool* seq_given = nullptr);
// A range bound (XRANGE, XPENDING, XAUTOCLAIM start): "(id" is exclusive.
bool parse_interval_id(command::CommandContext& c, std::string_view arg, StreamID& out,
                       bool& exclusive, uint64_t missing_seq);
// Applies an exclusive start/end bound: the next/previous ID, or replies
// "ERR invalid start|end ID for the interval" when there is none.
bool exclude_start(command::CommandContext& c, StreamID& id);
bool exclude_end(command::CommandContext& c, StreamID& id);

void reply_id(resp::ReplyBuilder& r, const StreamID& id);
// One entry as Redis replies it: [id, [field, value, ...]].
void reply_entry(resp::ReplyBuilder& r, const StreamValue::Iterator& it);
// Replies the entries in [start, end], at most `count` (0 = all), as an array;
// on_entry(id) runs for each before its reply (XREADGROUP records deliveries).
// Returns how many were replied.
size_t reply_range(resp::ReplyBuilder& r, const StreamValue& s, const StreamID& start,
                   const StreamID& end, size_t count, bool rev,
                   const std::function<void(const StreamID&)>& on_entry = {});

// A stream key for a command that does not create one: nullptr when missing;
// WRONGTYPE replied (and *wrong set) when it holds another type. Commands that
// change a group's state look it up with kPeek: the snapshot sees the change
// coming, but WATCH does not, as Redis's group commands never signal it.
StreamValue* stream_or_null(command::CommandContext& c, std::string_view key, bool& wrong,
                            store::Lookup how = store::Lookup::kPeek);

// streamLookupConsumer(SLC_DEFAULT) + streamCreateConsumer: the consumer,
// seen now. *created tells whether it is new.
store::StreamConsumer* seen_consumer(command::CommandContext& c, store::StreamGroup& g,
                                     std::string_view name, bool* created = nullptr);

// ---- propagation: a group's changes as Redis replicates them
// "XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n FORCE JUSTID LASTID id".
void log_claim(command::CommandContext& c, std::string_view key, std::string_view group_name,
               const store::StreamGroup& g, const StreamID& id, const store::StreamNack& n);
// "XGROUP SETID key group id ENTRIESREAD n".
void log_group_id(command::CommandContext& c, std::string_view key, std::string_view group_name,
                  const store::StreamGroup& g);
// A consumer made as a side effect (XREADGROUP that delivers nothing): Redis
// does not propagate it; the log keeps it so a reload shows the same consumers.
void log_new_consumer(command::CommandContext& c, std::string_view key, std::string_view group_name,
                      std::string_view consumer);

// "NOGROUP No such key '<key>' or consumer group '<group>'" + the command's tail.
std::string no_group(std::string_view key, std::string_view group, std::string_view tail);

}  // namespace ironkv::commands::stream
