#include "persistence/rdb_encoder.h"

#include <lzf.h>

#include <cstring>
#include <limits>
#include <vector>

#include "core/store/hash_value.h"
#include "core/store/list_value.h"
#include "core/store/set_value.h"
#include "core/store/stream_value.h"
#include "core/store/zset_value.h"
#include "core/util/numbers.h"
#include "persistence/crc64.h"
#include "persistence/rdb_format.h"

namespace ironkv::persistence {

namespace {

using store::Encoding;
using store::ObjType;

void put_u8(std::string& out, uint8_t b) { out.push_back(static_cast<char>(b)); }

void put_le(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) put_u8(out, static_cast<uint8_t>(v >> (8 * i)));
}

void put_be(std::string& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) put_u8(out, static_cast<uint8_t>(v >> (8 * i)));
}

// Redis rdbTryIntegerEncoding + rdbEncodeInteger: only canonical integers (what
// string2ll accepts and ll2string gives back), and only up to 32 bits.
bool try_write_int(std::string& out, std::string_view s) {
  int64_t v;
  if (s.size() > 11 || !util::parse_int64(s, v)) return false;
  if (v >= std::numeric_limits<int8_t>::min() && v <= std::numeric_limits<int8_t>::max()) {
    put_u8(out, (rdb::kEncVal << 6) | rdb::kEncInt8);
    put_le(out, static_cast<uint64_t>(v), 1);
  } else if (v >= std::numeric_limits<int16_t>::min() && v <= std::numeric_limits<int16_t>::max()) {
    put_u8(out, (rdb::kEncVal << 6) | rdb::kEncInt16);
    put_le(out, static_cast<uint64_t>(v), 2);
  } else if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max()) {
    put_u8(out, (rdb::kEncVal << 6) | rdb::kEncInt32);
    put_le(out, static_cast<uint64_t>(v), 4);
  } else {
    return false;
  }
  return true;
}

// Redis rdbSaveLzfStringObject: worth it only if it saves at least 4 bytes.
bool try_write_lzf(std::string& out, std::string_view s) {
  if (s.size() <= 4 || s.size() > std::numeric_limits<unsigned int>::max()) return false;
  // One scratch buffer per thread for the millions of small strings a snapshot
  // writes; a big one gets its own buffer so the thread does not keep it.
  constexpr size_t kKeptScratch = size_t{1} << 20;
  thread_local std::vector<char> scratch;
  std::vector<char> big;
  const size_t room = s.size() - 4;
  std::vector<char>& buf = room <= kKeptScratch ? scratch : big;
  if (buf.size() < room) buf.resize(room);
  const unsigned int clen = lzf_compress(s.data(), static_cast<unsigned int>(s.size()), buf.data(),
                                         static_cast<unsigned int>(room));
  if (clen == 0) return false;
  put_u8(out, (rdb::kEncVal << 6) | rdb::kEncLzf);
  rdb_write_length(out, clen);
  rdb_write_length(out, s.size());
  out.append(buf.data(), clen);
  return true;
}

void write_double(std::string& out, double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  put_le(out, bits, 8);
}

void write_list(std::string& out, const store::ListValue& l, bool compress) {
  rdb_write_length(out, l.node_count());
  l.for_each_node([&](const store::Listpack& node, bool plain) {
    if (plain) {
      // A plain node's element is stored bare, as Redis's quicklist keeps it.
      rdb_write_length(out, rdb::kQuicklistNodePlain);
      store::IntBuf buf;
      rdb_write_string(out, node.get(node.first()).view(buf), compress);
    } else {
      rdb_write_length(out, rdb::kQuicklistNodePacked);
      rdb_write_string(out, node.bytes(), compress);
    }
  });
}

void write_set(std::string& out, store::SetValue& s, bool compress) {
  if (s.encoding() == Encoding::kIntset) {
    rdb_write_string(out, s.intset_bytes(), compress);
    return;
  }
  rdb_write_length(out, s.size());
  s.for_each([&](const store::SetValue::Member& m) {
    store::IntBuf buf;
    rdb_write_string(out, m.text(buf), compress);
  });
}

void write_zset(std::string& out, const store::ZSetValue& z, bool compress) {
  if (const store::Listpack* lp = z.listpack()) {
    rdb_write_string(out, lp->bytes(), compress);
    return;
  }
  const store::ZSkiplist* zsl = z.skiplist();
  rdb_write_length(out, zsl->size());
  // Highest first, like Redis: the loader then inserts every element at the
  // head of its skiplist, where finding the place costs nothing.
  for (const store::ZSkiplist::Node* n = zsl->last(); n != nullptr; n = n->prev()) {
    rdb_write_string(out, n->member(), compress);
    write_double(out, n->score());
  }
}

void write_hash(std::string& out, store::HashValue& h, bool compress) {
  if (h.is_listpack()) {
    rdb_write_string(out, h.listpack_bytes(), compress);
    return;
  }
  rdb_write_length(out, h.size());
  h.for_each([&](std::string_view f, std::string_view v) {
    rdb_write_string(out, f, compress);
    rdb_write_string(out, v, compress);
  });
}

void write_id(std::string& out, const store::StreamID& id) {
  rdb_write_length(out, id.ms);
  rdb_write_length(out, id.seq);
}

void write_raw_id(std::string& out, const store::StreamID& id) {
  unsigned char b[16];
  id.encode(b);
  out.append(reinterpret_cast<const char*>(b), sizeof b);
}

// RDB_TYPE_STREAM_LISTPACKS_2 as Redis 7.0 rdbSaveObject writes it: the nodes
// (16-byte master ID, listpack), the stream's counters, then each group with
// its PEL (raw IDs, delivery time and count) and consumers (name, seen time,
// raw IDs of their PEL).
void write_stream(std::string& out, const store::StreamValue& s, bool compress) {
  rdb_write_length(out, s.node_count());
  s.for_each_node([&](const store::StreamID& master, std::string_view lp) {
    unsigned char key[16];
    master.encode(key);
    rdb_write_string(out, std::string_view(reinterpret_cast<const char*>(key), sizeof key), false);
    rdb_write_string(out, lp, compress);
  });
  rdb_write_length(out, s.length());
  write_id(out, s.last_id());
  write_id(out, s.first_id());
  write_id(out, s.max_deleted_id());
  rdb_write_length(out, s.entries_added());
  rdb_write_length(out, s.groups().size());
  for (const auto& [name, g] : s.groups()) {
    rdb_write_string(out, name, compress);
    write_id(out, g->last_id);
    rdb_write_length(out, static_cast<uint64_t>(g->entries_read));
    rdb_write_length(out, g->pel.size());
    for (const auto& [id, nack] : g->pel) {
      write_raw_id(out, id);
      put_le(out, static_cast<uint64_t>(nack.delivery_time), 8);
      rdb_write_length(out, nack.delivery_count);
    }
    rdb_write_length(out, g->consumers.size());
    for (const auto& [cname, consumer] : g->consumers) {
      rdb_write_string(out, cname, compress);
      put_le(out, static_cast<uint64_t>(consumer->seen_time), 8);
      rdb_write_length(out, consumer->pel.size());
      for (const auto& [id, nack] : consumer->pel) write_raw_id(out, id);
    }
  }
}

}  // namespace

uint8_t rdb_type_of(const store::Value& value) {
  switch (value.type()) {
    case ObjType::kString:
      return rdb::kTypeString;
    case ObjType::kList:
      return rdb::kTypeListQuicklist2;  // Redis 7.0 lists are always quicklists
    case ObjType::kSet:
      // A listpack set is written as a plain set: type 20 (SET_LISTPACK) only
      // exists since Redis 7.2, and 7.0 must load our files.
      return value.encoding() == Encoding::kIntset ? rdb::kTypeSetIntset : rdb::kTypeSet;
    case ObjType::kZSet:
      return value.encoding() == Encoding::kListpack ? rdb::kTypeZSetListpack : rdb::kTypeZSet2;
    case ObjType::kHash:
      return value.encoding() == Encoding::kListpack ? rdb::kTypeHashListpack : rdb::kTypeHash;
    case ObjType::kStream:
      return rdb::kTypeStreamListpacks2;  // what 7.0 writes (7.2's type 21 adds active times)
  }
  return rdb::kTypeString;
}

void rdb_write_length(std::string& out, uint64_t len) {
  if (len < (1u << 6)) {
    put_u8(out, static_cast<uint8_t>(len));
  } else if (len < (1u << 14)) {
    put_u8(out, static_cast<uint8_t>((rdb::k14BitLen << 6) | (len >> 8)));
    put_u8(out, static_cast<uint8_t>(len & 0xff));
  } else if (len <= std::numeric_limits<uint32_t>::max()) {
    put_u8(out, rdb::k32BitLen);
    put_be(out, len, 4);
  } else {
    put_u8(out, rdb::k64BitLen);
    put_be(out, len, 8);
  }
}

void rdb_write_string(std::string& out, std::string_view s, bool compress) {
  if (s.size() <= 11 && try_write_int(out, s)) return;
  if (compress && s.size() > 20 && try_write_lzf(out, s)) return;
  rdb_write_length(out, s.size());
  out.append(s);
}

void rdb_write_function(std::string& out, std::string_view code, const RdbWriteOptions& opts) {
  out.push_back(static_cast<char>(rdb::kOpFunction2));
  rdb_write_string(out, code, opts.compress);
}

void rdb_write_header(std::string& out, const std::vector<std::pair<std::string, std::string>>& aux) {
  out.append("REDIS0010");
  for (const auto& [name, value] : aux) {
    put_u8(out, rdb::kOpAux);
    rdb_write_string(out, name, false);
    rdb_write_string(out, value, false);
  }
}

void rdb_write_select_db(std::string& out, int db, uint64_t db_size, uint64_t expires_size) {
  put_u8(out, rdb::kOpSelectDb);
  rdb_write_length(out, static_cast<uint64_t>(db));
  put_u8(out, rdb::kOpResizeDb);
  rdb_write_length(out, db_size);
  rdb_write_length(out, expires_size);
}

namespace {

// The value after its type byte (rdbSaveObject).
void write_value(std::string& out, const store::Value& value, const RdbWriteOptions& opts) {
  switch (value.type()) {
    case ObjType::kString: {
      store::IntBuf buf;
      rdb_write_string(out, value.str(buf), opts.compress);
      break;
    }
    case ObjType::kList:
      write_list(out, *value.as<store::ListValue>(), opts.compress);
      break;
    case ObjType::kSet:
      write_set(out, *value.as<store::SetValue>(), opts.compress);
      break;
    case ObjType::kZSet:
      write_zset(out, *value.as<store::ZSetValue>(), opts.compress);
      break;
    case ObjType::kHash:
      write_hash(out, *value.as<store::HashValue>(), opts.compress);
      break;
    case ObjType::kStream:
      write_stream(out, *value.as<store::StreamValue>(), opts.compress);
      break;
  }
}

}  // namespace

void rdb_write_key(std::string& out, std::string_view key, const store::Value& value,
                   int64_t expire_ms, const RdbWriteOptions& opts) {
  if (expire_ms >= 0) {
    put_u8(out, rdb::kOpExpireTimeMs);
    put_le(out, static_cast<uint64_t>(expire_ms), 8);
  }
  put_u8(out, rdb_type_of(value));
  rdb_write_string(out, key, opts.compress);
  write_value(out, value, opts);
}

std::string rdb_dump_payload(const store::Value& value, const RdbWriteOptions& opts) {
  std::string out;
  put_u8(out, rdb_type_of(value));
  write_value(out, value, opts);
  put_le(out, static_cast<uint64_t>(rdb::kVersion), 2);
  put_le(out, crc64(0, out.data(), out.size()), 8);
  return out;
}

void rdb_write_eof(std::string& out) { put_u8(out, rdb::kOpEof); }

void rdb_append_checksum(std::string& out, uint64_t crc) { put_le(out, crc, 8); }

std::vector<std::pair<std::string, std::string>> rdb_standard_aux(int64_t now_ms, uint64_t used_mem,
                                                                   bool aof_base) {
  return {
      {"redis-ver", "7.0.15"},
      {"redis-bits", "64"},
      {"ctime", std::to_string(now_ms / 1000)},
      {"used-mem", std::to_string(used_mem)},
      {"aof-base", aof_base ? "1" : "0"},
  };
}

std::string rdb_dump_keyspace(store::Keyspace& ks, int64_t now_ms, const RdbWriteOptions& opts) {
  uint64_t used = 0;
  for (int i = 0; i < ks.db_count(); ++i) used += ks.db(i).memory_bytes();
  std::string out;
  rdb_write_header(out, rdb_standard_aux(now_ms, used, false));
  for (int i = 0; i < ks.db_count(); ++i) {
    store::Database& db = ks.db(i);
    if (db.size() == 0) continue;
    rdb_write_select_db(out, i, db.size(), db.expires_size());
    db.dict().for_each([&](store::Database::Node& n) {
      rdb_write_key(out, n.key(), n.value, db.expire_of(n.key()), opts);
    });
  }
  rdb_write_eof(out);
  rdb_append_checksum(out, crc64(0, out.data(), out.size()));
  return out;
}

}  // namespace ironkv::persistence
