#pragma once
// Data logic of the string family that needs no keyspace: the LCS algorithm,
// and the size limit of a string value.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace ironkv::commands {

// A Value keeps string lengths in 32 bits, so no string may grow past this even
// when proto-max-bulk-len is configured larger.
inline constexpr uint64_t kValueMaxLen = std::numeric_limits<uint32_t>::max();

struct LcsMatch {
  uint32_t a_start, a_end, b_start, b_end;
  uint32_t len() const { return a_end - a_start + 1; }
};

struct LcsResult {
  uint32_t len = 0;
  std::string text;               // only when asked for
  std::vector<LcsMatch> matches;  // only when asked for, last match first
};

// Dynamic-programming LCS over bytes. Walks the table back from the end the
// way Redis does, so equal-length alternatives resolve to the same answer and
// the matching ranges come out in the same order. False if the table cannot be
// allocated.
bool op_lcs(std::string_view a, std::string_view b, bool want_text, bool want_matches,
            int64_t min_match_len, LcsResult& out);

}  // namespace ironkv::commands
