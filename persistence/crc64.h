#pragma once
// Redis's CRC-64 (crc64.c): the Jones polynomial 0xad93d23594c935a9, reflected in
// and out, initial value 0, no final xor. RDB files end with it, little-endian.

#include <cstddef>
#include <cstdint>

namespace ironkv::persistence {

// Continues `crc` over `len` bytes (start with 0). crc64(0, "123456789", 9) ==
// 0xe9c6d914c4b8d9ca. Slicing-by-8: about 1 byte per cycle, so checking a
// snapshot costs far less than reading it.
uint64_t crc64(uint64_t crc, const void* data, size_t len);

}  // namespace ironkv::persistence
