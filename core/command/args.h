#pragma once
// The argument cursor: a handler takes its arguments in order, as typed values
// with Redis's parsing rules, matches option words the way Redis does, and calls
// finish() to reject what is left over (mini-redis's Parse, Dragonfly's
// CmdArgParser). The first error is kept and every later step is a no-op, so a
// handler parses straight through and checks once:
//
//   ArgCursor a = c.args(2);                      // after "LRANGE key"
//   int64_t start = a.next<int64_t>(), stop = a.next<int64_t>();
//   if (!a.finish()) return c.error(a);
//
// Option words compare case-insensitively as C strings, as Redis's strcasecmp
// on its argv does: "WITHSCORES\0junk" is WITHSCORES.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/util/numbers.h"
#include "core/util/op_status.h"

namespace ironkv::command {

// Redis compares option words as C strings (up to the first NUL), ignoring case.
bool word_equals(std::string_view arg, std::string_view word);

// An error for a failed step: a shared status, or a text of the command's own
// (a constant with its "ERR " prefix, e.g. "ERR COUNT can't be negative").
struct ArgError {
  ArgError(OpStatus s) : status(s) {}  // NOLINT: implicit on purpose
  ArgError(std::string_view t) : status(OpStatus::kCustom), text(t) {}  // NOLINT
  ArgError(const char* t) : ArgError(std::string_view(t)) {}            // NOLINT
  OpStatus status;
  std::string_view text;
};

class ArgCursor {
 public:
  explicit ArgCursor(std::span<const std::string_view> argv, size_t start = 1)
      : argv_(argv), pos_(start) {}

  // ---- position --------------------------------------------------------------
  // False once every argument was taken, and after an error (loops end there).
  bool has_next() const { return ok() && pos_ < argv_.size(); }
  size_t remaining() const { return pos_ < argv_.size() ? argv_.size() - pos_ : 0; }
  // Index in argv of the next argument.
  size_t position() const { return pos_; }
  std::string_view peek() const { return pos_ < argv_.size() ? argv_[pos_] : std::string_view{}; }
  void skip(size_t n = 1) { pos_ = n < remaining() ? pos_ + n : argv_.size(); }
  // The next n arguments as they are (n = remaining() for the rest); a syntax
  // error when fewer are left.
  std::span<const std::string_view> take(size_t n);

  // ---- typed values ----------------------------------------------------------
  // The next argument as T, or `on_error` (recorded; T{} returned) when it is
  // missing or does not parse:
  //   std::string_view  as it is
  //   int64_t           Redis string2ll (no '+', no spaces, no leading zeros)
  //   uint64_t          digits only
  //   double            Redis getDoubleFromObject (strtod over the whole text, no NaN)
  //   long double       Redis string2ld (INCRBYFLOAT)
  template <class T = std::string_view>
  T next(ArgError on_error = default_error<T>());
  // An integer in [min, max]; `on_error` also when it is not an integer.
  int64_t next_int(int64_t min, int64_t max, ArgError on_error = OpStatus::kOutOfRange);
  // One of `words` (case-insensitive) → its value; `on_error` otherwise.
  template <class E>
  E next_enum(std::initializer_list<std::pair<std::string_view, E>> words,
              ArgError on_error = OpStatus::kSyntax);

  // ---- option words ----------------------------------------------------------
  bool peek_is(std::string_view word) const {
    return pos_ < argv_.size() && word_equals(argv_[pos_], word);
  }
  // Consumes the next argument if it is `word` and at least `values` more
  // arguments follow it (Redis's "!strcasecmp(opt, "COUNT") && moreargs"):
  //   if (a.eat("LIMIT", 2)) { offset = a.next<int64_t>(); count = a.next<int64_t>(); }
  bool eat(std::string_view word, size_t values = 0);
  // If the next argument is one of `words`, consumes it and gives its value.
  template <class E>
  std::optional<E> eat_enum(std::initializer_list<std::pair<std::string_view, E>> words);

  // ---- errors ----------------------------------------------------------------
  // Records an error unless one is already there (the first one wins).
  void fail(ArgError e);
  void fail_text(std::string text);  // a formatted text of the command's own
  bool ok() const { return status_ == OpStatus::kOk; }
  OpStatus status() const { return status_; }
  // The command's own text when status() is kCustom.
  std::string_view text() const { return owned_.empty() ? text_ : std::string_view(owned_); }
  // True when no error was recorded and every argument was taken; arguments
  // left over record `extra` (a syntax error unless the command says otherwise).
  bool finish(ArgError extra = OpStatus::kSyntax);

 private:
  template <class T>
  static constexpr OpStatus default_error() {
    if constexpr (std::is_floating_point_v<T>) {
      return OpStatus::kNotAFloat;
    } else if constexpr (std::is_integral_v<T>) {
      return OpStatus::kNotAnInteger;
    } else {
      return OpStatus::kSyntax;
    }
  }

  std::span<const std::string_view> argv_;
  size_t pos_;
  OpStatus status_ = OpStatus::kOk;
  std::string_view text_;
  std::string owned_;
};

template <class T>
T ArgCursor::next(ArgError on_error) {
  if (!ok()) return T{};
  if (pos_ >= argv_.size()) {
    fail(OpStatus::kSyntax);
    return T{};
  }
  std::string_view arg = argv_[pos_];
  T out{};
  bool parsed;
  if constexpr (std::is_same_v<T, std::string_view>) {
    out = arg;
    parsed = true;
  } else if constexpr (std::is_same_v<T, int64_t>) {
    parsed = util::parse_int64(arg, out);
  } else if constexpr (std::is_same_v<T, uint64_t>) {
    parsed = util::parse_uint64(arg, out);
  } else if constexpr (std::is_same_v<T, double>) {
    parsed = util::parse_double(arg, out);
  } else if constexpr (std::is_same_v<T, long double>) {
    parsed = util::parse_long_double(arg, out);
  } else {
    static_assert(!sizeof(T), "ArgCursor::next: unsupported type");
  }
  if (!parsed) {
    fail(on_error);
    return T{};
  }
  ++pos_;
  return out;
}

template <class E>
E ArgCursor::next_enum(std::initializer_list<std::pair<std::string_view, E>> words,
                       ArgError on_error) {
  if (!ok()) return E{};
  if (auto v = eat_enum(words)) return *v;
  fail(pos_ < argv_.size() ? on_error : ArgError(OpStatus::kSyntax));
  return E{};
}

template <class E>
std::optional<E> ArgCursor::eat_enum(std::initializer_list<std::pair<std::string_view, E>> words) {
  if (!ok() || pos_ >= argv_.size()) return std::nullopt;
  for (const auto& [word, value] : words) {
    if (word_equals(argv_[pos_], word)) {
      ++pos_;
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace ironkv::command
