#pragma once
// An intset in Redis's exact byte format: a sorted array of integers stored at
// the smallest width (16, 32 or 64 bits) that fits all of them, upgraded on
// demand. Small all-integer sets use it; RDB can copy the blob as is.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ironkv::store {

class Intset {
 public:
  Intset();
  ~Intset();
  Intset(Intset&& o) noexcept;
  Intset& operator=(Intset&& o) noexcept;
  Intset(const Intset&) = delete;
  Intset& operator=(const Intset&) = delete;
  Intset clone() const;

  static bool validate(std::string_view raw);       // width, length, sorted & unique
  static Intset from_bytes(std::string_view raw);   // precondition: validate(raw)
  std::string_view bytes() const;

  bool add(int64_t v);                              // false if already present
  bool remove(int64_t v);
  bool contains(int64_t v) const;
  size_t size() const;
  int64_t get(size_t i) const;                      // ascending order
  int64_t min() const;
  int64_t max() const;
  size_t memory_bytes() const;

 private:
  uint32_t width() const;            // bytes per element: 2, 4 or 8
  void reserve(size_t total);

  // capacity_ == 0 means buf_ is the shared static empty blob (moved-from).
  unsigned char* buf_ = nullptr;
  size_t capacity_ = 0;
};

}  // namespace ironkv::store
