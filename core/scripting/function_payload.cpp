// FUNCTION DUMP / RESTORE payloads, in Redis 7.0's format (so a dump from
// redis-server restores here and back): one RDB_OPCODE_FUNCTION2 record per
// library (the opcode, then the library code as an RDB string, LZF-compressed
// as Redis compresses it), the RDB version as two little-endian bytes, and the
// CRC-64 of everything before it.

#include <lzf.h>

#include "core/scripting/engine.h"
#include "persistence/crc64.h"
#include "persistence/rdb_encoder.h"

namespace ironkv::scripting {

namespace {

constexpr uint8_t kOpcodeFunction2 = 245;
constexpr uint16_t kRdbVersion = 10;

// An RDB string from `in` at `pos` (length, INT8/16/32 or LZF encodings).
bool read_rdb_string(std::string_view in, size_t& pos, std::string& out) {
  if (pos >= in.size()) return false;
  auto byte = [&](size_t i) { return static_cast<uint8_t>(in[i]); };
  auto read_len = [&](uint64_t& len, bool& encoded) -> bool {
    if (pos >= in.size()) return false;
    uint8_t b = byte(pos++);
    encoded = false;
    switch (b >> 6) {
      case 0:
        len = b & 0x3f;
        return true;
      case 1:
        if (pos >= in.size()) return false;
        len = (static_cast<uint64_t>(b & 0x3f) << 8) | byte(pos++);
        return true;
      case 2:
        if (b == 0x80) {
          if (pos + 4 > in.size()) return false;
          len = (uint64_t{byte(pos)} << 24) | (uint64_t{byte(pos + 1)} << 16) |
                (uint64_t{byte(pos + 2)} << 8) | byte(pos + 3);
          pos += 4;
          return true;
        }
        if (b == 0x81) {
          if (pos + 8 > in.size()) return false;
          len = 0;
          for (int i = 0; i < 8; ++i) len = (len << 8) | byte(pos + i);
          pos += 8;
          return true;
        }
        return false;
      default:
        encoded = true;
        len = b & 0x3f;
        return true;
    }
  };
  uint64_t len = 0;
  bool encoded = false;
  if (!read_len(len, encoded)) return false;
  if (!encoded) {
    if (len > in.size() - pos) return false;
    out.assign(in.substr(pos, len));
    pos += len;
    return true;
  }
  if (len <= 2) {  // INT8 / INT16 / INT32
    size_t n = size_t{1} << len;
    if (pos + n > in.size()) return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= static_cast<int64_t>(byte(pos + i)) << (8 * i);
    if (n == 1) v = static_cast<int8_t>(v);
    if (n == 2) v = static_cast<int16_t>(v);
    if (n == 4) v = static_cast<int32_t>(v);
    pos += n;
    out = std::to_string(v);
    return true;
  }
  if (len != 3) return false;  // LZF
  uint64_t clen = 0, ulen = 0;
  bool e1 = false, e2 = false;
  if (!read_len(clen, e1) || !read_len(ulen, e2) || e1 || e2) return false;
  if (clen > in.size() - pos || ulen > (uint64_t{512} << 20)) return false;
  out.resize(ulen);
  unsigned got = lzf_decompress(in.data() + pos, static_cast<unsigned>(clen), out.data(),
                                static_cast<unsigned>(ulen));
  if (got != ulen) return false;
  pos += clen;
  return true;
}

}  // namespace

std::string Engine::dump_functions() const {
  std::string out;
  for (const std::string& code : library_codes()) {
    out.push_back(static_cast<char>(kOpcodeFunction2));
    persistence::rdb_write_string(out, code, true);
  }
  out.push_back(static_cast<char>(kRdbVersion & 0xff));
  out.push_back(static_cast<char>(kRdbVersion >> 8));
  uint64_t crc = persistence::crc64(0, out.data(), out.size());
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((crc >> (8 * i)) & 0xff));
  return out;
}

bool Engine::restore_functions(std::string_view payload, int policy, std::string& error) {
  // Footer: version (2 bytes) + CRC-64 (8 bytes), as DUMP's.
  if (payload.size() < 10) {
    error = "ERR DUMP payload version or checksum are wrong";
    return false;
  }
  const size_t body = payload.size() - 10;
  uint16_t version = static_cast<uint8_t>(payload[body]) |
                     (static_cast<uint16_t>(static_cast<uint8_t>(payload[body + 1])) << 8);
  uint64_t crc = 0;
  for (int i = 0; i < 8; ++i) {
    crc |= static_cast<uint64_t>(static_cast<uint8_t>(payload[body + 2 + i])) << (8 * i);
  }
  if (version > kRdbVersion || crc != persistence::crc64(0, payload.data(), body + 2)) {
    error = "ERR DUMP payload version or checksum are wrong";
    return false;
  }
  std::vector<std::string> codes;
  for (size_t pos = 0; pos < body;) {
    if (static_cast<uint8_t>(payload[pos]) != kOpcodeFunction2) {
      error = "ERR given type is not a function";
      return false;
    }
    ++pos;
    std::string code;
    if (!read_rdb_string(payload.substr(0, body), pos, code)) {
      error = "ERR payload version or checksum are wrong";
      return false;
    }
    codes.push_back(std::move(code));
  }
  // Load into a fresh set first, so a failure leaves the current libraries as they were.
  std::vector<std::string> previous = library_codes();
  if (policy == 2) flush_functions();
  std::vector<std::string> loaded;
  for (const std::string& code : codes) {
    std::string out;
    if (!function_load(code, policy == 1, out)) {
      // Roll back: the libraries as before the restore.
      flush_functions();
      for (const std::string& p : previous) {
        std::string ignored;
        function_load(p, true, ignored);
      }
      error = out;
      return false;
    }
  }
  return true;
}

}  // namespace ironkv::scripting
