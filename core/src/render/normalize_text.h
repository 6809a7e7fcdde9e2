// The web app's text preprocessing, shared by both Markdown dialects: CRLF/CR -> LF, tab -> 4 spaces,
// NBSP -> space, U+2424 (symbol for newline) -> LF; with `nul_to_fffd`, NUL -> U+FFFD as marked sees it.
#pragma once
#include <string>
#include <string_view>

namespace mmhook::detail {

inline std::string normalize_message_text(std::string_view text, bool nul_to_fffd) {
  std::string s;
  s.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      s.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\t') s.append("    ");
    else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      s.push_back(' ');
      ++i;
    } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x90' && text[i + 2] == '\xA4') {
      s.push_back('\n');
      i += 2;
    } else if (c == '\0' && nul_to_fffd) s.append("\xEF\xBF\xBD");
    else s.push_back(c);
  }
  return s;
}

}  // namespace mmhook::detail
