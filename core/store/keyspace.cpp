#include "core/store/keyspace.h"

#include <string>

namespace ironkv::store {

namespace {
// Collections with more elements than this are freed on the lazy-free thread
// (Redis LAZYFREE_THRESHOLD).
constexpr size_t kLazyFreeThreshold = 64;
// Flushing more keys than this hands the whole table to the lazy-free thread.
constexpr size_t kLazyFlushThreshold = 1024;
// Active expiry: keys sampled per round, and the share of expired keys in a
// sample below which the round stops (Redis: 20 keys, 10% acceptable stale).
constexpr size_t kExpireSample = 20;
constexpr size_t kExpireMaxBucketsPerRound = 400;
}  // namespace

// ---- Database ---------------------------------------------------------------

int64_t Database::now_ms() const { return ks_->now_ms(); }

void Database::touched(std::string_view key) {
  if (ks_->observer_ != nullptr) ks_->observer_->on_modified(index_, key);
}

void Database::before_change(std::string_view key) {
  if (ks_->hooks_ != nullptr) ks_->hooks_->before_change(*this, key);
}

bool Database::is_expired(std::string_view key, int64_t now) const {
  if (expires_.empty() || ks_->loading_) return false;
  const auto* e = expires_.find(key);
  return e != nullptr && e->value <= now;
}

bool Database::expire_if_needed(std::string_view key, bool for_write) {
  if (expires_.empty() || ks_->loading_) return false;
  auto* e = expires_.find(key);
  if (e == nullptr || e->value > now_ms()) return false;
  if (!for_write && ks_->expiry_paused()) return true;
  std::string k(key);  // key may point into the node we are about to free
  erase(k);
  ++ks_->stats_.expired_keys;
  if (ks_->observer_ != nullptr) ks_->observer_->on_expired(index_, k);
  if (ks_->hooks_ != nullptr) ks_->hooks_->on_expired(index_, k);
  return true;
}

Database::Node* Database::find_node(std::string_view key) {
  if (expire_if_needed(key)) return nullptr;
  return dict_.find(key);
}

Value* Database::lookup_read(std::string_view key) {
  Node* n = find_node(key);
  if (n == nullptr) {
    ++ks_->stats_.keyspace_misses;
    if (ks_->observer_ != nullptr) ks_->observer_->on_miss(index_, key);
    return nullptr;
  }
  ++ks_->stats_.keyspace_hits;
  n->aux = ks_->lru_clock();
  return &n->value;
}

OpResult<Value*> Database::find(std::string_view key, ObjType type, Lookup how) {
  Value* v = nullptr;
  switch (how) {
    case Lookup::kRead:
      v = lookup_read(key);
      break;
    case Lookup::kWrite:
    case Lookup::kCreate:
      v = lookup_write(key);
      break;
    case Lookup::kPeek:
      v = peek_write(key);
      break;
  }
  if (v == nullptr) return OpStatus::kKeyNotFound;
  if (v->type() != type) return OpStatus::kWrongType;
  return v;
}

Value* Database::peek_write(std::string_view key) {
  expire_if_needed(key, /*for_write=*/true);
  Node* n = dict_.find(key);
  if (n == nullptr) return nullptr;
  before_change(key);
  n->aux = ks_->lru_clock();
  return &n->value;
}

Value* Database::lookup_write(std::string_view key) {
  Value* v = peek_write(key);
  KeyspaceObserver* o = ks_->observer_;
  if (v != nullptr && o != nullptr && o->wants_write_candidates()) {
    ks_->write_candidates_.emplace_back(index_, key);
  }
  return v;
}

void Database::delete_node_value(Node* n) {
  Collection* c = n->value.coll();
  if (c != nullptr && ks_->lazy_free_ != nullptr && c->element_count() > kLazyFreeThreshold) {
    ks_->free_later([node = n] { MainDict::destroy_node(node); });
  } else {
    MainDict::destroy_node(n);
  }
}

Value& Database::set(std::string_view key, Value v, bool keep_ttl) {
  before_change(key);
  touched(key);
  auto [n, inserted] = dict_.insert(key);
  if (!inserted) {
    Collection* c = n->value.coll();
    if (c != nullptr && ks_->lazy_free_ != nullptr && c->element_count() > kLazyFreeThreshold) {
      auto old = std::make_shared<Value>(std::move(n->value));
      ks_->free_later([old]() mutable { old.reset(); });
    }
    if (!keep_ttl && !expires_.empty()) expires_.erase(key);
  }
  n->value = std::move(v);
  n->aux = ks_->lru_clock();
  if (inserted && ks_->observer_ != nullptr) ks_->observer_->on_created(index_, n->key());
  return n->value;
}

Value* Database::add(std::string_view key, Value v) {
  expire_if_needed(key, /*for_write=*/true);
  before_change(key);
  auto [n, inserted] = dict_.insert(key);
  if (!inserted) return nullptr;
  touched(key);
  n->value = std::move(v);
  n->aux = ks_->lru_clock();
  if (ks_->observer_ != nullptr) ks_->observer_->on_created(index_, n->key());
  return &n->value;
}

bool Database::erase(std::string_view key) {
  before_change(key);
  Node* n = dict_.detach(key);
  if (n == nullptr) return false;
  touched(key);
  if (!expires_.empty()) expires_.erase(key);
  delete_node_value(n);
  return true;
}

std::optional<std::pair<Value, int64_t>> Database::take(std::string_view key) {
  expire_if_needed(key, /*for_write=*/true);
  before_change(key);
  Node* n = dict_.detach(key);
  if (n == nullptr) return std::nullopt;
  touched(key);
  int64_t when = -1;
  if (!expires_.empty()) {
    if (auto* e = expires_.find(key)) {
      when = e->value;
      expires_.erase(key);
    }
  }
  std::pair<Value, int64_t> out{std::move(n->value), when};
  MainDict::destroy_node(n);
  return out;
}

int64_t Database::expire_of(std::string_view key) const {
  if (expires_.empty()) return -1;
  const auto* e = expires_.find(key);
  return e == nullptr ? -1 : e->value;
}

void Database::set_expire(std::string_view key, int64_t when_ms) {
  before_change(key);
  touched(key);
  expires_.insert(key).first->value = when_ms;
}

bool Database::persist(std::string_view key) {
  if (expires_.empty() || expires_.find(key) == nullptr) return false;
  before_change(key);
  expires_.erase(key);
  touched(key);
  return true;
}

void Database::clear(bool async) {
  size_t n = dict_.size();
  if (n == 0 && expires_.empty()) return;
  if (ks_->observer_ != nullptr) ks_->observer_->on_flush(*this);
  if (ks_->hooks_ != nullptr) ks_->hooks_->before_flush(*this);
  if ((async || n > kLazyFlushThreshold) && ks_->lazy_free_ != nullptr) {
    auto main = std::make_shared<MainDict>(dict_.take());
    auto exp = std::make_shared<ExpireDict>(expires_.take());
    ks_->free_later([main, exp]() mutable {
      main.reset();
      exp.reset();
    });
  } else {
    dict_.clear();
    expires_.clear();
  }
  expire_cursor_ = 0;
}

std::optional<std::string> Database::random_key() {
  // Bounded: if every key sampled is expired we delete it and try again, but a
  // table full of expired keys must not hold the strand for long.
  for (int tries = 0; tries < 100 && !dict_.empty(); ++tries) {
    Node* n = dict_.random_node(ks_->rng_);
    if (n == nullptr) return std::nullopt;
    std::string key(n->key());
    if (!expire_if_needed(key)) return key;
  }
  if (dict_.empty()) return std::nullopt;
  Node* n = dict_.random_node(ks_->rng_);
  return n ? std::optional<std::string>(std::string(n->key())) : std::nullopt;
}

size_t Database::active_expire(std::chrono::microseconds budget) {
  if (expires_.empty()) return 0;
  auto deadline = std::chrono::steady_clock::now() + budget;
  int64_t now = ks_->clock_->now_ms();
  size_t total = 0;
  std::vector<std::string> victims;
  for (;;) {
    size_t sampled = 0;
    int64_t ttl_sum = 0;
    size_t ttl_samples = 0;
    victims.clear();
    size_t buckets = 0;
    do {
      expire_cursor_ = expires_.scan(expire_cursor_, [&](ExpireDict::Node& e) {
        ++sampled;
        if (e.value <= now) {
          victims.emplace_back(e.key());
        } else {
          ttl_sum += e.value - now;
          ++ttl_samples;
        }
      });
      ++buckets;
    } while (sampled < kExpireSample && expire_cursor_ != 0 && buckets < kExpireMaxBucketsPerRound);

    for (const auto& k : victims) {
      erase(k);
      ++ks_->stats_.expired_keys;
      if (ks_->observer_ != nullptr) ks_->observer_->on_expired(index_, k);
      if (ks_->hooks_ != nullptr) ks_->hooks_->on_expired(index_, k);
    }
    total += victims.size();
    if (ttl_samples > 0) {
      int64_t avg = ttl_sum / static_cast<int64_t>(ttl_samples);
      // Running estimate like Redis: mostly the old value, a bit of the new.
      avg_ttl_ = avg_ttl_ == 0 ? avg : (avg_ttl_ / 50) * 49 + avg / 50;
    }
    if (expires_.empty()) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      ++ks_->stats_.expired_time_cap_reached_count;
      break;
    }
    // Stop when the sample shows few expired keys (<= 10%), as Redis does.
    if (sampled == 0 || victims.size() * 10 <= sampled) break;
  }
  return total;
}

void Database::rehash_for(std::chrono::microseconds budget) {
  if (dict_.is_rehashing()) dict_.rehash_for(budget);
  if (expires_.is_rehashing()) expires_.rehash_for(budget);
}

// ---- Keyspace ---------------------------------------------------------------

Keyspace::Keyspace(int num_dbs, const Clock& clock, LazyFree* lazy_free)
    : clock_(&clock), lazy_free_(lazy_free) {
  dbs_.reserve(static_cast<size_t>(num_dbs));
  for (int i = 0; i < num_dbs; ++i) dbs_.push_back(std::make_unique<Database>(*this, i));
}

void Keyspace::report_candidates() {
  if (observer_ == nullptr) return;
  for (const auto& [db, key] : write_candidates_) observer_->on_modified(db, key);
}

void Keyspace::flush_all(bool async) {
  for (auto& d : dbs_) d->clear(async);
}

size_t Keyspace::total_keys() const {
  size_t n = 0;
  for (const auto& d : dbs_) n += d->size();
  return n;
}

void Keyspace::free_later(std::function<void()> job) {
  if (lazy_free_ != nullptr) lazy_free_->submit(std::move(job));
  else job();
}

void Keyspace::cron(std::chrono::microseconds expire_budget) {
  auto start = std::chrono::steady_clock::now();
  // While clients are paused the dataset stays as it is (Redis skips its
  // active expire cycle then); rehashing changes nothing visible.
  if (expiry_paused()) {
    for (auto& d : dbs_) d->rehash_for(std::chrono::microseconds(200));
    return;
  }
  // Spread the budget over databases starting where the last cycle stopped, so a
  // busy db 0 cannot starve the others.
  int n = db_count();
  for (int i = 0; i < n; ++i) {
    auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start);
    if (elapsed >= expire_budget) break;
    Database& d = db((expire_db_cursor_ + i) % n);
    d.active_expire(expire_budget - elapsed);
  }
  expire_db_cursor_ = (expire_db_cursor_ + 1) % n;
  stats_.expire_cycle_cpu_us += static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start)
          .count());
  for (auto& d : dbs_) d->rehash_for(std::chrono::microseconds(200));
}

}  // namespace ironkv::store
