#include "core/server/pubsub.h"

#include <algorithm>

#include "core/server/client.h"
#include "core/server/keyspace_events.h"
#include "core/util/glob.h"
#include "core/util/numbers.h"

namespace ironkv::server {

namespace {

using Kind = PubSubRegistry::Kind;

std::set<std::string, std::less<>>& client_set(ClientState& c, Kind kind) {
  switch (kind) {
    case Kind::kChannel:
      return c.pubsub.channels;
    case Kind::kPattern:
      return c.pubsub.patterns;
    case Kind::kShard:
      break;
  }
  return c.pubsub.shard_channels;
}

void append_bulk(std::string& out, std::string_view s) {
  char buf[24];
  out.push_back('$');
  out.append(buf, util::format_int64(static_cast<int64_t>(s.size()), buf));
  out.append("\r\n", 2);
  out.append(s);
  out.append("\r\n", 2);
}

}  // namespace

PubSubRegistry::Table& PubSubRegistry::table(Kind kind) {
  switch (kind) {
    case Kind::kChannel:
      return channels_;
    case Kind::kPattern:
      return patterns_;
    case Kind::kShard:
      break;
  }
  return shard_channels_;
}

bool PubSubRegistry::subscribe(ClientState& c, Kind kind, std::string_view name) {
  auto& mine = client_set(c, kind);
  if (mine.find(name) != mine.end()) return false;
  mine.emplace(name);
  auto& t = table(kind);
  auto it = t.find(name);
  if (it == t.end()) it = t.emplace(std::string(name), Subscribers{}).first;
  it->second.push_back(&c);
  c.pubsub.in_class.store(true, std::memory_order_relaxed);
  return true;
}

bool PubSubRegistry::unsubscribe(ClientState& c, Kind kind, std::string_view name) {
  auto& mine = client_set(c, kind);
  auto pos = mine.find(name);
  if (pos == mine.end()) return false;
  auto& t = table(kind);
  auto it = t.find(*pos);
  if (it != t.end()) {
    auto& subs = it->second;
    subs.erase(std::remove(subs.begin(), subs.end(), &c), subs.end());
    if (subs.empty()) t.erase(it);
  }
  mine.erase(pos);
  c.pubsub.in_class.store(c.subscribed(), std::memory_order_relaxed);
  return true;
}

void PubSubRegistry::remove_client(ClientState& c) {
  for (Kind kind : {Kind::kChannel, Kind::kPattern, Kind::kShard}) {
    auto& mine = client_set(c, kind);
    while (!mine.empty()) {
      std::string name = *mine.begin();
      unsubscribe(c, kind, name);
    }
  }
}

void PubSubRegistry::disconnect(ClientState& c) {
  remove_client(c);
  if (c.pubsub.dirty) {
    dirty_.erase(std::remove(dirty_.begin(), dirty_.end(), &c), dirty_.end());
    c.pubsub.dirty = false;
  }
}

void PubSubRegistry::deliver(ClientState& c, std::string_view encoded) {
  if (!c.pubsub.dirty) {
    c.pubsub.dirty = true;
    dirty_.push_back(&c);
  }
  c.pubsub.pending.append(encoded);
}

size_t PubSubRegistry::publish(std::string_view channel, std::string_view message, bool shard) {
  size_t receivers = 0;
  auto& t = shard ? shard_channels_ : channels_;
  if (auto it = t.find(channel); it != t.end()) {
    scratch_.clear();
    scratch_.append(shard ? "*3\r\n$8\r\nsmessage\r\n" : "*3\r\n$7\r\nmessage\r\n");
    append_bulk(scratch_, channel);
    append_bulk(scratch_, message);
    for (ClientState* c : it->second) deliver(*c, scratch_);
    receivers += it->second.size();
  }
  if (shard) return receivers;
  for (auto& [pattern, subs] : patterns_) {
    if (!util::glob_match(pattern, channel)) continue;
    scratch_.clear();
    scratch_.append("*4\r\n$8\r\npmessage\r\n");
    append_bulk(scratch_, pattern);
    append_bulk(scratch_, channel);
    append_bulk(scratch_, message);
    for (ClientState* c : subs) deliver(*c, scratch_);
    receivers += subs.size();
  }
  return receivers;
}

void PubSubRegistry::flush(ClientState* self, std::string* self_out) {
  if (dirty_.empty()) return;
  for (ClientState* c : dirty_) {
    c->pubsub.dirty = false;
    if (c == self && self_out != nullptr) {
      self_out->append(c->pubsub.pending);
      c->pubsub.pending.clear();
    } else if (c->handle != nullptr) {
      // Moved out: the connection owns it now, and the next run starts empty.
      c->handle->push(std::move(c->pubsub.pending));
      c->pubsub.pending = std::string();
    }
  }
  dirty_.clear();
}

void PubSubRegistry::notify_keyspace_event(uint32_t config_flags, std::string_view event,
                                           std::string_view key, int db) {
  // Nobody listening at all: skip building the channel names.
  if (channels_.empty() && patterns_.empty()) return;
  char dbbuf[24];
  std::string_view dbstr(dbbuf, util::format_int64(db, dbbuf));
  if (config_flags & events::kKeyspace) {
    channel_.assign("__keyspace@");
    channel_.append(dbstr);
    channel_.append("__:");
    channel_.append(key);
    publish(channel_, event);
  }
  if (config_flags & events::kKeyevent) {
    channel_.assign("__keyevent@");
    channel_.append(dbstr);
    channel_.append("__:");
    channel_.append(event);
    publish(channel_, key);
  }
}

std::vector<std::string_view> PubSubRegistry::active_channels(const std::string_view* pattern,
                                                              bool shard) const {
  const auto& t = shard ? shard_channels_ : channels_;
  std::vector<std::string_view> out;
  for (const auto& [name, subs] : t) {
    if (pattern == nullptr || util::glob_match(*pattern, name)) out.emplace_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

size_t PubSubRegistry::subscriber_count(std::string_view channel, bool shard) const {
  const auto& t = shard ? shard_channels_ : channels_;
  auto it = t.find(channel);
  return it == t.end() ? 0 : it->second.size();
}

}  // namespace ironkv::server
