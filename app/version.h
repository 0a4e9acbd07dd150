#pragma once

namespace ironkv {
inline constexpr const char* kVersion = "0.1.0";
// What INFO/HELLO report as redis_version: the Redis release whose behaviour
// IronKV follows, so clients enable the matching features.
inline constexpr const char* kRedisCompatVersion = "7.0.15";
}  // namespace ironkv
