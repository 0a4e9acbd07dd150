#pragma once
// Argument cursor over a command's argv (after the name), in the manner of
// mini-redis's Parse: take arguments in order, match option words
// case-insensitively, and finish() to reject what is left over.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::command {

class ArgCursor {
 public:
  explicit ArgCursor(std::span<const std::string_view> args, size_t start = 1)
      : args_(args), pos_(start) {}

  bool done() const { return pos_ >= args_.size(); }
  size_t remaining() const { return done() ? 0 : args_.size() - pos_; }
  size_t position() const { return pos_; }
  std::string_view peek() const { return done() ? std::string_view{} : args_[pos_]; }
  std::string_view next() { return done() ? std::string_view{} : args_[pos_++]; }
  // Consumes the next argument if it equals `word` case-insensitively.
  bool eat(std::string_view word) {
    if (!done() && util::iequals(args_[pos_], word)) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::optional<int64_t> next_int() {
    if (done()) return std::nullopt;
    int64_t v;
    if (!util::parse_int64(args_[pos_], v)) return std::nullopt;
    ++pos_;
    return v;
  }
  // True when every argument was consumed.
  bool finish() const { return done(); }

 private:
  std::span<const std::string_view> args_;
  size_t pos_;
};

}  // namespace ironkv::command
