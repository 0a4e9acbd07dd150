#pragma once
// The RDB loader's options from the server's config: the encoding thresholds
// loaded values take (start-up loading, RESTORE).

#include "core/server/config.h"
#include "persistence/rdb_loader.h"

namespace ironkv::persistence {

inline RdbLoadOptions rdb_load_options(const server::Config& cfg) {
  RdbLoadOptions o;
  o.hash.max_listpack_entries = static_cast<size_t>(cfg.hash_max_listpack_entries);
  o.hash.max_listpack_value = static_cast<size_t>(cfg.hash_max_listpack_value);
  o.set.max_intset_entries = static_cast<size_t>(cfg.set_max_intset_entries);
  o.set.max_listpack_entries = static_cast<size_t>(cfg.set_max_listpack_entries);
  o.set.max_listpack_value = static_cast<size_t>(cfg.set_max_listpack_value);
  o.zset.max_listpack_entries = static_cast<size_t>(cfg.zset_max_listpack_entries);
  o.zset.max_listpack_value = static_cast<size_t>(cfg.zset_max_listpack_value);
  o.list_max_listpack_size = cfg.list_max_listpack_size;
  o.verify_checksum = cfg.rdbchecksum;
  return o;
}

}  // namespace ironkv::persistence
