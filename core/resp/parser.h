#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/resp/command_batch.h"

namespace ironkv::resp {

struct ParserLimits {
  uint64_t max_bulk_len = 512ull * 1024 * 1024;  // Redis proto-max-bulk-len
  uint64_t max_multibulk_len = 1024 * 1024;      // max array count
  // A client that still has to AUTH gets Redis's tighter limits (10 arguments,
  // 16 KB per argument) with their own error texts.
  bool unauthenticated = false;
  size_t max_inline_len = 64 * 1024;             // PROTO_INLINE_MAX_SIZE
};

enum class ParseStatus { kOk, kNeedMore, kError };

// Incremental RESP2 request parser with the semantics of Redis 7
// processMultibulkBuffer / processInlineBuffer, plus stricter checks: an array count
// below -1 and a bulk payload not followed by CRLF are protocol errors.
//
// A frame starting with '*' is a multibulk request:
//   *<n>\r\n  then n times  $<len>\r\n<len bytes>\r\n
// anything else is an inline command line, split like redis-cli input:
//   SET key "a value\x21" 'it\'s'\r\n
class Parser {
 public:
  explicit Parser(ParserLimits limits = {});

  void set_limits(const ParserLimits& limits) { limits_ = limits; }
  const ParserLimits& limits() const { return limits_; }

  // Parses at most ONE frame from the front of `data`.
  // kOk: `consumed` = bytes of that frame. A frame holding a command appends it to
  //      `batch`; "*0\r\n", "*-1\r\n" and empty or all-blank inline lines append nothing.
  // kNeedMore: consumed = 0. Progress is kept as offsets from the frame start, so the
  //      next call must pass a view that begins at the same frame start (the buffer may
  //      have moved) with more bytes appended; completed arguments are not rescanned.
  // kError: consumed = 0; error() holds the message without "-ERR ". Every further
  //      call returns kError until reset().
  ParseStatus parse(std::string_view data, CommandBatch& batch, size_t& consumed);

  std::string_view error() const { return error_; }

  // While a bulk of known length is incomplete: the total bytes the current frame needs
  // from its start, so the caller can reserve buffer space once. 0 when unknown.
  size_t frame_size_hint() const;

  // Forgets any partial frame and error.
  void reset();

 private:
  enum class State : uint8_t {
    kFrameStart,       // no frame in progress
    kInline,           // looking for the '\n' ending an inline line
    kMultibulkHeader,  // looking for the CRLF ending "*<n>"
    kBulkHeader,       // at "$<len>\r\n" of the next argument (pos_)
    kBulkPayload,      // at the payload of length bulk_len_ (pos_)
    kFailed,
  };
  enum class LineEnd { kFound, kNeedMore, kTooLong, kMalformed };

  ParseStatus parse_inline(std::string_view data, CommandBatch& batch, size_t& consumed);
  ParseStatus parse_multibulk(std::string_view data, CommandBatch& batch, size_t& consumed);
  // Splits an inline line like sdssplitargs into inline_args_; false on bad quoting.
  bool split_inline(std::string_view line);
  LineEnd find_crlf(std::string_view data, size_t line_begin, size_t& cr);
  ParseStatus fail(std::string message);
  void end_frame();

  ParserLimits limits_;
  State state_ = State::kFrameStart;
  std::string error_;

  // Frame progress, all offsets relative to the frame start.
  size_t scan_from_ = 0;  // where the search for the current line end resumes
  size_t pos_ = 0;        // start of the bulk header or payload being read
  uint64_t args_expected_ = 0;
  uint64_t bulk_len_ = 0;
  std::vector<std::pair<size_t, size_t>> arg_spans_;  // (offset, length) of complete args

  // Scratch reused across frames to avoid per-command allocations.
  std::vector<std::string_view> argv_;
  struct InlineArg {
    std::string_view view;       // into the line, when the argument is verbatim
    size_t owned = kNotOwned;    // else index into inline_owned_
  };
  static constexpr size_t kNotOwned = static_cast<size_t>(-1);
  std::vector<InlineArg> inline_args_;
  std::vector<std::string> inline_owned_;
};

}  // namespace ironkv::resp
