#pragma once
// Socket policy helpers kept free of Asio so they are unit-tested directly:
// which peers count as local for protected mode, and tcp-keepalive.

#include <cstdint>
#include <string_view>

namespace ironkv::net {

// Protected mode's notion of a local peer: IPv4 127.0.0.0/8 and IPv6 ::1 (as
// Redis's connIsLocal), plus an IPv4-mapped IPv6 127.x address (Redis would
// see the text "::ffff:127.0.0.1" and call it remote; our listeners are
// v6-only, so such a peer only arrives through a dual-stack socket).
// `ip` is an address without port or brackets; false if it does not parse.
bool is_loopback_ip(std::string_view ip);

// Applies tcp-keepalive to an accepted socket like Redis's anetKeepAlive:
// SO_KEEPALIVE, first probe after `seconds` idle, then every seconds/3 (at
// least 1), and 3 unanswered probes close it. 0 leaves keepalive off. The idle
// time is clamped to Linux's maximum, 32767 s.
// Returns false if a setsockopt failed.
bool set_tcp_keepalive(int fd, int64_t seconds);

}  // namespace ironkv::net
