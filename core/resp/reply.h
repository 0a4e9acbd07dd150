#pragma once
// Reply builder: appends RESP replies to a connection's output buffer.
// Command code writes replies only through this; it never sees a socket.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ironkv::resp {

class ReplyBuilder {
 public:
  explicit ReplyBuilder(std::string& out, int protocol = 2) : out_(&out), protocol_(protocol) {}

  std::string& buffer() { return *out_; }
  int protocol() const { return protocol_; }
  void set_protocol(int p) { protocol_ = p; }
  uint64_t error_count() const { return errors_; }

  void simple(std::string_view s);       // +s
  void ok() { out_->append("+OK\r\n", 5); }
  void queued() { out_->append("+QUEUED\r\n", 9); }
  // Full error text including its code, e.g. "ERR syntax error" or "WRONGTYPE ...".
  // CR and LF inside are replaced by spaces (as Redis does) so the frame stays valid.
  void error(std::string_view msg);
  void integer(int64_t v);
  void bulk(std::string_view s);
  void null_bulk();                      // $-1 (RESP2) / _ (RESP3)
  void null_array();                     // *-1 (RESP2) / _ (RESP3)
  void array(size_t n);
  void empty_array() { out_->append("*0\r\n", 4); }
  void map(size_t pairs);                // RESP2: array of 2*pairs
  void set(size_t n);                    // RESP2: array
  void dbl(double d);                    // RESP2: bulk "%.17g"-style (Redis 7.0)
  void bulk_array(std::span<const std::string_view> items);
  void boolean(bool b);                  // RESP2: integer 1/0
  void big_number(std::string_view digits);  // RESP3 '(' ; RESP2: bulk
  // RESP3 '=' with a 3-letter format ("txt"); RESP2: bulk of the text.
  void verbatim(std::string_view format, std::string_view text);
  // Appends pre-encoded RESP (e.g. a canned reply).
  void raw(std::string_view r) { out_->append(r); }

 private:
  void header(char prefix, int64_t n);
  std::string* out_;
  int protocol_;
  uint64_t errors_ = 0;
};

}  // namespace ironkv::resp
