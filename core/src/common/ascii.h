// ASCII helpers shared by every stage: case folding and comparison of ASCII letters only (bytes >= 0x80 and
// other characters unchanged), as Go's byte-wise comparisons and the shells do it.
#pragma once
#include <string>
#include <string_view>

namespace mmhook {

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// s with A-Z lowered.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// a == b ignoring the case of ASCII letters.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace mmhook
