// Shared by every fuzz target: property failure reporting, input helpers, settings derived from the input.
// A target is one `LLVMFuzzerTestOneInput`; built with -fsanitize=fuzzer it is a libFuzzer binary, otherwise it is
// linked with replay_main.cpp (MMHOOK_FUZZ_REPLAY) and runs over seed folders.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "mmhook/settings.h"

namespace mmhook::fuzz {

// Set by fail() in replay builds; replay_main reads and clears it after each input.
inline bool& failed_flag() {
  static bool flag = false;
  return flag;
}

// Reports a broken property. libFuzzer build: prints and aborts (libFuzzer saves the crashing input).
// Replay build: prints and marks the current input as failed.
inline void fail(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "PROPERTY FAILED: %.*s\n", static_cast<int>(what.size()), what.data());
  if (!detail.empty()) {
    std::string_view d = detail.substr(0, 2000);
    std::fprintf(stderr, "  detail: %.*s%s\n", static_cast<int>(d.size()), d.data(), detail.size() > 2000 ? " ..." : "");
  }
#ifdef MMHOOK_FUZZ_REPLAY
  failed_flag() = true;
#else
  std::abort();
#endif
}

#define MMHOOK_FUZZ_REQUIRE(cond, what, detail) \
  do {                                          \
    if (!(cond)) {                              \
      ::mmhook::fuzz::fail((what), (detail));   \
      return 0;                                 \
    }                                           \
  } while (0)

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// FNV-1a over the input: a stable source of option bits that leaves the input bytes themselves untouched (seeds
// stay plain bodies/texts).
inline std::uint64_t input_hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// Server settings chosen by hash bits: overrides, latex, svgs, hostile custom schemes, tiny post size (splitting),
// tiny payload limit (413/EOF branches). One input in four runs with plain defaults.
inline ServerSettings settings_for(std::string_view input) {
  ServerSettings s;
  std::uint64_t h = input_hash(input);
  if ((h & 3) == 0) return s;
  h >>= 2;
  s.enable_post_username_override = h & 1;
  s.enable_post_icon_override = h & 2;
  s.enable_latex = h & 4;
  s.enable_inline_latex = !(h & 8);
  s.enable_svgs = h & 16;
  if (h & 32) s.custom_url_schemes = {"git", "JavaScript", "data", "vbscript", "x-custom"};
  if (h & 64) s.max_post_size = 1 + static_cast<std::int64_t>((h >> 8) % 64);
  if (h & 128) s.maximum_payload_size_bytes = static_cast<std::int64_t>((h >> 16) % 2048);
  s.post_priority = !(h & (1ull << 30));
  s.minimum_hashtag_length = static_cast<std::int64_t>((h >> 32) % 6);
  s.hook.channel_locked = h & (1ull << 40);
  return s;
}

// Number of runes as Go's range loop counts them (each invalid byte is one rune).
inline std::size_t go_rune_count(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 2 && b < 0xC2) ok = false;                                    // overlong
    if (ok && len == 3) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0)) ok = false;      // overlong, surrogate
    }
    if (ok && len == 4) {
      auto b1 = static_cast<unsigned char>(s[i + 1]);
      if ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) || b > 0xF4) ok = false;
    }
    i += ok ? len : 1;
  }
  return n;
}

}  // namespace mmhook::fuzz
