#include "common/utf8.h"

namespace mmhook {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | ((cp >> 18) & 0x07)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::size_t utf8_rune_len(const unsigned char* p, std::size_t i, std::size_t size) noexcept {
  const unsigned char c = p[i];
  std::size_t len = 1;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) len = 3;
  else if (c >= 0xF0 && c <= 0xF4) len = 4;
  bool ok = len > 1 && i + len <= size;
  for (std::size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
  if (ok && len == 3) {
    if (c == 0xE0 && p[i + 1] < 0xA0) ok = false;
    if (c == 0xED && p[i + 1] > 0x9F) ok = false;
  }
  if (ok && len == 4) {
    if (c == 0xF0 && p[i + 1] < 0x90) ok = false;
    if (c == 0xF4 && p[i + 1] > 0x8F) ok = false;
  }
  return ok ? len : 1;
}

}  // namespace mmhook
