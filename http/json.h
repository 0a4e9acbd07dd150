#pragma once
// A small JSON writer for the admin endpoint's replies: objects, arrays,
// strings (escaped), numbers and booleans, commas handled. No parsing.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace ironkv::http {

class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  JsonWriter& key(std::string_view k) {
    comma();
    quote(k);
    out_ += ':';
    after_key_ = true;
    return *this;
  }
  JsonWriter& string(std::string_view s) {
    comma();
    quote(s);
    return *this;
  }
  // A number already in JSON syntax (checked by the caller, e.g. is_json_number).
  JsonWriter& raw_number(std::string_view n) {
    comma();
    out_ += n;
    return *this;
  }
  JsonWriter& number(int64_t n) { return raw_number(std::to_string(n)); }
  JsonWriter& number(uint64_t n) { return raw_number(std::to_string(n)); }
  JsonWriter& number(double d) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return raw_number(buf);
  }
  JsonWriter& boolean(bool b) { return raw_number(b ? "true" : "false"); }

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  JsonWriter& open(char c) {
    comma();
    out_ += c;
    first_.push_back(true);
    return *this;
  }
  JsonWriter& close(char c) {
    out_ += c;
    if (!first_.empty()) first_.pop_back();
    return *this;
  }
  void comma() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
    }
  }
  void quote(std::string_view s) {
    out_ += '"';
    for (unsigned char ch : s) {
      switch (ch) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (ch < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", ch);
            out_ += buf;
          } else {
            out_ += static_cast<char>(ch);
          }
      }
    }
    out_ += '"';
  }

  std::string out_;
  std::vector<bool> first_;
  bool after_key_ = false;
};

// True if `s` is a number in JSON's grammar (no leading zeros, no '+', no
// hex), so INFO values like "00000000" or "1.5%" stay strings.
inline bool is_json_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  } else {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == digits) return false;
  }
  return i == s.size();
}

}  // namespace ironkv::http
