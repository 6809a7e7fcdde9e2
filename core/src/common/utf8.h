// UTF-8 encoding shared by every stage.
#pragma once
#include <cstddef>
#include <string>

namespace mmhook {

// Appends code point cp (at most U+10FFFF; larger values keep only their low 21 bits) as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// Length in bytes of the rune starting at p[i] as Go's utf8 decoding reads it: 1 for an invalid or truncated
// sequence (surrogates and overlong forms included). Requires i < size.
std::size_t utf8_rune_len(const unsigned char* p, std::size_t i, std::size_t size) noexcept;

}  // namespace mmhook
