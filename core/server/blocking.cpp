#include "core/server/blocking.h"

#include <algorithm>
#include <chrono>

#include "core/server/client.h"

namespace ironkv::server {

void BlockingRegistry::block(ClientHandle* client, int db, const CommandSpec* spec,
                             BlockRequest req) {
  uint64_t id = client->state().id;
  for (const auto& k : req.keys) {
    auto& fifo = waiters_[DbKey{db, k}];
    // A key named twice (BLPOP k k 0) waits once.
    if (std::find(fifo.begin(), fifo.end(), id) == fifo.end()) fifo.push_back(id);
  }
  client->state().block.blocked = true;
  ++client->state().block.seq;
  if (req.wake_on_key_change) ++change_waiters_;
  clients_.emplace(id, Entry{client, db, spec, std::move(req)});
}

bool BlockingRegistry::remove(uint64_t client_id) {
  auto it = clients_.find(client_id);
  if (it == clients_.end()) return false;
  for (const auto& k : it->second.req.keys) {
    auto w = waiters_.find(DbKey{it->second.db, k});
    if (w == waiters_.end()) continue;
    w->second.remove(client_id);
    if (w->second.empty()) waiters_.erase(w);
  }
  if (it->second.req.wake_on_key_change) --change_waiters_;
  ClientState& cs = it->second.client->state();
  cs.block.blocked = false;
  // Unblocking counts as activity: the client has not had a chance to read its
  // reply yet, and the idle timeout (which spares blocked clients) must not
  // close it in the gap before its connection resumes.
  cs.last_interaction_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  clients_.erase(it);
  return true;
}

bool BlockingRegistry::time_out(uint64_t client_id) {
  auto it = clients_.find(client_id);
  if (it == clients_.end()) return false;
  ClientState& cs = it->second.client->state();
  resp::ReplyBuilder reply(cs.block.reply, cs.resp);
  if (it->second.req.on_timeout)
    it->second.req.on_timeout(reply);
  else
    reply.null_array();
  if (!cs.block.postponed) {
    // The blocking command ends here (CLIENT REPLY OFF/SKIP apply to its reply);
    // a postponed one runs again instead.
    if (cs.drop_reply()) cs.block.reply.clear();
    cs.command_done();
  }
  remove(client_id);
  return true;
}

void BlockingRegistry::signal_key_ready(int db, std::string_view key) {
  if (waiters_.empty()) return;
  DbKey k{db, std::string(key)};
  if (waiters_.count(k) == 0) return;
  if (std::find(ready_.begin(), ready_.end(), k) != ready_.end()) return;
  ready_.push_back(std::move(k));
}

void BlockingRegistry::signal_db_flushed(int db) {
  if (change_waiters_ == 0) return;
  for (auto it = waiters_.lower_bound(DbKey{db, std::string()});
       it != waiters_.end() && it->first.first == db; ++it) {
    signal_key_ready(db, it->first.second);
  }
}

bool BlockingRegistry::next_ready(int& db, std::string& key) {
  if (ready_.empty()) return false;
  db = ready_.front().first;
  key = std::move(ready_.front().second);
  ready_.pop_front();
  return true;
}

std::vector<uint64_t> BlockingRegistry::waiters(int db, const std::string& key) const {
  auto it = waiters_.find(DbKey{db, key});
  if (it == waiters_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

BlockingRegistry::Entry* BlockingRegistry::find(uint64_t client_id) {
  auto it = clients_.find(client_id);
  return it == clients_.end() ? nullptr : &it->second;
}

}  // namespace ironkv::server
