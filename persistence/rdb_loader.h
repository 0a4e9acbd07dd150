#pragma once
// Reads Redis RDB files, versions 1 to 10: what Redis 7.0 writes (and IronKV's
// encoder), plus the older encodings that are cheap to convert (ziplists, text
// zset scores, linked lists of strings, quicklists of ziplists) and Redis 7.2's
// SET_LISTPACK. Streams, modules and zipmaps are refused with a clear error.
//
// Input is hostile until proven otherwise: every length is checked against the
// data actually present before it is trusted, every listpack/intset/ziplist blob
// is validated in full before it is adopted, and a bad file gives ok == false with
// an error and the offset where it went wrong, never a crash. After loading, each
// value gets OUR encoding for its size under the configured limits (like Redis's
// loader: a too-big listpack hash becomes a hashtable, a small ZSET_2 a listpack).
//
// On failure the keyspace keeps what was loaded before the error (Redis exits at
// this point); the caller decides whether to discard it.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/store/hash_value.h"
#include "core/store/keyspace.h"
#include "core/store/set_value.h"
#include "core/store/zset_value.h"

namespace ironkv::persistence {

struct RdbLoadOptions {
  store::HashLimits hash;
  store::SetLimits set;
  store::ZSetLimits zset;
  int64_t list_max_listpack_size = -2;  // list-max-listpack-size (the quicklist fill)
  int64_t now_ms = 0;                   // keys whose expiry <= now_ms are skipped (counted)
  bool verify_checksum = true;          // rdbchecksum
};

struct RdbLoadResult {
  bool ok = false;
  // e.g. "Wrong RDB checksum expected: (…) got: (…). Aborting now.",
  // "Unexpected EOF reading RDB file", "Unknown RDB value type 42".
  std::string error;
  uint64_t error_offset = 0;  // byte offset in the input where the problem is
  uint64_t keys_loaded = 0;
  uint64_t expired_skipped = 0;
  uint64_t empty_keys_skipped = 0;   // empty collections (Redis skips them too)
  uint64_t functions_skipped = 0;    // FUNCTION2 records read (their code is in `functions`)
  std::vector<std::string> functions;  // each library's code, in file order
  uint64_t bytes_consumed = 0;       // up to and including the checksum
  int rdb_version = 0;
  std::map<std::string, std::string> aux;
};

// Streams the file through a bounded buffer. Keys already in `ks` are overwritten;
// a key that appears twice in the file is an error, as in Redis.
RdbLoadResult rdb_load_file(const std::string& path, store::Keyspace& ks, const RdbLoadOptions& opts);
RdbLoadResult rdb_load_buffer(std::string_view data, store::Keyspace& ks, const RdbLoadOptions& opts);
// Reads from the fd's current position and leaves it just after the checksum
// (bytes_consumed later), so an AOF with an RDB preamble can go on with commands.
// The fd must be seekable (a regular file): reading is buffered. After a failure
// the position is unspecified.
RdbLoadResult rdb_load_fd(int fd, store::Keyspace& ks, const RdbLoadOptions& opts);

// RESTORE's payload (see rdb_dump_payload), checked as Redis's
// verifyDumpPayload and rdbLoadObject check it.
struct RdbRestoreResult {
  enum class Status : uint8_t {
    kOk,
    kBadFooter,  // "DUMP payload version or checksum are wrong"
    kBadData,    // "Bad data format" (also an empty collection, as 7.0)
  } status = Status::kBadData;
  store::Value value;
  std::string detail;  // what the loader found wrong, for the log
};
RdbRestoreResult rdb_restore_payload(std::string_view payload, store::Keyspace& ks,
                                     const RdbLoadOptions& opts);

}  // namespace ironkv::persistence
