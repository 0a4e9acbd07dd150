#include "core/store/listpack.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "core/util/numbers.h"

// Byte format (Redis 7 listpack.c / the listpack spec):
//   header: total bytes (u32 LE), element count (u16 LE, 65535 = "count by walking")
//   entries: encoding [+ data] then backlen, the encoding+data size written so it can
//            be decoded right to left (7 bits per byte; every byte but the leftmost
//            has its high bit set)
//   terminator: 0xFF
// Strings that are canonical int64 text are stored as integers in the smallest
// encoding, so the text form of an integer entry is always its canonical digits.

namespace ironkv::store {

namespace {

constexpr size_t kHeaderSize = 6;
constexpr unsigned char kEof = 0xFF;
constexpr uint32_t kCountUnknown = 65535;
constexpr size_t kMaxTotal = UINT32_MAX;

// What a moved-from listpack points at: a valid empty blob, never written to.
const unsigned char kEmptyBlob[7] = {7, 0, 0, 0, 0, 0, kEof};

uint32_t read_u32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint16_t read_u16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }
void write_u32(unsigned char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

// Little-endian `n`-byte two's complement value at p, sign-extended.
int64_t read_signed(const unsigned char* p, int n) {
  uint64_t u = 0;
  for (int i = 0; i < n; ++i) u |= uint64_t{p[i]} << (8 * i);
  if (n < 8) {
    const uint64_t sign = uint64_t{1} << (8 * n - 1);
    u = (u ^ sign) - sign;
  }
  return static_cast<int64_t>(u);
}

// Bytes the back-length of an entry whose encoding+data is `l` bytes takes.
// Thresholds as Redis writes them (16383 takes 3 bytes, not 2).
size_t backlen_size(uint64_t l) {
  if (l <= 127) return 1;
  if (l < 16383) return 2;
  if (l < 2097151) return 3;
  if (l < 268435455) return 4;
  return 5;
}

void write_backlen(unsigned char* dst, uint64_t l) {
  const size_t n = backlen_size(l);
  // Most significant group first, without the continuation bit; the rest with it.
  for (size_t i = 0; i < n; ++i) {
    const unsigned shift = static_cast<unsigned>(7 * (n - 1 - i));
    unsigned char b = static_cast<unsigned char>((l >> shift) & 127);
    if (i > 0) b |= 128;
    dst[i] = b;
  }
}

// Decodes the back-length whose last byte is at p (trusted buffer).
uint64_t read_backlen(const unsigned char* p) {
  uint64_t v = 0;
  unsigned shift = 0;
  for (;;) {
    v |= uint64_t{static_cast<unsigned char>(*p & 127)} << shift;
    if (!(*p & 128)) return v;
    shift += 7;
    --p;
  }
}

// Bytes of the encoding byte(s) needed to know the entry's size; 0 if the first
// byte is not an entry encoding (0xF5..0xFF).
size_t encoding_header_size(unsigned char b) {
  if (b < 0xC0) return 1;   // 7-bit uint, 6-bit string
  if (b < 0xF0) return 2;   // 13-bit int, 12-bit string
  if (b == 0xF0) return 5;  // 32-bit string
  if (b <= 0xF4) return 1;  // 16/24/32/64-bit int
  return 0;
}

// Encoding + data bytes of the entry at p (its encoding header must be readable).
uint64_t encoded_size(const unsigned char* p) {
  const unsigned char b = p[0];
  if (b < 0x80) return 1;
  if (b < 0xC0) return 1 + (b & 0x3F);
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 2 + ((uint64_t{b} & 0x0F) << 8 | p[1]);
  switch (b) {
    case 0xF0:
      return 5 + uint64_t{read_u32(p + 1)};
    case 0xF1:
      return 3;
    case 0xF2:
      return 4;
    case 0xF3:
      return 5;
    case 0xF4:
      return 9;
    default:
      return 0;
  }
}

// Decodes the entry at p (trusted buffer).
Listpack::Entry decode(const unsigned char* p) {
  Listpack::Entry e;
  const unsigned char b = p[0];
  auto str = [&](size_t hdr, size_t len) {
    e.sval = std::string_view(reinterpret_cast<const char*>(p + hdr), len);
  };
  if (b < 0x80) {
    e.is_int = true;
    e.ival = b;
  } else if (b < 0xC0) {
    str(1, b & 0x3F);
  } else if (b < 0xE0) {
    e.is_int = true;
    const int64_t u = (int64_t{b} & 0x1F) << 8 | p[1];
    e.ival = (u ^ 0x1000) - 0x1000;  // sign-extend 13 bits
  } else if (b < 0xF0) {
    str(2, (size_t{b} & 0x0F) << 8 | p[1]);
  } else if (b == 0xF0) {
    str(5, read_u32(p + 1));
  } else {
    e.is_int = true;
    e.ival = read_signed(p + 1, b == 0xF1 ? 2 : b == 0xF2 ? 3 : b == 0xF3 ? 4 : 8);
  }
  return e;
}

// Redis lpStringToInt64: string2ll rules, at most 20 characters.
bool string_to_int(std::string_view s, int64_t& v) {
  return !s.empty() && s.size() <= 20 && util::parse_int64(s, v);
}

// Element `s` against the entry at p, as text. `s_int` says whether s is a
// canonical integer (then `sv` is its value): integer entries only equal those.
bool entry_equals(const unsigned char* p, std::string_view s, bool s_int, int64_t sv) {
  const unsigned char b = p[0];
  size_t hdr, len;
  if (b < 0x80) return s_int && sv == b;
  if (b < 0xC0) {
    hdr = 1;
    len = b & 0x3F;
  } else if (b < 0xE0) {
    return s_int && decode(p).ival == sv;
  } else if (b < 0xF0) {
    hdr = 2;
    len = (size_t{b} & 0x0F) << 8 | p[1];
  } else if (b == 0xF0) {
    hdr = 5;
    len = read_u32(p + 1);
  } else {
    return s_int && decode(p).ival == sv;
  }
  return len == s.size() && (len == 0 || std::memcmp(p + hdr, s.data(), len) == 0);
}

}  // namespace

// An element ready to write: the encoding header (the whole entry for integers)
// and, for strings, the payload bytes.
struct Listpack::Encoded {
  unsigned char head[9];
  size_t head_len = 0;
  std::string_view payload;

  size_t encoded_len() const { return head_len + payload.size(); }
  size_t total() const { return encoded_len() + backlen_size(encoded_len()); }
  void write(unsigned char* dst) const {
    std::memcpy(dst, head, head_len);
    if (!payload.empty()) std::memcpy(dst + head_len, payload.data(), payload.size());
    write_backlen(dst + encoded_len(), encoded_len());
  }

  static Encoded integer(int64_t v) {
    Encoded e;
    const uint64_t u = static_cast<uint64_t>(v);  // two's complement, truncated per width
    auto put = [&](unsigned char tag, int n) {
      e.head[0] = tag;
      for (int i = 0; i < n; ++i) e.head[1 + i] = static_cast<unsigned char>(u >> (8 * i));
      e.head_len = 1 + static_cast<size_t>(n);
    };
    if (v >= 0 && v <= 127) {
      e.head[0] = static_cast<unsigned char>(v);
      e.head_len = 1;
    } else if (v >= -4096 && v <= 4095) {
      const uint64_t t = u & 0x1FFF;
      e.head[0] = static_cast<unsigned char>(0xC0 | (t >> 8));
      e.head[1] = static_cast<unsigned char>(t & 0xFF);
      e.head_len = 2;
    } else if (v >= INT16_MIN && v <= INT16_MAX) {
      put(0xF1, 2);
    } else if (v >= -8388608 && v <= 8388607) {
      put(0xF2, 3);
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
      put(0xF3, 4);
    } else {
      put(0xF4, 8);
    }
    return e;
  }

  static Encoded element(std::string_view s) {
    int64_t v;
    if (string_to_int(s, v)) return integer(v);
    Encoded e;
    const size_t n = s.size();
    if (n < 64) {
      e.head[0] = static_cast<unsigned char>(0x80 | n);
      e.head_len = 1;
    } else if (n < 4096) {
      e.head[0] = static_cast<unsigned char>(0xE0 | (n >> 8));
      e.head[1] = static_cast<unsigned char>(n & 0xFF);
      e.head_len = 2;
    } else {
      if (n > kMaxTotal) throw std::length_error("listpack element too large");
      e.head[0] = 0xF0;
      write_u32(e.head + 1, static_cast<uint32_t>(n));
      e.head_len = 5;
    }
    e.payload = s;
    return e;
  }
};

std::string_view Listpack::Entry::view(IntBuf& buf) const {
  if (!is_int) return sval;
  return {buf.data, util::format_int64(ival, buf.data)};
}

std::string Listpack::Entry::str() const {
  if (!is_int) return std::string(sval);
  return util::int64_to_string(ival);
}

Listpack::Listpack() {
  reserve_total(sizeof kEmptyBlob);
  std::memcpy(buf_, kEmptyBlob, sizeof kEmptyBlob);
}

Listpack::~Listpack() {
  if (capacity_ > 0) std::free(buf_);
}

Listpack::Listpack(Listpack&& o) noexcept : buf_(o.buf_), capacity_(o.capacity_), count_(o.count_) {
  o.buf_ = const_cast<unsigned char*>(kEmptyBlob);
  o.capacity_ = 0;
  o.count_ = 0;
}

Listpack& Listpack::operator=(Listpack&& o) noexcept {
  if (this != &o) {
    if (capacity_ > 0) std::free(buf_);
    buf_ = o.buf_;
    capacity_ = o.capacity_;
    count_ = o.count_;
    o.buf_ = const_cast<unsigned char*>(kEmptyBlob);
    o.capacity_ = 0;
    o.count_ = 0;
  }
  return *this;
}

Listpack Listpack::clone() const {
  Listpack c;
  c.reserve_total(bytes_size());
  std::memcpy(c.buf_, buf_, bytes_size());
  c.count_ = count_;
  return c;
}

bool Listpack::validate(std::string_view raw) {
  const auto* lp = reinterpret_cast<const unsigned char*>(raw.data());
  const size_t size = raw.size();
  if (size < kHeaderSize + 1 || size > kMaxTotal) return false;
  if (read_u32(lp) != size || lp[size - 1] != kEof) return false;
  const size_t end = size - 1;  // the terminator
  size_t p = kHeaderSize;
  size_t count = 0;
  while (p < end) {
    const size_t hdr = encoding_header_size(lp[p]);
    if (hdr == 0 || hdr > end - p) return false;
    const uint64_t len = encoded_size(lp + p);
    const size_t bl = backlen_size(len);
    if (len > end - p || bl > end - p - len) return false;
    // The back-length must be exactly what Redis writes for this size.
    unsigned char expect[5];
    write_backlen(expect, len);
    if (std::memcmp(lp + p + len, expect, bl) != 0) return false;
    p += len + bl;
    ++count;
  }
  const uint16_t header_count = read_u16(lp + 4);
  return header_count == kCountUnknown || header_count == count;
}

Listpack Listpack::from_bytes(std::string_view raw) {
  Listpack lp;
  lp.reserve_total(raw.size());
  std::memcpy(lp.buf_, raw.data(), raw.size());
  const uint16_t header_count = read_u16(lp.buf_ + 4);
  if (header_count != kCountUnknown) {
    lp.count_ = header_count;
  } else {
    lp.count_ = 0;
    for (Pos p = lp.first(); p != kNone; p = lp.next(p)) ++lp.count_;
    lp.set_header();  // as lpLength does: a count that fits goes back in the header
  }
  return lp;
}

std::string_view Listpack::bytes() const {
  return {reinterpret_cast<const char*>(buf_), bytes_size()};
}

size_t Listpack::size() const { return count_; }

size_t Listpack::bytes_size() const { return read_u32(buf_); }

size_t Listpack::entry_total(Pos p) const {
  const uint64_t len = encoded_size(buf_ + p);
  return len + backlen_size(len);
}

Listpack::Pos Listpack::first() const { return buf_[kHeaderSize] == kEof ? kNone : kHeaderSize; }

Listpack::Pos Listpack::last() const {
  const Pos eof = bytes_size() - 1;
  return eof == kHeaderSize ? kNone : prev(eof);
}

Listpack::Pos Listpack::next(Pos p) const {
  const Pos n = p + entry_total(p);
  return buf_[n] == kEof ? kNone : n;
}

Listpack::Pos Listpack::prev(Pos p) const {
  if (p <= kHeaderSize) return kNone;
  const uint64_t len = read_backlen(buf_ + p - 1);
  return p - len - backlen_size(len);
}

Listpack::Pos Listpack::seek(int64_t index) const {
  const auto n = static_cast<int64_t>(count_);
  if (index < 0) index += n;
  if (index < 0 || index >= n) return kNone;
  if (index <= n / 2) {
    Pos p = first();
    for (int64_t i = 0; i < index; ++i) p = next(p);
    return p;
  }
  Pos p = last();
  for (int64_t i = n - 1; i > index; --i) p = prev(p);
  return p;
}

Listpack::Entry Listpack::get(Pos p) const { return decode(buf_ + p); }

bool Listpack::equals(Pos p, std::string_view s) const {
  int64_t v = 0;
  const bool s_int = string_to_int(s, v);
  return entry_equals(buf_ + p, s, s_int, v);
}

Listpack::Pos Listpack::find(std::string_view s, size_t skip, Pos start) const {
  int64_t v = 0;
  const bool s_int = string_to_int(s, v);
  Pos p = start == kNone ? kHeaderSize : start;
  size_t to_skip = 0;
  while (buf_[p] != kEof) {
    if (to_skip == 0) {
      if (entry_equals(buf_ + p, s, s_int, v)) return p;
      to_skip = skip;
    } else {
      --to_skip;
    }
    p += entry_total(p);
  }
  return kNone;
}

void Listpack::reserve_total(size_t total) {
  if (total <= capacity_) return;
  // Grow by half again so a run of appends costs amortised O(1) reallocations.
  size_t cap = capacity_ + capacity_ / 2;
  if (cap < total) cap = total;
  unsigned char* nb;
  if (capacity_ == 0) {
    nb = static_cast<unsigned char*>(std::malloc(cap));
    if (nb && buf_) std::memcpy(nb, buf_, bytes_size());
  } else {
    nb = static_cast<unsigned char*>(std::realloc(buf_, cap));
  }
  if (!nb) throw std::bad_alloc();
  buf_ = nb;
  capacity_ = cap;
}

void Listpack::shrink_to_fit() {
  const size_t total = bytes_size();
  if (capacity_ == 0 || total >= capacity_) return;
  if (auto* nb = static_cast<unsigned char*>(std::realloc(buf_, total))) {
    buf_ = nb;
    capacity_ = total;
  }
}

void Listpack::set_header() {
  buf_[4] = static_cast<unsigned char>(count_ < kCountUnknown ? count_ & 0xFF : 0xFF);
  buf_[5] = static_cast<unsigned char>(count_ < kCountUnknown ? count_ >> 8 : 0xFF);
}

void Listpack::splice(Pos at, size_t remove_bytes, size_t removed, const Encoded* add) {
  // The payload may be a view into this very buffer (e.g. append(get(p).sval)):
  // take a copy before the buffer moves.
  std::string keep;
  Encoded local;
  if (add && !add->payload.empty()) {
    const auto* d = reinterpret_cast<const unsigned char*>(add->payload.data());
    if (d >= buf_ && d < buf_ + capacity_) {
      keep.assign(add->payload);
      local = *add;
      local.payload = keep;
      add = &local;
    }
  }
  const size_t old_total = bytes_size();
  const size_t add_bytes = add ? add->total() : 0;
  const size_t new_total = old_total - remove_bytes + add_bytes;
  if (new_total > kMaxTotal) throw std::length_error("listpack too large");
  reserve_total(new_total);
  const size_t tail = old_total - at - remove_bytes;  // includes the terminator
  if (add_bytes != remove_bytes) {
    std::memmove(buf_ + at + add_bytes, buf_ + at + remove_bytes, tail);
  }
  if (add) add->write(buf_ + at);
  write_u32(buf_, static_cast<uint32_t>(new_total));
  count_ = count_ - removed + (add ? 1 : 0);
  set_header();
  // Give memory back when most of it is unused (after big erases).
  if (capacity_ > 64 && new_total < capacity_ / 4) {
    if (auto* nb = static_cast<unsigned char*>(std::realloc(buf_, new_total))) {
      buf_ = nb;
      capacity_ = new_total;
    }
  }
}

void Listpack::append(std::string_view s) {
  const Encoded e = Encoded::element(s);
  splice(bytes_size() - 1, 0, 0, &e);
}

void Listpack::prepend(std::string_view s) {
  const Encoded e = Encoded::element(s);
  splice(kHeaderSize, 0, 0, &e);
}

void Listpack::append_int(int64_t v) {
  const Encoded e = Encoded::integer(v);
  splice(bytes_size() - 1, 0, 0, &e);
}

Listpack::Pos Listpack::insert_before(Pos p, std::string_view s) {
  if (p == kNone) p = bytes_size() - 1;  // before the terminator: append
  const Encoded e = Encoded::element(s);
  splice(p, 0, 0, &e);
  return p;
}

Listpack::Pos Listpack::insert_after(Pos p, std::string_view s) {
  const Pos at = p == kNone ? bytes_size() - 1 : p + entry_total(p);
  const Encoded e = Encoded::element(s);
  splice(at, 0, 0, &e);
  return at;
}

Listpack::Pos Listpack::replace(Pos p, std::string_view s) {
  const Encoded e = Encoded::element(s);
  splice(p, entry_total(p), 1, &e);
  return p;
}

Listpack::Pos Listpack::erase(Pos p) {
  splice(p, entry_total(p), 1, nullptr);
  return buf_[p] == kEof ? kNone : p;
}

void Listpack::erase_range(int64_t index, size_t count) {
  if (count == 0) return;
  const Pos start = seek(index);
  if (start == kNone) return;
  if (index < 0) index += static_cast<int64_t>(count_);
  const size_t avail = count_ - static_cast<size_t>(index);
  if (count > avail) count = avail;
  Pos end = start;
  for (size_t i = 0; i < count; ++i) end += entry_total(end);
  splice(start, end - start, count, nullptr);
}

}  // namespace ironkv::store
