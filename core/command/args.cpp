#include "core/command/args.h"

#include "core/util/strings.h"

namespace ironkv::command {

bool word_equals(std::string_view arg, std::string_view word) {
  return util::iequals(arg.substr(0, arg.find('\0')), word);
}

std::span<const std::string_view> ArgCursor::take(size_t n) {
  if (!ok()) return {};
  if (n > remaining()) {
    fail(OpStatus::kSyntax);
    return {};
  }
  auto out = argv_.subspan(pos_, n);
  pos_ += n;
  return out;
}

int64_t ArgCursor::next_int(int64_t min, int64_t max, ArgError on_error) {
  if (!ok()) return 0;
  if (pos_ >= argv_.size()) {
    fail(OpStatus::kSyntax);
    return 0;
  }
  int64_t v;
  if (!util::parse_int64(argv_[pos_], v) || v < min || v > max) {
    fail(on_error);
    return 0;
  }
  ++pos_;
  return v;
}

bool ArgCursor::eat(std::string_view word, size_t values) {
  if (!ok() || remaining() <= values || !word_equals(argv_[pos_], word)) return false;
  ++pos_;
  return true;
}

void ArgCursor::fail(ArgError e) {
  if (!ok()) return;
  status_ = e.status;
  text_ = e.text;
}

void ArgCursor::fail_text(std::string text) {
  if (!ok()) return;
  status_ = OpStatus::kCustom;
  owned_ = std::move(text);
}

bool ArgCursor::finish(ArgError extra) {
  if (ok() && pos_ < argv_.size()) fail(extra);
  return ok();
}

}  // namespace ironkv::command
