#include "persistence/snapshot.h"

#include <utility>

namespace ironkv::persistence {

Snapshot::Snapshot(store::Keyspace& ks, const RdbWriteOptions& opts,
                   std::vector<std::pair<std::string, std::string>> aux)
    : ks_(&ks), opts_(opts), aux_(std::move(aux)), dbs_(static_cast<size_t>(ks.db_count())) {
  for (int i = 0; i < ks.db_count(); ++i) {
    store::Database& db = ks.db(i);
    DbState& s = dbs_[static_cast<size_t>(i)];
    s.size_at_start = db.size();
    s.expires_at_start = db.expires_size();
    if (s.size_at_start > 0) {
      s.active = true;
      db.dict().freeze_layout();
    }
  }
}

Snapshot::~Snapshot() {
  for (int i = 0; i < static_cast<int>(dbs_.size()); ++i) {
    if (dbs_[static_cast<size_t>(i)].active) finish_db(i);
  }
}

void Snapshot::finish_db(int i) {
  DbState& s = dbs_[static_cast<size_t>(i)];
  if (!s.active) return;
  s.active = false;
  ks_->db(i).dict().thaw_layout();
  std::unordered_set<std::string>().swap(s.claimed);
}

size_t Snapshot::pending_claimed_bytes() const {
  size_t n = 0;
  for (const DbState& s : dbs_) n += s.early.size();
  return n;
}

void Snapshot::write_key(std::string& out, store::Database& db, std::string_view key,
                         const store::Value& v) {
  rdb_write_key(out, key, v, db.expire_of(key), opts_);
  ++keys_written_;
}

// Writes the keys of one bucket the walk reaches, except those already
// claimed (written before they changed, or created after the snapshot began).
void Snapshot::write_bucket(DbState& s, store::Database& db, size_t bucket, std::string& out) {
  db.dict().visit_bucket(bucket, [&](store::Database::Node& n) {
    if (!s.claimed.empty() && s.claimed.count(std::string(n.key())) != 0) return;
    write_key(out, db, n.key(), n.value);
  });
}

bool Snapshot::step(std::chrono::microseconds budget, std::string& out, size_t max_bytes) {
  if (done_) return true;
  const auto deadline = std::chrono::steady_clock::now() + budget;
  if (!header_written_) {
    rdb_write_header(out, aux_);
    for (const std::string& code : functions_) rdb_write_function(out, code, opts_);
    header_written_ = true;
  }
  size_t since_check = 0;
  while (cur_ < static_cast<int>(dbs_.size())) {
    DbState& s = dbs_[static_cast<size_t>(cur_)];
    store::Database& db = ks_->db(cur_);
    if (!s.selected && (s.active || !s.early.empty())) {
      rdb_write_select_db(out, cur_, s.size_at_start, s.expires_at_start);
      s.selected = true;
    }
    if (!s.early.empty()) {
      out.append(s.early);
      std::string().swap(s.early);
    }
    if (!s.active) {
      ++cur_;
      continue;
    }
    auto& dict = db.dict();
    if (s.cursor >= dict.global_bucket_count()) {
      finish_db(cur_);
      if (!s.early.empty()) continue;  // nothing can be claimed now, but be safe
      ++cur_;
      continue;
    }
    write_bucket(s, db, s.cursor, out);
    ++s.cursor;
    if (++since_check >= 64) {
      since_check = 0;
      if (out.size() >= max_bytes || std::chrono::steady_clock::now() >= deadline) return false;
    }
  }
  rdb_write_eof(out);
  done_ = true;
  return true;
}

void Snapshot::before_change(store::Database& db, std::string_view key) {
  DbState& s = dbs_[static_cast<size_t>(db.index())];
  if (!s.active) return;  // complete, or empty at the start
  if (db.index() < cur_) return;
  std::string k(key);
  if (s.claimed.count(k) != 0) return;
  const auto& dict = std::as_const(db.dict());
  if (db.index() == cur_) {
    int64_t b = dict.global_bucket_of(key);
    if (b >= 0 && static_cast<size_t>(b) < s.cursor) return;  // already written
  }
  if (const auto* n = dict.find(key)) write_key(s.early, db, key, n->value);
  s.claimed.insert(std::move(k));
  ++claimed_keys_;
}

void Snapshot::before_flush(store::Database& db) {
  const int i = db.index();
  DbState& s = dbs_[static_cast<size_t>(i)];
  if (!s.active) return;
  // Everything not written yet goes out now: the table is about to be emptied.
  auto& dict = db.dict();
  for (size_t b = s.cursor; b < dict.global_bucket_count(); ++b) {
    write_bucket(s, db, b, s.early);
  }
  s.cursor = dict.global_bucket_count();
  finish_db(i);
}

}  // namespace ironkv::persistence
