#pragma once
// Reading Redis's ziplist format (Redis < 7.0 used it for small hashes, sorted
// sets and list nodes), for RDB files written by older versions. Ziplists are
// never adopted as they are: each is checked in full and its entries are copied
// into a listpack, the format IronKV (and Redis 7) use.

#include <string_view>

#include "core/store/listpack.h"

namespace ironkv::persistence {

// Validates `zl` deeply (header bytes and tail offset, every entry's prev-length,
// encoding and bounds, the count unless it is the "unknown" 65535, the
// terminator) and appends its entries to `out` in order. False if anything is
// wrong; `out` may then hold a prefix of the entries.
bool ziplist_to_listpack(std::string_view zl, store::Listpack& out);

}  // namespace ironkv::persistence
