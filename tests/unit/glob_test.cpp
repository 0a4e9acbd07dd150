// Expected results are those of redis-server 7.0.15 (Debian 12): KEYS for
// case-sensitive matching, COMMAND LIST FILTERBY PATTERN for nocase.

#include "core/util/glob.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <utility>

namespace ironkv::util {
namespace {

using namespace std::string_literals;

bool m(std::string_view pattern, std::string_view str) { return glob_match(pattern, str); }
bool mi(std::string_view pattern, std::string_view str) { return glob_match(pattern, str, true); }

TEST(Glob, Literals) {
  EXPECT_TRUE(m("", ""));
  EXPECT_FALSE(m("", "a"));
  EXPECT_FALSE(m("a", ""));
  EXPECT_TRUE(m("hello", "hello"));
  EXPECT_FALSE(m("hello", "hell"));
  EXPECT_FALSE(m("hell", "hello"));
  EXPECT_FALSE(m("hello", "Hello"));
  EXPECT_TRUE(m("a\0b"s, "a\0b"s));
  EXPECT_FALSE(m("a\0b"s, "a\0c"s));
  EXPECT_TRUE(m("\xff\x80", "\xff\x80"));
}

TEST(Glob, Star) {
  EXPECT_TRUE(m("*", "anything"));
  EXPECT_TRUE(m("h*o", "hello"));
  EXPECT_TRUE(m("h*o", "ho"));
  EXPECT_TRUE(m("h*llo", "hllo"));
  EXPECT_FALSE(m("h*o", "hola"));
  EXPECT_TRUE(m("*llo", "hello"));
  EXPECT_TRUE(m("he*", "he"));
  EXPECT_TRUE(m("he**", "he"));
  EXPECT_TRUE(m("**x**", "x"));
  EXPECT_TRUE(m("user:*:name", "user:1000:name"));
  EXPECT_FALSE(m("user:*:name", "user:1000:age"));
  EXPECT_TRUE(m("*a*b*", "xaxxbx"));
  EXPECT_FALSE(m("*a*b*", "xbxxax"));
}

TEST(Glob, NonEmptyPatternNeverMatchesEmptyString) {
  // Redis's matcher loop needs a byte to start; KEYS/SCAN special-case a bare "*".
  EXPECT_FALSE(m("*", ""));
  EXPECT_FALSE(m("**", ""));
  EXPECT_FALSE(m("?", ""));
  EXPECT_FALSE(m("[a]", ""));
}

TEST(Glob, QuestionMark) {
  EXPECT_TRUE(m("h?llo", "hello"));
  EXPECT_TRUE(m("h?llo", "hallo"));
  EXPECT_FALSE(m("h?llo", "hllo"));
  EXPECT_TRUE(m("???", "abc"));
  EXPECT_FALSE(m("???", "ab"));
  EXPECT_TRUE(m("?", "\0"s));
}

TEST(Glob, Classes) {
  EXPECT_TRUE(m("h[ae]llo", "hello"));
  EXPECT_TRUE(m("h[ae]llo", "hallo"));
  EXPECT_FALSE(m("h[ae]llo", "hillo"));
  EXPECT_TRUE(m("h[^e]llo", "hallo"));
  EXPECT_FALSE(m("h[^e]llo", "hello"));
  EXPECT_TRUE(m("h[a-b]llo", "hbllo"));
  EXPECT_FALSE(m("h[a-b]llo", "hcllo"));
  EXPECT_TRUE(m("[b-a]", "a"));  // reversed ranges are swapped
  EXPECT_TRUE(m("[z-a]", "m"));
  EXPECT_TRUE(m("[0-9a-f]", "c"));
  EXPECT_FALSE(m("[0-9a-f]", "g"));
  EXPECT_TRUE(m("[^0-9]", "x"));
  EXPECT_FALSE(m("[^0-9]", "5"));
  EXPECT_TRUE(m("[*]", "*"));
  EXPECT_FALSE(m("[*]", "a"));
  EXPECT_TRUE(m("[?]", "?"));
  EXPECT_TRUE(m("[[]", "["));
  EXPECT_TRUE(m("[a-]", "]"));  // "a-]" is the range ']'..'a'; the class stays open
  EXPECT_TRUE(m("[a-]", "_"));
  EXPECT_FALSE(m("[a-]", "-"));
  EXPECT_TRUE(m("[-a]", "-"));
  EXPECT_FALSE(m("[]", "]"));  // "[]" is an empty class
  EXPECT_FALSE(m("[]", "a"));
  EXPECT_TRUE(m("[^]", "a"));
}

TEST(Glob, UnterminatedClass) {
  EXPECT_TRUE(m("[abc", "a"));
  EXPECT_TRUE(m("[abc", "c"));
  EXPECT_FALSE(m("[abc", "d"));
  EXPECT_FALSE(m("[abc", "ab"));
  EXPECT_FALSE(m("[", "["));
  EXPECT_FALSE(m("[", "a"));
  EXPECT_TRUE(m("[^", "x"));   // an empty, negated, unterminated class: any one byte
  EXPECT_FALSE(m("x[", "x"));  // the string ends first, and a '[' is not a '*'
}

TEST(Glob, Escapes) {
  EXPECT_TRUE(m("\\*", "*"));
  EXPECT_FALSE(m("\\*", "a"));
  EXPECT_TRUE(m("\\?", "?"));
  EXPECT_FALSE(m("\\?", "a"));
  EXPECT_TRUE(m("\\[a]", "[a]"));
  EXPECT_TRUE(m("\\a", "a"));
  EXPECT_TRUE(m("\\\\", "\\"));
  EXPECT_TRUE(m("a\\", "a\\"));  // a trailing lone backslash matches itself
  EXPECT_FALSE(m("a\\", "a"));
  EXPECT_TRUE(m("\\", "\\"));
  EXPECT_TRUE(m("*\\*", "abc*"));
  EXPECT_FALSE(m("*\\*", "abc"));
}

TEST(Glob, EscapesInsideClasses) {
  EXPECT_TRUE(m("[\\]]", "]"));
  EXPECT_TRUE(m("[\\^a]", "^"));
  EXPECT_TRUE(m("[\\-]", "-"));
  EXPECT_TRUE(m("[a\\-z]", "-"));
  EXPECT_FALSE(m("[a\\-z]", "m"));  // the escape stops '-' from forming a range
  EXPECT_TRUE(m("[\\\\]", "\\"));
  EXPECT_TRUE(m("[\\", "\\"));  // a lone backslash at the very end is literal
  EXPECT_TRUE(m("[^\\]]", "a"));
  EXPECT_FALSE(m("[^\\]]", "]"));
}

TEST(Glob, HighBytesInRangesCompareAsSignedChars) {
  // Redis reads range bounds as (signed) char: 0x80..0xff sort below 0.
  EXPECT_TRUE(m("[\x80-\xff]", "\xc0"));
  EXPECT_FALSE(m("[\x80-\xff]", "a"));
  EXPECT_TRUE(m("[a-\xff]", "\0"s));  // the range is -1..'a'
  EXPECT_TRUE(m("[a-\xff]", "A"));
  EXPECT_FALSE(m("[a-\xff]", "b"));
  EXPECT_FALSE(m("[a-\xff]", "\xc0"));
  EXPECT_TRUE(m("[a-\xff]", "\xff"));
  EXPECT_TRUE(m("[\xff]", "\xff"));
}

TEST(Glob, Nocase) {
  EXPECT_TRUE(mi("GET", "get"));
  EXPECT_TRUE(mi("get", "GET"));
  EXPECT_TRUE(mi("g?T", "Get"));
  EXPECT_TRUE(mi("[G]et", "get"));
  EXPECT_TRUE(mi("[^X]ET", "get"));
  EXPECT_FALSE(mi("[^G]ET", "get"));
  EXPECT_TRUE(mi("[A-z]ET", "get"));
  EXPECT_TRUE(mi("[F-H]et", "get"));
  EXPECT_TRUE(mi("\\Get", "get"));     // an escape outside [] still folds case
  EXPECT_FALSE(mi("[\\G]et", "get"));  // ...but not inside []
  EXPECT_TRUE(mi("[\\g]et", "get"));
  EXPECT_FALSE(m("GET", "get"));
  // Bounds are swapped before folding: 'Z'..'a' folds to 'z'..'a', an empty range.
  EXPECT_FALSE(mi("[Z-a]et", "get"));
  EXPECT_FALSE(mi("[Z-a]", "_"));
  EXPECT_TRUE(m("[Z-a]", "_"));
  // glibc tolower maps negative chars to 128..254 (and -1 to itself): 0x80..'z'
  // becomes 128..'z', an empty range.
  EXPECT_FALSE(mi("[\x80-z]et", "get"));
  EXPECT_TRUE(m("[\x80-z]et", "get"));
  EXPECT_FALSE(mi("[a-\xff]et", "get"));
  EXPECT_TRUE(mi("[\x80-\xfe]", "\xc0"));
  EXPECT_FALSE(mi("[\x80-\xff]", "\xc0"));
  EXPECT_TRUE(mi("\xc0", "\xc0"));
  EXPECT_FALSE(mi("\xc0", "\xe0"));  // no Latin-1 folding
}

TEST(Glob, PathologicalPatternsAreFast) {
  const auto start = std::chrono::steady_clock::now();
  const std::string as(5000, 'a');
  std::string pattern;
  for (int i = 0; i < 30; ++i) pattern += "a*";
  EXPECT_FALSE(m(pattern + "b", as));
  EXPECT_TRUE(m(pattern + "a", as));
  EXPECT_FALSE(m("a*a*a*a*a*a*a*b", std::string(100, 'a')));
  EXPECT_FALSE(mi("*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?b", as));
  EXPECT_FALSE(m("*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*[a]*c", as));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST(Glob, StarNestingLimit) {
  // Redis gives up once the tail after a '*' would be tried 1001 stars deep.
  auto repeat = [](std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  EXPECT_TRUE(m(repeat("*a", 1000), std::string(1000, 'a')));
  EXPECT_FALSE(m(repeat("*a", 1001), std::string(1001, 'a')));
  EXPECT_TRUE(m(repeat("a*", 1001), std::string(1001, 'a')));  // last star never expands
  EXPECT_FALSE(m(repeat("a*", 1002), std::string(1002, 'a')));
  EXPECT_TRUE(m(repeat("*", 5000) + "a", "a"));  // consecutive stars count once
}

// The straightforward exponential reading of Redis's stringmatchlen: every '*' tries
// every split, with no skipping. glob_match must agree with it everywhere.
class ReferenceMatcher {
 public:
  ReferenceMatcher(std::string_view p, std::string_view s, bool nocase)
      : p_(p), s_(s), nocase_(nocase) {}

  bool match() { return match_from(0, 0, 0); }

 private:
  char pat(size_t i) const { return i < p_.size() ? p_[i] : '\0'; }
  static int fold(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
  static int glibc_tolower(int c) { return c == -1 ? -1 : c < 0 ? c + 256 : fold(c); }
  bool eq(char a, char b) const {
    return nocase_ ? glibc_tolower(static_cast<signed char>(a)) ==
                         glibc_tolower(static_cast<signed char>(b))
                   : a == b;
  }

  bool match_from(size_t pi, size_t si, int depth) {
    if (depth > 1000) return false;
    while (pi < p_.size() && si < s_.size()) {
      const char c = p_[pi];
      if (c == '*') {
        while (pat(pi + 1) == '*') ++pi;
        if (pi + 1 == p_.size()) return true;
        for (size_t k = si; k < s_.size(); ++k) {
          if (match_from(pi + 1, k, depth + 1)) return true;
        }
        return false;
      }
      if (c == '?') {
        ++si;
      } else if (c == '[') {
        ++pi;
        const bool neg = pat(pi) == '^';
        if (neg) ++pi;
        bool hit = false;
        for (;;) {
          const size_t left = p_.size() - pi;
          if (pat(pi) == '\\' && left >= 2) {
            ++pi;
            hit |= p_[pi] == s_[si];
          } else if (pat(pi) == ']') {
            break;
          } else if (left == 0) {
            --pi;
            break;
          } else if (left >= 3 && p_[pi + 1] == '-') {
            int a = static_cast<signed char>(p_[pi]);
            int b = static_cast<signed char>(p_[pi + 2]);
            int x = static_cast<signed char>(s_[si]);
            if (a > b) std::swap(a, b);
            if (nocase_) {
              a = glibc_tolower(a);
              b = glibc_tolower(b);
              x = glibc_tolower(x);
            }
            hit |= x >= a && x <= b;
            pi += 2;
          } else {
            hit |= eq(p_[pi], s_[si]);
          }
          ++pi;
        }
        if (hit == neg) return false;
        ++si;
      } else {
        if (c == '\\' && p_.size() - pi >= 2) ++pi;
        if (!eq(p_[pi], s_[si])) return false;
        ++si;
      }
      ++pi;
      if (si == s_.size()) {
        while (pat(pi) == '*') ++pi;
        break;
      }
    }
    return pi == p_.size() && si == s_.size();
  }

  std::string_view p_;
  std::string_view s_;
  bool nocase_;
};

TEST(Glob, AgreesWithReferenceOnRandomInputs) {
  std::mt19937 rng(20240607);
  const std::string pattern_bytes = "ab*?[]^-\\A*\x80\xff";
  const std::string string_bytes = "abAB]-[\\*^\x80\xff\xc0";
  auto pick = [&](const std::string& from, size_t max_len) {
    std::string out(std::uniform_int_distribution<size_t>(0, max_len)(rng), ' ');
    for (char& c : out) c = from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng)];
    return out;
  };
  int matches = 0;
  for (int i = 0; i < 40000; ++i) {
    const std::string p = pick(pattern_bytes, 8);
    const std::string s = pick(i % 3 == 0 ? pattern_bytes : string_bytes, 7);
    const bool nocase = i % 2 == 1;
    const bool expected = ReferenceMatcher(p, s, nocase).match();
    ASSERT_EQ(glob_match(p, s, nocase), expected)
        << "pattern '" << p << "' string '" << s << "' nocase " << nocase;
    matches += expected;
  }
  EXPECT_GT(matches, 1000);  // the generator must exercise both outcomes
}

}  // namespace
}  // namespace ironkv::util
