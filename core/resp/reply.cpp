#include "core/resp/reply.h"

#include "core/util/numbers.h"

namespace ironkv::resp {

void ReplyBuilder::header(char prefix, int64_t n) {
  char buf[32];
  buf[0] = prefix;
  size_t len = 1 + util::format_int64(n, buf + 1);
  buf[len++] = '\r';
  buf[len++] = '\n';
  out_->append(buf, len);
}

void ReplyBuilder::simple(std::string_view s) {
  out_->push_back('+');
  out_->append(s);
  out_->append("\r\n", 2);
}

void ReplyBuilder::error(std::string_view msg) {
  ++errors_;
  out_->push_back('-');
  size_t start = out_->size();
  out_->append(msg);
  for (size_t i = start; i < out_->size(); ++i) {
    char& c = (*out_)[i];
    if (c == '\r' || c == '\n') c = ' ';
  }
  out_->append("\r\n", 2);
}

void ReplyBuilder::integer(int64_t v) { header(':', v); }

void ReplyBuilder::bulk(std::string_view s) {
  header('$', static_cast<int64_t>(s.size()));
  out_->append(s);
  out_->append("\r\n", 2);
}

void ReplyBuilder::null_bulk() {
  if (protocol_ >= 3) out_->append("_\r\n", 3);
  else out_->append("$-1\r\n", 5);
}

void ReplyBuilder::null_array() {
  if (protocol_ >= 3) out_->append("_\r\n", 3);
  else out_->append("*-1\r\n", 5);
}

void ReplyBuilder::array(size_t n) { header('*', static_cast<int64_t>(n)); }

void ReplyBuilder::map(size_t pairs) {
  if (protocol_ >= 3) header('%', static_cast<int64_t>(pairs));
  else header('*', static_cast<int64_t>(pairs * 2));
}

void ReplyBuilder::set(size_t n) { header(protocol_ >= 3 ? '~' : '*', static_cast<int64_t>(n)); }

void ReplyBuilder::dbl(double d) {
  std::string s = util::double_to_string(d);
  if (protocol_ >= 3) {
    out_->push_back(',');
    out_->append(s);
    out_->append("\r\n", 2);
  } else {
    bulk(s);
  }
}

void ReplyBuilder::bulk_array(std::span<const std::string_view> items) {
  array(items.size());
  for (auto item : items) bulk(item);
}

void ReplyBuilder::boolean(bool b) {
  if (protocol_ >= 3) out_->append(b ? "#t\r\n" : "#f\r\n", 4);
  else integer(b ? 1 : 0);
}

void ReplyBuilder::big_number(std::string_view digits) {
  if (protocol_ < 3) {
    bulk(digits);
    return;
  }
  out_->push_back('(');
  out_->append(digits);
  out_->append("\r\n", 2);
}

void ReplyBuilder::verbatim(std::string_view format, std::string_view text) {
  if (protocol_ < 3) {
    bulk(text);
    return;
  }
  header('=', static_cast<int64_t>(text.size() + 4));
  out_->append(format.substr(0, 3));
  out_->push_back(':');
  out_->append(text);
  out_->append("\r\n", 2);
}

}  // namespace ironkv::resp
