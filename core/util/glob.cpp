#include "core/util/glob.h"

#include <cstddef>
#include <utility>

namespace ironkv::util {
namespace {

// Redis gives up on a pattern once '*' expansions nest deeper than this.
constexpr int kMaxStarNesting = 1000;

int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

// A byte the way Redis's `int c = pattern[0]` reads it: char is signed on x86/ARM64
// Linux builds of Redis, which is what range comparisons are made with.
int signed_byte(char c) { return static_cast<signed char>(c); }

// glibc tolower() in the "C" locale applied to such a signed value: -1 is EOF and
// stays -1, the other negative values come back as their unsigned byte value.
int c_locale_tolower(int c) {
  if (c == -1) return -1;
  if (c < 0) return c + 256;
  return ascii_lower(c);
}

bool same_byte(char a, char b, bool nocase) {
  if (!nocase) return a == b;
  return ascii_lower(static_cast<unsigned char>(a)) == ascii_lower(static_cast<unsigned char>(b));
}

}  // namespace

// This is Redis's recursive matcher unrolled. There, a '*' tries the rest of the
// pattern at each later string position; a try either fails before reaching the next
// '*', or reaches it and that inner '*' decides the final answer (a match, or — once it
// has tried every position — no match for the whole call tree, via skipLongerMatches).
// So only the innermost '*' reached so far is ever resumed: remember it and retry from
// the next string position when the current try fails.
bool glob_match(std::string_view pattern, std::string_view str, bool nocase) {
  const size_t plen = pattern.size();
  const size_t slen = str.size();
  // Redis patterns are NUL-terminated sds strings and the matcher reads one byte past
  // the end in a few places (an unterminated class, "**" collapsing, trailing stars).
  auto pat = [&](size_t i) { return i < plen ? pattern[i] : '\0'; };

  size_t pi = 0;
  size_t si = 0;
  bool have_star = false;
  size_t star_pi = 0;  // pattern position just after the innermost '*'
  size_t star_si = 0;  // string position its current try started at
  int nesting = 0;

  for (;;) {
    bool failed = false;
    while (pi < plen && si < slen) {
      const char pc = pattern[pi];
      if (pc == '*') {
        while (pat(pi + 1) == '*') ++pi;
        if (pi + 1 == plen) return true;  // a trailing '*' takes the rest of the string
        if (++nesting > kMaxStarNesting) return false;
        have_star = true;
        star_pi = ++pi;
        star_si = si;
        continue;
      }

      if (pc == '?') {
        ++si;
      } else if (pc == '[') {
        ++pi;
        const bool negate = pat(pi) == '^';
        if (negate) ++pi;
        bool match = false;
        for (;;) {
          const size_t left = plen - pi;
          const char cc = pat(pi);
          if (cc == '\\' && left >= 2) {
            ++pi;  // an escaped byte is compared exactly, even with nocase
            if (pattern[pi] == str[si]) match = true;
          } else if (cc == ']') {
            break;
          } else if (left == 0) {
            --pi;  // unterminated: the outer step below consumes the last byte
            break;
          } else if (left >= 3 && pattern[pi + 1] == '-') {
            int lo = signed_byte(pattern[pi]);
            int hi = signed_byte(pattern[pi + 2]);
            int c = signed_byte(str[si]);
            if (lo > hi) std::swap(lo, hi);
            if (nocase) {
              lo = c_locale_tolower(lo);
              hi = c_locale_tolower(hi);
              c = c_locale_tolower(c);
            }
            pi += 2;
            if (c >= lo && c <= hi) match = true;
          } else if (same_byte(cc, str[si], nocase)) {
            match = true;
          }
          ++pi;
        }
        if (negate) match = !match;
        if (!match) {
          failed = true;
          break;
        }
        ++si;
      } else {
        if (pc == '\\' && plen - pi >= 2) ++pi;
        if (!same_byte(pattern[pi], str[si], nocase)) {
          failed = true;
          break;
        }
        ++si;
      }

      ++pi;
      if (si == slen) {
        // The string is used up: only stars may remain in the pattern.
        while (pat(pi) == '*') ++pi;
        break;
      }
    }

    if (!failed && pi == plen && si == slen) return true;
    // This try failed; move the innermost '*' one byte further, if the string allows.
    if (!have_star || ++star_si == slen) return false;
    pi = star_pi;
    si = star_si;
  }
}

}  // namespace ironkv::util
