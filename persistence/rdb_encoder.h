#pragma once
// Writes Redis RDB version 10 (what Redis 7.0 writes), so a dump.rdb from IronKV
// loads in redis-server 7.0 and the other way round. Each value is written in the
// on-disk type Redis 7.0 would choose for our value's current encoding; our
// listpacks and intsets are byte-identical to Redis's, so they are copied as blobs.
//
// The functions append to a string: the snapshot engine streams it to disk in
// chunks and keeps the CRC itself (crc64() over every byte written).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/store/keyspace.h"
#include "core/store/value.h"

namespace ironkv::persistence {

struct RdbWriteOptions {
  bool compress = true;  // rdbcompression: LZF for strings (and blobs) over 20 bytes
};

// "REDIS0010" then one AUX opcode per (name, value) pair.
void rdb_write_header(std::string& out, const std::vector<std::pair<std::string, std::string>>& aux);
// SELECTDB then RESIZEDB (the sizes are hints for the loader's tables).
void rdb_write_select_db(std::string& out, int db, uint64_t db_size, uint64_t expires_size);
// One key: EXPIRETIME_MS when expire_ms >= 0, then the type byte, key, value.
void rdb_write_key(std::string& out, std::string_view key, const store::Value& value,
                   int64_t expire_ms, const RdbWriteOptions& opts);
// DUMP's payload (Redis createDumpPayload): the type byte and the value as RDB
// writes them, the RDB version (10, 2 bytes little-endian), and the CRC-64 of
// all that (8 bytes little-endian).
std::string rdb_dump_payload(const store::Value& value, const RdbWriteOptions& opts);
// A function library (RDB_OPCODE_FUNCTION2 + its code), as Redis 7.0 writes it.
void rdb_write_function(std::string& out, std::string_view code, const RdbWriteOptions& opts);
void rdb_write_eof(std::string& out);  // the EOF opcode (0xFF) only
// The 8-byte little-endian CRC-64 of every byte before it (the EOF opcode included).
void rdb_append_checksum(std::string& out, uint64_t crc);

// A whole file image of the keyspace: header with rdb_standard_aux, every non-empty
// database, EOF, checksum. For tests and small data; keys are written as they are
// (logically expired ones too, like Redis: the loader drops them).
std::string rdb_dump_keyspace(store::Keyspace& ks, int64_t now_ms, const RdbWriteOptions& opts = {});

// Redis 7.0's aux fields: redis-ver 7.0.15, redis-bits 64, ctime (seconds),
// used-mem, aof-base (1 for an AOF preamble).
std::vector<std::pair<std::string, std::string>> rdb_standard_aux(int64_t now_ms, uint64_t used_mem,
                                                                   bool aof_base);

// The RDB type byte Redis 7.0 writes for a value in its current encoding.
uint8_t rdb_type_of(const store::Value& value);
// Building blocks, exposed for the snapshot engine and tests.
void rdb_write_length(std::string& out, uint64_t len);
// A string as Redis's rdbSaveRawString writes it: INT8/16/32 for a canonical integer
// of up to 11 characters that fits, LZF when compress and longer than 20 bytes and
// it saves at least 4 bytes, else length + bytes.
void rdb_write_string(std::string& out, std::string_view s, bool compress);

}  // namespace ironkv::persistence
