#pragma once

// Glob matching with the semantics of Redis 7.0 stringmatchlen() (util.c), as used by
// KEYS, SCAN MATCH, PSUBSCRIBE, PUBSUB CHANNELS, CONFIG GET and ACL key patterns.

#include <string_view>

namespace ironkv::util {

// Matches `str` against `pattern`, byte-wise and binary-safe:
//   *       any run of bytes           ?      exactly one byte
//   [abc]   one byte of the set        [^abc] one byte not in the set
//   [a-z]   a range; [z-a] is the same range
//   \x      the literal x, outside or inside [] (a trailing lone '\' matches '\')
// nocase folds ASCII letters only (the "C" locale tolower Redis runs under).
//
// Redis quirks kept on purpose, since clients can observe them:
//   - a non-empty pattern never matches the empty string ("*" does not match "").
//     KEYS/SCAN special-case the bare "*" pattern before calling the matcher.
//   - an unterminated class ("[abc") acts as if closed at the end of the pattern.
//   - range bounds compare bytes as signed chars, so a range with a byte >= 0x80 does
//     not mean what it looks like (with nocase, also as glibc's tolower maps them).
//   - a pattern needing more than 1000 nested '*' expansions does not match (the
//     CVE-2024-31228 guard shipped in Debian's 7.0.15).
// Runs in O(pattern * str) time and constant space: a failed tail after a '*' never
// makes an earlier '*' retry (Redis 7's skipLongerMatches), so "a*a*a*a*b" is cheap.
bool glob_match(std::string_view pattern, std::string_view str, bool nocase = false);

}  // namespace ironkv::util
