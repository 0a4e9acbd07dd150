#include "core/server/keyspace_events.h"

namespace ironkv::server::events {

std::optional<uint32_t> parse_flags(std::string_view s) {
  uint32_t flags = 0;
  for (char ch : s) {
    switch (ch) {
      case 'A':
        flags |= kAll;
        break;
      case 'g':
        flags |= kGeneric;
        break;
      case '$':
        flags |= kString;
        break;
      case 'l':
        flags |= kList;
        break;
      case 's':
        flags |= kSet;
        break;
      case 'h':
        flags |= kHash;
        break;
      case 'z':
        flags |= kZset;
        break;
      case 'x':
        flags |= kExpired;
        break;
      case 'e':
        flags |= kEvicted;
        break;
      case 'K':
        flags |= kKeyspace;
        break;
      case 'E':
        flags |= kKeyevent;
        break;
      case 't':
        flags |= kStream;
        break;
      case 'm':
        flags |= kKeyMiss;
        break;
      case 'd':
        flags |= kModule;
        break;
      case 'n':
        flags |= kNew;
        break;
      default:
        return std::nullopt;
    }
  }
  return flags;
}

std::string flags_to_string(uint32_t flags) {
  std::string out;
  if ((flags & kAll) == kAll) {
    out += 'A';
  } else {
    static constexpr struct {
      uint32_t flag;
      char letter;
    } kLetters[] = {{kGeneric, 'g'}, {kString, '$'}, {kList, 'l'},    {kSet, 's'},
                    {kHash, 'h'},    {kZset, 'z'},   {kExpired, 'x'}, {kEvicted, 'e'},
                    {kStream, 't'},  {kModule, 'd'}, {kNew, 'n'}};
    for (const auto& l : kLetters) {
      if (flags & l.flag) out += l.letter;
    }
  }
  if (flags & kKeyspace) out += 'K';
  if (flags & kKeyevent) out += 'E';
  if (flags & kKeyMiss) out += 'm';
  return out;
}

}  // namespace ironkv::server::events
