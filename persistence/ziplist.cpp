#include "persistence/ziplist.h"

#include <cstdint>
#include <cstring>

namespace ironkv::persistence {

namespace {

constexpr size_t kHeaderSize = 10;  // zlbytes(4) zltail(4) zllen(2)
constexpr unsigned char kEnd = 0xff;
constexpr unsigned char kBigPrevLen = 254;
constexpr uint16_t kCountUnknown = 0xffff;

uint64_t read_le(const unsigned char* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

int64_t sign_extend(uint64_t v, int bits) {
  const uint64_t m = uint64_t{1} << (bits - 1);
  return static_cast<int64_t>((v ^ m) - m);
}

}  // namespace

bool ziplist_to_listpack(std::string_view zl, store::Listpack& out) {
  const auto* z = reinterpret_cast<const unsigned char*>(zl.data());
  const size_t size = zl.size();
  if (size < kHeaderSize + 1) return false;
  if (read_le(z, 4) != size || z[size - 1] != kEnd) return false;
  const uint64_t tail = read_le(z + 4, 4);
  const uint16_t header_count = static_cast<uint16_t>(read_le(z + 8, 2));
  const size_t end = size - 1;

  size_t p = kHeaderSize;
  size_t prev_len = 0;   // total bytes of the previous entry
  size_t last_entry = kHeaderSize;
  size_t count = 0;
  while (p < end) {
    // prevlen: 1 byte, or 0xFE and 4 bytes.
    size_t h = 1;
    uint64_t prev;
    if (z[p] < kBigPrevLen) {
      prev = z[p];
    } else if (z[p] == kBigPrevLen) {
      if (end - p < 5) return false;
      prev = read_le(z + p + 1, 4);
      h = 5;
    } else {
      return false;  // 0xFF where an entry should start
    }
    if (prev != prev_len) return false;
    if (h >= end - p) return false;
    const unsigned char enc = z[p + h];
    size_t enc_len = 1;
    uint64_t data_len = 0;
    bool is_int = false;
    int64_t ival = 0;
    switch (enc >> 6) {
      case 0:  // 00pppppp: string up to 63 bytes
        data_len = enc & 0x3f;
        break;
      case 1:  // 01pppppp qqqqqqqq: 14-bit big-endian length
        if (end - p - h < 2) return false;
        data_len = (static_cast<uint64_t>(enc & 0x3f) << 8) | z[p + h + 1];
        enc_len = 2;
        break;
      case 2:  // 10000000 + 4 bytes big-endian
        if (enc != 0x80 || end - p - h < 5) return false;
        data_len = (uint64_t{z[p + h + 1]} << 24) | (uint64_t{z[p + h + 2]} << 16) |
                   (uint64_t{z[p + h + 3]} << 8) | z[p + h + 4];
        enc_len = 5;
        break;
      default: {
        is_int = true;
        int bytes = 0;
        switch (enc) {
          case 0xc0: bytes = 2; break;
          case 0xd0: bytes = 4; break;
          case 0xe0: bytes = 8; break;
          case 0xf0: bytes = 3; break;
          case 0xfe: bytes = 1; break;
          default:
            if (enc >= 0xf1 && enc <= 0xfd) {
              ival = (enc & 0x0f) - 1;  // 4-bit immediate 0..12
            } else {
              return false;
            }
        }
        data_len = static_cast<uint64_t>(bytes);
        if (bytes > 0) {
          if (end - p - h - enc_len < static_cast<size_t>(bytes)) return false;
          ival = sign_extend(read_le(z + p + h + enc_len, bytes), bytes * 8);
        }
        break;
      }
    }
    const size_t before_data = h + enc_len;
    if (before_data > end - p || data_len > end - p - before_data) return false;
    const auto* data = reinterpret_cast<const char*>(z + p + before_data);
    if (is_int) {
      out.append_int(ival);
    } else {
      out.append(std::string_view(data, data_len));
    }
    last_entry = p;
    prev_len = before_data + data_len;
    p += prev_len;
    ++count;
  }
  if (tail != last_entry) return false;
  return header_count == kCountUnknown || header_count == count;
}

}  // namespace ironkv::persistence
