#pragma once
// The constants of Redis's RDB format (rdb.h of Redis 7.0), shared by the encoder
// and the loader. Version 10 is what Redis 7.0 writes and the newest we read.

#include <cstdint>

namespace ironkv::persistence::rdb {

inline constexpr int kVersion = 10;

// Value types (the byte before a key).
enum Type : uint8_t {
  kTypeString = 0,
  kTypeList = 1,             // linked list of strings (Redis < 3.2)
  kTypeSet = 2,
  kTypeZSet = 3,             // scores as text (Redis < 2.8)
  kTypeHash = 4,
  kTypeZSet2 = 5,            // scores as binary doubles
  kTypeModule = 6,
  kTypeModule2 = 7,
  kTypeHashZipmap = 9,
  kTypeListZiplist = 10,
  kTypeSetIntset = 11,
  kTypeZSetZiplist = 12,
  kTypeHashZiplist = 13,
  kTypeListQuicklist = 14,   // quicklist of ziplists (Redis 3.2 .. 6.2)
  kTypeStreamListpacks = 15,
  kTypeHashListpack = 16,
  kTypeZSetListpack = 17,
  kTypeListQuicklist2 = 18,  // quicklist of listpacks / plain nodes (Redis 7.0)
  kTypeStreamListpacks2 = 19,
  kTypeSetListpack = 20,     // Redis 7.2
  kTypeStreamListpacks3 = 21,
};

// Opcodes: bytes in the type position that are not keys.
enum Opcode : uint8_t {
  kOpFunction2 = 245,
  kOpFunctionPreGa = 246,
  kOpModuleAux = 247,
  kOpIdle = 248,
  kOpFreq = 249,
  kOpAux = 250,
  kOpResizeDb = 251,
  kOpExpireTimeMs = 252,
  kOpExpireTime = 253,
  kOpSelectDb = 254,
  kOpEof = 255,
};

// Length encoding: the top two bits of the first byte.
inline constexpr uint8_t k6BitLen = 0;
inline constexpr uint8_t k14BitLen = 1;
inline constexpr uint8_t k32BitLen = 0x80;
inline constexpr uint8_t k64BitLen = 0x81;
inline constexpr uint8_t kEncVal = 3;  // "special encoding" follows in the low 6 bits

// Special string encodings (after kEncVal).
inline constexpr uint8_t kEncInt8 = 0;
inline constexpr uint8_t kEncInt16 = 1;
inline constexpr uint8_t kEncInt32 = 2;
inline constexpr uint8_t kEncLzf = 3;

// Quicklist 2 node containers.
inline constexpr uint64_t kQuicklistNodePlain = 1;
inline constexpr uint64_t kQuicklistNodePacked = 2;

}  // namespace ironkv::persistence::rdb
