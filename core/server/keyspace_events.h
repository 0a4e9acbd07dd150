#pragma once
// Keyspace notification classes (notify-keyspace-events), with Redis's flag
// letters and its exact parse/format rules, so CONFIG GET prints what Redis does.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ironkv::server::events {

enum : uint32_t {
  kKeyspace = 1u << 0,  // K: __keyspace@<db>__:<key> -> event
  kKeyevent = 1u << 1,  // E: __keyevent@<db>__:<event> -> key
  kGeneric = 1u << 2,   // g: DEL EXPIRE RENAME ...
  kString = 1u << 3,    // $
  kList = 1u << 4,      // l
  kSet = 1u << 5,       // s
  kHash = 1u << 6,      // h
  kZset = 1u << 7,      // z
  kExpired = 1u << 8,   // x
  kEvicted = 1u << 9,   // e
  kStream = 1u << 10,   // t
  kKeyMiss = 1u << 11,  // m (excluded from A)
  kLoaded = 1u << 12,   // module key loaded (no letter)
  kModule = 1u << 13,   // d
  kNew = 1u << 14,      // n (excluded from A)
  kAll =
      kGeneric | kString | kList | kSet | kHash | kZset | kExpired | kEvicted | kStream | kModule,
};

// "KEA" -> flags; nullopt on a character Redis rejects.
std::optional<uint32_t> parse_flags(std::string_view s);
// Redis 7.0 keyspaceEventsFlagsToString: "A" when every class in A is set,
// otherwise the class letters in g$lshzxetdn order; then K, E, m.
std::string flags_to_string(uint32_t flags);

}  // namespace ironkv::server::events
