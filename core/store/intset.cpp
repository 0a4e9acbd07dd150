#include "core/store/intset.h"

#include <cstdlib>
#include <cstring>
#include <new>

// Byte format (Redis intset.c): encoding (u32 LE: bytes per element, 2/4/8),
// length (u32 LE), then the elements ascending, little-endian at that width.
// Like Redis, removing elements never narrows the width.

namespace ironkv::store {

namespace {

constexpr size_t kHeaderSize = 8;

// What a moved-from intset points at: an empty 16-bit set, never written to.
const unsigned char kEmptyBlob[kHeaderSize] = {2, 0, 0, 0, 0, 0, 0, 0};

uint32_t read_u32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
void write_u32(unsigned char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

int64_t read_at(const unsigned char* contents, size_t i, uint32_t w) {
  const unsigned char* p = contents + i * w;
  uint64_t u = 0;
  for (uint32_t b = 0; b < w; ++b) u |= uint64_t{p[b]} << (8 * b);
  if (w < 8) {
    const uint64_t sign = uint64_t{1} << (8 * w - 1);
    u = (u ^ sign) - sign;
  }
  return static_cast<int64_t>(u);
}

void write_at(unsigned char* contents, size_t i, uint32_t w, int64_t v) {
  unsigned char* p = contents + i * w;
  const auto u = static_cast<uint64_t>(v);
  for (uint32_t b = 0; b < w; ++b) p[b] = static_cast<unsigned char>(u >> (8 * b));
}

uint32_t width_for(int64_t v) {
  if (v < INT32_MIN || v > INT32_MAX) return 8;
  if (v < INT16_MIN || v > INT16_MAX) return 4;
  return 2;
}

// Index of v, or where it would go (found = false).
size_t search(const unsigned char* contents, size_t n, uint32_t w, int64_t v, bool& found) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const int64_t cur = read_at(contents, mid, w);
    if (cur < v) {
      lo = mid + 1;
    } else if (cur > v) {
      hi = mid;
    } else {
      found = true;
      return mid;
    }
  }
  found = false;
  return lo;
}

}  // namespace

Intset::Intset() {
  reserve(kHeaderSize);
  std::memcpy(buf_, kEmptyBlob, kHeaderSize);
}

Intset::~Intset() {
  if (capacity_ > 0) std::free(buf_);
}

Intset::Intset(Intset&& o) noexcept : buf_(o.buf_), capacity_(o.capacity_) {
  o.buf_ = const_cast<unsigned char*>(kEmptyBlob);
  o.capacity_ = 0;
}

Intset& Intset::operator=(Intset&& o) noexcept {
  if (this != &o) {
    if (capacity_ > 0) std::free(buf_);
    buf_ = o.buf_;
    capacity_ = o.capacity_;
    o.buf_ = const_cast<unsigned char*>(kEmptyBlob);
    o.capacity_ = 0;
  }
  return *this;
}

Intset Intset::clone() const {
  Intset c;
  const std::string_view b = bytes();
  c.reserve(b.size());
  std::memcpy(c.buf_, b.data(), b.size());
  return c;
}

bool Intset::validate(std::string_view raw) {
  // As Redis intsetValidateIntegrity (deep): a known width, a length that fills
  // the blob exactly, at least one element, strictly ascending.
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  if (raw.size() < kHeaderSize) return false;
  const uint32_t w = read_u32(p);
  if (w != 2 && w != 4 && w != 8) return false;
  const uint64_t n = read_u32(p + 4);
  if (kHeaderSize + n * w != raw.size()) return false;
  if (n == 0) return false;
  int64_t prev = read_at(p + kHeaderSize, 0, w);
  for (size_t i = 1; i < n; ++i) {
    const int64_t cur = read_at(p + kHeaderSize, i, w);
    if (cur <= prev) return false;
    prev = cur;
  }
  return true;
}

Intset Intset::from_bytes(std::string_view raw) {
  Intset s;
  s.reserve(raw.size());
  std::memcpy(s.buf_, raw.data(), raw.size());
  return s;
}

std::string_view Intset::bytes() const {
  return {reinterpret_cast<const char*>(buf_), kHeaderSize + size() * width()};
}

uint32_t Intset::width() const { return read_u32(buf_); }

size_t Intset::size() const { return read_u32(buf_ + 4); }

int64_t Intset::get(size_t i) const { return read_at(buf_ + kHeaderSize, i, width()); }

int64_t Intset::min() const { return get(0); }

int64_t Intset::max() const { return get(size() - 1); }

size_t Intset::memory_bytes() const { return capacity_; }

void Intset::reserve(size_t total) {
  if (total <= capacity_) return;
  size_t cap = capacity_ + capacity_ / 2;
  if (cap < total) cap = total;
  unsigned char* nb;
  if (capacity_ == 0) {
    nb = static_cast<unsigned char*>(std::malloc(cap));
    if (nb && buf_) std::memcpy(nb, buf_, kHeaderSize);  // only the empty blob
  } else {
    nb = static_cast<unsigned char*>(std::realloc(buf_, cap));
  }
  if (!nb) throw std::bad_alloc();
  buf_ = nb;
  capacity_ = cap;
}

bool Intset::contains(int64_t v) const {
  const uint32_t w = width();
  if (width_for(v) > w) return false;
  bool found;
  search(buf_ + kHeaderSize, size(), w, v, found);
  return found;
}

bool Intset::add(int64_t v) {
  const uint32_t w = width();
  const size_t n = size();
  const uint32_t need = width_for(v);
  if (need > w) {
    // Upgrade: v is outside the current range, so it goes first (negative) or last.
    reserve(kHeaderSize + (n + 1) * need);
    unsigned char* c = buf_ + kHeaderSize;
    const size_t shift = v < 0 ? 1 : 0;
    // Widen from the back so nothing is overwritten before it is read.
    for (size_t i = n; i-- > 0;) write_at(c, i + shift, need, read_at(c, i, w));
    write_at(c, v < 0 ? 0 : n, need, v);
    write_u32(buf_, need);
    write_u32(buf_ + 4, static_cast<uint32_t>(n + 1));
    return true;
  }
  bool found;
  const size_t at = search(buf_ + kHeaderSize, n, w, v, found);
  if (found) return false;
  reserve(kHeaderSize + (n + 1) * w);
  unsigned char* c = buf_ + kHeaderSize;
  std::memmove(c + (at + 1) * w, c + at * w, (n - at) * w);
  write_at(c, at, w, v);
  write_u32(buf_ + 4, static_cast<uint32_t>(n + 1));
  return true;
}

bool Intset::remove(int64_t v) {
  const uint32_t w = width();
  if (width_for(v) > w) return false;
  const size_t n = size();
  bool found;
  const size_t at = search(buf_ + kHeaderSize, n, w, v, found);
  if (!found) return false;
  unsigned char* c = buf_ + kHeaderSize;
  std::memmove(c + at * w, c + (at + 1) * w, (n - at - 1) * w);
  write_u32(buf_ + 4, static_cast<uint32_t>(n - 1));
  return true;
}

}  // namespace ironkv::store
