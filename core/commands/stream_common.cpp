#include "core/commands/stream_common.h"

#include <cstdio>

namespace ironkv::commands::stream {

store::StreamLimits limits(const command::CommandContext& c) {
  return store::StreamLimits{static_cast<size_t>(c.server.config.stream_node_max_bytes),
                             c.server.config.stream_node_max_entries};
}

bool parse_id(command::CommandContext& c, std::string_view arg, StreamID& out, uint64_t missing_seq,
              bool strict, bool* seq_given) {
  if (seq_given != nullptr) *seq_given = true;
  if (arg.size() == 1 && !strict && (arg[0] == '-' || arg[0] == '+')) {
    out = arg[0] == '-' ? StreamID::min() : StreamID::max();
    return true;
  }
  if (seq_given != nullptr && arg.size() > 2 && arg.substr(arg.size() - 2) == "-*") {
    auto id = StreamID::parse(arg.substr(0, arg.size() - 2), 0);
    if (id && arg.find('-') == arg.size() - 2) {
      out = *id;
      *seq_given = false;
      return true;
    }
  }
  auto id = StreamID::parse(arg, missing_seq);
  if (!id) {
    c.reply.error(kInvalidId);
    return false;
  }
  out = *id;
  return true;
}

bool parse_interval_id(command::CommandContext& c, std::string_view arg, StreamID& out,
                       bool& exclusive, uint64_t missing_seq) {
  exclusive = false;
  if (arg.size() > 1 && arg[0] == '(') {
    exclusive = true;
    return parse_id(c, arg.substr(1), out, missing_seq, true);
  }
  return parse_id(c, arg, out, missing_seq);
}

bool exclude_start(command::CommandContext& c, StreamID& id) {
  if (id.incr()) return true;
  c.reply.error("ERR invalid start ID for the interval");
  return false;
}

bool exclude_end(command::CommandContext& c, StreamID& id) {
  if (id.decr()) return true;
  c.reply.error("ERR invalid end ID for the interval");
  return false;
}

void reply_id(resp::ReplyBuilder& r, const StreamID& id) {
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%llu-%llu", static_cast<unsigned long long>(id.ms),
                        static_cast<unsigned long long>(id.seq));
  r.bulk(std::string_view(buf, static_cast<size_t>(n)));
}

void reply_entry(resp::ReplyBuilder& r, const StreamValue::Iterator& it) {
  r.array(2);
  reply_id(r, it.id());
  r.array(it.field_count() * 2);
  it.for_each_field([&](std::string_view f, std::string_view v) {
    r.bulk(f);
    r.bulk(v);
  });
}

size_t reply_range(resp::ReplyBuilder& r, const StreamValue& s, const StreamID& start,
                   const StreamID& end, size_t count, bool rev,
                   const std::function<void(const StreamID&)>& on_entry) {
  std::string body;
  resp::ReplyBuilder b(body, r.protocol());
  size_t n = 0;
  auto it = s.range(start, end, rev);
  while ((count == 0 || n < count) && it.next()) {
    if (on_entry) on_entry(it.id());
    reply_entry(b, it);
    ++n;
  }
  r.array(n);
  r.raw(body);
  return n;
}

StreamValue* stream_or_null(command::CommandContext& c, std::string_view key, bool& wrong,
                            store::Lookup how) {
  OpResult<StreamValue*> found = c.db().find<StreamValue>(key, how);
  wrong = found.wrong_type();
  if (wrong) c.error(found.status());
  return found ? *found : nullptr;
}

store::StreamConsumer* seen_consumer(command::CommandContext& c, store::StreamGroup& g,
                                     std::string_view name, bool* created) {
  const int64_t now = c.now_ms();
  store::StreamConsumer* consumer = g.find_consumer(name);
  if (created != nullptr) *created = consumer == nullptr;
  if (consumer == nullptr) return g.create_consumer(name, now);
  consumer->seen_time = now;
  return consumer;
}

void log_claim(command::CommandContext& c, std::string_view key, std::string_view group_name,
               const store::StreamGroup& g, const StreamID& id, const store::StreamNack& n) {
  if (!c.logging()) return;
  c.log_as({"XCLAIM", std::string(key), std::string(group_name), n.consumer->name, "0", id.str(),
            "TIME", std::to_string(n.delivery_time), "RETRYCOUNT", std::to_string(n.delivery_count),
            "FORCE", "JUSTID", "LASTID", g.last_id.str()});
}

void log_group_id(command::CommandContext& c, std::string_view key, std::string_view group_name,
                  const store::StreamGroup& g) {
  if (!c.logging()) return;
  c.log_as({"XGROUP", "SETID", std::string(key), std::string(group_name), g.last_id.str(),
            "ENTRIESREAD", std::to_string(g.entries_read)});
}

void log_new_consumer(command::CommandContext& c, std::string_view key, std::string_view group_name,
                      std::string_view consumer) {
  if (!c.logging()) return;
  c.log_as({"XGROUP", "CREATECONSUMER", std::string(key), std::string(group_name),
            std::string(consumer)});
}

std::string no_group(std::string_view key, std::string_view group, std::string_view tail) {
  std::string m(kNoGroupPrefix);
  m.append(key).append("' or consumer group '").append(group).append("'").append(tail);
  return m;
}

}  // namespace ironkv::commands::stream
