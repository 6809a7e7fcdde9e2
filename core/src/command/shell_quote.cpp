#include "command/shell_quote.h"

#include <array>
#include <cstdint>

namespace mmhook::detail {
namespace {

// Length of the well-formed UTF-8 sequence starting at s[i] (Unicode Table 3-7), 0 if ill-formed.
std::size_t utf8_seq_len(std::string_view s, std::size_t i) noexcept {
  auto b = [&](std::size_t k) -> unsigned { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100u; };
  unsigned c = b(0);
  auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { unsigned x = b(k); return x >= lo && x <= hi; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

constexpr char kHex[] = "0123456789ABCDEF";

void append_octal(std::string& out, unsigned char c) {
  out.push_back('\\');
  out.push_back(static_cast<char>('0' + ((c >> 6) & 7)));
  out.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
  out.push_back(static_cast<char>('0' + (c & 7)));
}

void append_u4(std::string& out, unsigned v, char prefix = 'u') {
  out.push_back('\\');
  out.push_back(prefix);
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back("0123456789abcdef"[(v >> shift) & 0xF]);
}

bool is_cmd_meta(char c) {
  switch (c) {
    case '"': case '^': case '&': case '|': case '<': case '>': case '(': case ')': case '%': case '!': return true;
    default: return false;
  }
}

// `s` between two `q`: body(out, i) writes what stands for s[i] (and what follows it) and returns the next index.
template <class Body>
std::string enclosed(char q, std::string_view s, Body&& body) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back(q);
  for (std::size_t i = 0; i < s.size();) i = body(out, i);
  out.push_back(q);
  return out;
}

// At s[i] >= 0x80: a well-formed UTF-8 sequence is copied, an ill-formed byte written by escape(out, byte).
template <class Escape>
std::size_t copy_utf8(std::string& out, std::string_view s, std::size_t i, Escape&& escape) {
  if (std::size_t n = utf8_seq_len(s, i); n > 0) {
    out.append(s.substr(i, n));
    return i + n;
  }
  escape(out, static_cast<unsigned char>(s[i]));
  return i + 1;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::size_t utf8_invalid_at(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_seq_len(s, i);
    if (n == 0) return i;
    i += n;
  }
  return npos;
}

std::size_t paste_unsafe_at(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return i;
    std::size_t n = utf8_seq_len(s, i);
    if (n == 0) return i;
    i += n;
  }
  return npos;
}

std::string posix_quote(std::string_view s) {
  return enclosed('\'', s, [&](std::string& out, std::size_t i) {
    if (s[i] == '\'') out += "'\\''";
    else out.push_back(s[i]);
    return i + 1;
  });
}

std::string posix_printf_format(std::string_view bytes) {
  return enclosed('\'', bytes, [&](std::string& out, std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x80) return copy_utf8(out, bytes, i, append_octal);
    if (i == 0 && c == '-') {
      append_octal(out, c);
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '%') {
      out += "%%";
    } else if (c == '\'') {
      out += "'\\''";
    } else if ((c < 0x20 && c != '\n') || c == 0x7F) {
      static constexpr std::string_view kNamed = "a\ab\bt\tv\vf\fr\r";   // letter, byte pairs
      std::size_t k = 0;
      while (k < kNamed.size() && kNamed[k + 1] != static_cast<char>(c)) k += 2;
      if (k < kNamed.size()) {
        out.push_back('\\');
        out.push_back(kNamed[k]);
      } else {
        append_octal(out, c);
      }
    } else {
      out.push_back(static_cast<char>(c));
    }
    return i + 1;
  });
}

std::string ps_quote(std::string_view s) {
  return enclosed('\'', s, [&](std::string& out, std::size_t i) {
    const char c = s[i];
    if (c == '\'') {
      out += "''";
    } else if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               static_cast<unsigned char>(s[i + 2]) >= 0x98 && static_cast<unsigned char>(s[i + 2]) <= 0x9B) {
      out.append(s.substr(i, 3));   // U+2018..U+201B count as ' in PowerShell: double them too
      out.append(s.substr(i, 3));
      return i + 3;
    } else {
      out.push_back(c);
    }
    return i + 1;
  });
}

std::string cmd_quote_arg(std::string_view s) {
  // 1. MS C runtime rules (parse_cmdline): backslashes are literal unless they precede a quote.
  std::string crt;
  crt.reserve(s.size() + 2);
  crt.push_back('"');
  std::size_t backslashes = 0;
  for (char c : s) {
    if (c == '\\') {
      ++backslashes;
      continue;
    }
    if (c == '"') {
      crt.append(backslashes * 2 + 1, '\\');
      crt.push_back('"');
    } else {
      crt.append(backslashes, '\\');
      crt.push_back(c);
    }
    backslashes = 0;
  }
  crt.append(backslashes * 2, '\\');
  crt.push_back('"');
  // 2. cmd.exe: inside "..." the metacharacters & | < > ^ ( ) are literal, but % (and ! with delayed
  // expansion) still expand and an inner " toggles the quote state. Only then caret-escape everything.
  bool plain = true;
  for (char c : s) {
    if (c == '"' || c == '%' || c == '!') plain = false;
  }
  if (plain) return crt;
  std::string out;
  out.reserve(crt.size() * 2);
  for (char c : crt) {
    if (is_cmd_meta(c)) out.push_back('^');
    out.push_back(c);
  }
  return out;
}

namespace {

// The escapes JavaScript and Python share for ", \\, LF, CR and TAB; false for any other byte.
bool append_short_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return true;
    case '\\': out += "\\\\"; return true;
    case '\n': out += "\\n"; return true;
    case '\r': out += "\\r"; return true;
    case '\t': out += "\\t"; return true;
    default: return false;
  }
}

}  // namespace

std::string js_string(std::string_view utf8) {
  return enclosed('"', utf8, [&](std::string& out, std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (append_short_escape(out, c)) return i + 1;
    if (c < 0x20 || c == 0x7F) {
      append_u4(out, c);
    } else if (c == 0xE2 && i + 2 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(utf8[i + 2]) == 0xA8 || static_cast<unsigned char>(utf8[i + 2]) == 0xA9)) {
      append_u4(out, 0x2000u + 0x28u + (static_cast<unsigned char>(utf8[i + 2]) - 0xA8u));   // U+2028/U+2029
      return i + 3;
    } else {
      out.push_back(static_cast<char>(c));
    }
    return i + 1;
  });
}

std::string py_string(std::string_view bytes, bool* used_surrogates) {
  return enclosed('"', bytes, [&](std::string& out, std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x80) {
      return copy_utf8(out, bytes, i, [&](std::string& o, unsigned char b) {
        append_u4(o, 0xDC00u + b);   // surrogateescape maps byte b to U+DC00+b
        if (used_surrogates) *used_surrogates = true;
      });
    }
    if (append_short_escape(out, c)) return i + 1;
    if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(static_cast<char>(c));
    }
    return i + 1;
  });
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                      static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t acc = 0;
  int bits = 0;
  int pad = 0;
  std::size_t symbols = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == '=') { ++pad; ++symbols; continue; }
    else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') continue;
    else return std::nullopt;
    if (pad > 0) return std::nullopt;   // data after padding
    ++symbols;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if (symbols % 4 != 0 || pad > 2) return std::nullopt;
  return out;
}

std::string percent_encode(std::string_view bytes, bool space_as_plus) {
  std::string out;
  out.reserve(bytes.size() * 3);
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ' && space_as_plus) {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::optional<std::string> form_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      int hi = i + 1 < s.size() ? hex_value(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace mmhook::detail
