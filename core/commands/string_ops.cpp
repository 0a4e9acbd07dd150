#include "core/commands/string_ops.h"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <new>

namespace ironkv::commands {

bool op_lcs(std::string_view a, std::string_view b, bool want_text, bool want_matches,
            int64_t min_match_len, LcsResult& out) {
  const auto alen = static_cast<uint32_t>(a.size());
  const auto blen = static_cast<uint32_t>(b.size());
  const uint64_t cells = (uint64_t{alen} + 1) * (uint64_t{blen} + 1);
  if (cells > std::numeric_limits<size_t>::max() / sizeof(uint32_t)) return false;
  std::unique_ptr<uint32_t[]> table(new (std::nothrow) uint32_t[cells]);
  if (!table) return false;
  const uint64_t row = uint64_t{blen} + 1;
  auto at = [&](uint32_t i, uint32_t j) -> uint32_t& { return table[i * row + j]; };

  for (uint32_t i = 0; i <= alen; ++i) {
    for (uint32_t j = 0; j <= blen; ++j) {
      if (i == 0 || j == 0)
        at(i, j) = 0;
      else if (a[i - 1] == b[j - 1])
        at(i, j) = at(i - 1, j - 1) + 1;
      else
        at(i, j) = std::max(at(i - 1, j), at(i, j - 1));
    }
  }
  out.len = at(alen, blen);
  if (!want_text && !want_matches) return true;

  out.text.assign(out.len, '\0');
  uint32_t k = out.len;
  uint32_t i = alen, j = blen;
  bool open = false;
  LcsMatch cur{};
  auto close = [&] {
    if (want_matches && (min_match_len == 0 || cur.len() >= min_match_len)) {
      out.matches.push_back(cur);
    }
    open = false;
  };
  while (i > 0 && j > 0) {
    if (a[i - 1] == b[j - 1]) {
      out.text[--k] = a[i - 1];
      // Walking back diagonally, consecutive matches always extend the open range.
      if (!open) cur = {i - 1, i - 1, j - 1, j - 1};
      cur.a_start = i - 1;
      cur.b_start = j - 1;
      open = true;
      --i;
      --j;
      if (cur.a_start == 0 || cur.b_start == 0) close();
    } else {
      if (at(i - 1, j) > at(i, j - 1))
        --i;
      else
        --j;
      if (open) close();
    }
  }
  return true;
}

}  // namespace ironkv::commands
