#include "core/resp/parser.h"

#include <algorithm>
#include <limits>

namespace ironkv::resp {
namespace {

// Texts clients see after "-ERR ", word for word as Redis 7 sends them.
constexpr std::string_view kInvalidMultibulkLength = "Protocol error: invalid multibulk length";
constexpr std::string_view kTooBigMultibulkCount = "Protocol error: too big mbulk count string";
constexpr std::string_view kTooBigBulkCount = "Protocol error: too big bulk count string";
constexpr std::string_view kInvalidBulkLength = "Protocol error: invalid bulk length";
// Redis's limits for clients that have not authenticated yet.
constexpr int64_t kUnauthMaxMultibulk = 10;
constexpr int64_t kUnauthMaxBulk = 16384;
constexpr std::string_view kExpectedCrlf = "Protocol error: expected CRLF after bulk string";
constexpr std::string_view kTooBigInline = "Protocol error: too big inline request";
constexpr std::string_view kUnbalancedQuotes = "Protocol error: unbalanced quotes in request";

// Redis preallocates at most this many argv slots from an untrusted array count.
constexpr uint64_t kMaxArgvReserve = 1024;

// Redis string2ll: optional '-', then "0" alone or a digit string without leading
// zeros; no '+', no spaces; at most 20 characters; must fit in int64_t.
bool parse_int64(std::string_view s, int64_t& out) {
  if (s.empty() || s.size() > 20) return false;
  if (s == "0") {
    out = 0;
    return true;
  }
  size_t i = 0;
  const bool negative = s[0] == '-';
  if (negative && ++i == s.size()) return false;
  if (s[i] < '1' || s[i] > '9') return false;
  uint64_t value = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    const auto digit = static_cast<uint64_t>(s[i] - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) return false;
    value = value * 10 + digit;
  }
  constexpr auto kMaxPositive = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative) {
    if (value > kMaxPositive + 1) return false;
    out = value == kMaxPositive + 1 ? std::numeric_limits<int64_t>::min()
                                    : -static_cast<int64_t>(value);
  } else {
    if (value > kMaxPositive) return false;
    out = static_cast<int64_t>(value);
  }
  return true;
}

// isspace() in the C locale, which sdssplitargs uses to skip blanks and to accept
// what follows a closing quote.
bool is_c_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Builds one inline argument. While its bytes so far are one contiguous run of the
// line it is only a range (zero-copy); the first byte that breaks that (an escape,
// or text on both sides of a quote) turns it into an owned copy.
class TokenBuilder {
 public:
  explicit TokenBuilder(std::string_view line) : line_(line) {}

  // The next token byte is line_[at], verbatim.
  void append_at(size_t at) {
    if (contiguous_) {
      if (begin_ == end_) {
        begin_ = at;
        end_ = at + 1;
        return;
      }
      if (at == end_) {
        ++end_;
        return;
      }
      materialize();
    }
    copy_.push_back(line_[at]);
  }

  // The next token byte is produced by an escape.
  void append_byte(char c) {
    if (contiguous_) materialize();
    copy_.push_back(c);
  }

  bool contiguous() const { return contiguous_; }
  std::string_view view() const { return line_.substr(begin_, end_ - begin_); }
  std::string take() { return std::move(copy_); }

 private:
  void materialize() {
    copy_.assign(view());
    contiguous_ = false;
  }

  std::string_view line_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool contiguous_ = true;
  std::string copy_;
};

}  // namespace

Parser::Parser(ParserLimits limits) : limits_(limits) {}

ParseStatus Parser::parse(std::string_view data, CommandBatch& batch, size_t& consumed) {
  consumed = 0;
  if (state_ == State::kFailed) return ParseStatus::kError;
  if (state_ == State::kFrameStart) {
    if (data.empty()) return ParseStatus::kNeedMore;
    if (data[0] == '*') {
      state_ = State::kMultibulkHeader;
      scan_from_ = 1;
    } else {
      state_ = State::kInline;
      scan_from_ = 0;
    }
  }
  if (state_ == State::kInline) return parse_inline(data, batch, consumed);
  return parse_multibulk(data, batch, consumed);
}

size_t Parser::frame_size_hint() const {
  if (state_ != State::kBulkPayload) return 0;
  // Saturate rather than wrap when limits allow absurd lengths.
  constexpr size_t kMax = std::numeric_limits<size_t>::max();
  if (bulk_len_ > kMax - 2 - pos_) return kMax;
  return pos_ + static_cast<size_t>(bulk_len_) + 2;
}

void Parser::reset() {
  end_frame();
  error_.clear();
}

void Parser::end_frame() {
  state_ = State::kFrameStart;
  scan_from_ = 0;
  pos_ = 0;
  args_expected_ = 0;
  bulk_len_ = 0;
  arg_spans_.clear();
}

ParseStatus Parser::fail(std::string message) {
  end_frame();
  state_ = State::kFailed;
  error_ = std::move(message);
  return ParseStatus::kError;
}

// Like Redis, a header line ends at the first '\r', and "too long" is only decided
// while no '\r' has arrived yet.
Parser::LineEnd Parser::find_crlf(std::string_view data, size_t line_begin, size_t& cr) {
  const size_t at = data.find('\r', std::max(scan_from_, line_begin));
  if (at == std::string_view::npos) {
    if (data.size() - line_begin > limits_.max_inline_len) return LineEnd::kTooLong;
    scan_from_ = data.size();
    return LineEnd::kNeedMore;
  }
  if (at + 1 == data.size()) {
    scan_from_ = at;  // look at this '\r' again once its successor arrives
    return LineEnd::kNeedMore;
  }
  if (data[at + 1] != '\n') return LineEnd::kMalformed;
  cr = at;
  return LineEnd::kFound;
}

ParseStatus Parser::parse_multibulk(std::string_view data, CommandBatch& batch,
                                    size_t& consumed) {
  if (state_ == State::kMultibulkHeader) {
    size_t cr = 0;
    switch (find_crlf(data, 0, cr)) {
      case LineEnd::kFound:
        break;
      case LineEnd::kNeedMore:
        return ParseStatus::kNeedMore;
      case LineEnd::kTooLong:
        return fail(std::string(kTooBigMultibulkCount));
      case LineEnd::kMalformed:
        return fail(std::string(kInvalidMultibulkLength));
    }
    int64_t count = 0;
    if (!parse_int64(data.substr(1, cr - 1), count) || count < -1 ||
        (count > 0 && static_cast<uint64_t>(count) > limits_.max_multibulk_len)) {
      return fail(std::string(kInvalidMultibulkLength));
    }
    if (limits_.unauthenticated && count > kUnauthMaxMultibulk) {
      return fail("Protocol error: unauthenticated multibulk length");
    }
    if (count <= 0) {  // "*0" and "*-1": nothing to run
      consumed = cr + 2;
      end_frame();
      return ParseStatus::kOk;
    }
    args_expected_ = static_cast<uint64_t>(count);
    arg_spans_.reserve(std::min(args_expected_, kMaxArgvReserve));
    pos_ = cr + 2;
    scan_from_ = pos_;
    state_ = State::kBulkHeader;
  }

  while (true) {
    // Only a caller breaking the contract (a shorter view) gets here with data
    // ending before our progress; wait rather than read out of bounds.
    if (data.size() < pos_) return ParseStatus::kNeedMore;

    if (state_ == State::kBulkHeader) {
      if (data.size() == pos_) return ParseStatus::kNeedMore;
      // Redis checks the '$' only once the line's '\r' arrived; checking the first
      // byte right away fails garbage sooner with the same text.
      if (data[pos_] != '$') {
        char got = data[pos_];
        // Redis turns newlines in error texts into spaces to keep the reply one line.
        if (got == '\r' || got == '\n') got = ' ';
        return fail(std::string("Protocol error: expected '$', got '") + got + "'");
      }
      size_t cr = 0;
      switch (find_crlf(data, pos_, cr)) {
        case LineEnd::kFound:
          break;
        case LineEnd::kNeedMore:
          return ParseStatus::kNeedMore;
        case LineEnd::kTooLong:
          return fail(std::string(kTooBigBulkCount));
        case LineEnd::kMalformed:
          return fail(std::string(kInvalidBulkLength));
      }
      int64_t len = 0;
      if (!parse_int64(data.substr(pos_ + 1, cr - pos_ - 1), len) || len < 0 ||
          static_cast<uint64_t>(len) > limits_.max_bulk_len) {
        return fail(std::string(kInvalidBulkLength));
      }
      if (limits_.unauthenticated && len > kUnauthMaxBulk) {
        return fail("Protocol error: unauthenticated bulk length");
      }
      bulk_len_ = static_cast<uint64_t>(len);
      pos_ = cr + 2;
      state_ = State::kBulkPayload;
    }

    // kBulkPayload: need bulk_len_ bytes and the CRLF after them. Written to avoid
    // overflow in pos_ + bulk_len_ + 2.
    const size_t avail = data.size() - pos_;
    if (avail < 2 || avail - 2 < bulk_len_) {
      if (avail > bulk_len_ && data[pos_ + bulk_len_] != '\r') {
        return fail(std::string(kExpectedCrlf));
      }
      return ParseStatus::kNeedMore;
    }
    const size_t len = static_cast<size_t>(bulk_len_);
    if (data[pos_ + len] != '\r' || data[pos_ + len + 1] != '\n') {
      return fail(std::string(kExpectedCrlf));
    }
    arg_spans_.emplace_back(pos_, len);
    pos_ += len + 2;

    if (arg_spans_.size() == args_expected_) {
      argv_.clear();
      argv_.reserve(arg_spans_.size());
      for (const auto& [offset, length] : arg_spans_) argv_.push_back(data.substr(offset, length));
      batch.add_command(argv_);
      consumed = pos_;
      end_frame();
      return ParseStatus::kOk;
    }
    scan_from_ = pos_;
    state_ = State::kBulkHeader;
  }
}

ParseStatus Parser::parse_inline(std::string_view data, CommandBatch& batch, size_t& consumed) {
  const size_t newline = data.find('\n', scan_from_);
  if (newline == std::string_view::npos) {
    if (data.size() > limits_.max_inline_len) return fail(std::string(kTooBigInline));
    scan_from_ = data.size();
    return ParseStatus::kNeedMore;
  }
  std::string_view line = data.substr(0, newline);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Redis splits the line as a C string, so a NUL ends it.
  if (const size_t nul = line.find('\0'); nul != std::string_view::npos) {
    line = line.substr(0, nul);
  }
  if (!split_inline(line)) return fail(std::string(kUnbalancedQuotes));

  if (!inline_args_.empty()) {
    argv_.clear();
    for (auto& arg : inline_args_) {
      argv_.push_back(arg.owned == kNotOwned ? arg.view
                                             : batch.store(std::move(inline_owned_[arg.owned])));
    }
    batch.add_command(argv_);
  }
  consumed = newline + 1;
  end_frame();
  return ParseStatus::kOk;
}

// sdssplitargs semantics. Blanks between arguments are isspace(); an unquoted
// argument ends only at ' ', '\t', '\r', '\n' or the end (so "a\vb" is one argument).
// "..." knows \xHH, \n \r \t \b \a and \<c> -> c; '...' knows only \'. A quote may
// open mid-argument (a"b c" -> "ab c"), but a closing quote must be followed by a
// blank or the end of the line.
bool Parser::split_inline(std::string_view line) {
  inline_args_.clear();
  inline_owned_.clear();
  const size_t n = line.size();
  size_t p = 0;
  while (true) {
    while (p < n && is_c_space(line[p])) ++p;
    if (p == n) return true;

    TokenBuilder token(line);
    bool in_double = false;
    bool in_single = false;
    bool done = false;
    while (!done) {
      if (in_double) {
        if (p == n) return false;  // unterminated
        const char c = line[p];
        if (c == '\\' && p + 3 < n && line[p + 1] == 'x' && is_hex_digit(line[p + 2]) &&
            is_hex_digit(line[p + 3])) {
          token.append_byte(static_cast<char>(hex_value(line[p + 2]) * 16 + hex_value(line[p + 3])));
          p += 3;
        } else if (c == '\\' && p + 1 < n) {
          ++p;
          switch (line[p]) {
            case 'n': token.append_byte('\n'); break;
            case 'r': token.append_byte('\r'); break;
            case 't': token.append_byte('\t'); break;
            case 'b': token.append_byte('\b'); break;
            case 'a': token.append_byte('\a'); break;
            default: token.append_at(p); break;
          }
        } else if (c == '"') {
          if (p + 1 < n && !is_c_space(line[p + 1])) return false;
          done = true;
        } else {
          token.append_at(p);
        }
      } else if (in_single) {
        if (p == n) return false;  // unterminated
        const char c = line[p];
        if (c == '\\' && p + 1 < n && line[p + 1] == '\'') {
          ++p;
          token.append_at(p);
        } else if (c == '\'') {
          if (p + 1 < n && !is_c_space(line[p + 1])) return false;
          done = true;
        } else {
          token.append_at(p);
        }
      } else if (p == n) {
        done = true;
      } else {
        switch (line[p]) {
          case ' ':
          case '\n':
          case '\r':
          case '\t':
            done = true;
            break;
          case '"':
            in_double = true;
            break;
          case '\'':
            in_single = true;
            break;
          default:
            token.append_at(p);
            break;
        }
      }
      if (p < n) ++p;
    }

    if (token.contiguous()) {
      inline_args_.push_back({token.view(), kNotOwned});
    } else {
      inline_owned_.push_back(token.take());
      inline_args_.push_back({{}, inline_owned_.size() - 1});
    }
  }
}

}  // namespace ironkv::resp
