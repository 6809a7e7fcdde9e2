#include "decode/content_type.h"

#include <cstring>

namespace mmhook::detail {
namespace {

bool is_tspecial(unsigned char c) { return c && std::strchr("()<>@,;:\\\"/[]?=", c) != nullptr; }
bool is_token_char(unsigned char c) { return c > 0x20 && c < 0x7f && !is_tspecial(c); }

// Length of a unicode.IsSpace rune at s[i] (0 if none).
std::size_t space_len(std::string_view s, std::size_t i) {
  auto u = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = u(i);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c == 0xC2 && i + 1 < s.size() && (u(i + 1) == 0x85 || u(i + 1) == 0xA0)) return 2;
  if (c == 0xE1 && i + 2 < s.size() && u(i + 1) == 0x9A && u(i + 2) == 0x80) return 3;  // U+1680
  if (c == 0xE2 && i + 2 < s.size()) {
    unsigned char b = u(i + 1), d = u(i + 2);
    if (b == 0x80 && ((d >= 0x80 && d <= 0x8A) || d == 0xA8 || d == 0xA9 || d == 0xAF)) return 3;
    if (b == 0x81 && d == 0x9F) return 3;  // U+205F
  }
  if (c == 0xE3 && i + 2 < s.size() && u(i + 1) == 0x80 && u(i + 2) == 0x80) return 3;  // U+3000
  return 0;
}

std::string_view trim_left(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t n = space_len(s, i);
    if (!n) break;
    i += n;
  }
  return s.substr(i);
}

std::string_view trim(std::string_view s) {
  s = trim_left(s);
  // Trailing: ASCII and the common multi-byte spaces (scan back conservatively).
  while (!s.empty()) {
    std::size_t n = 0;
    for (std::size_t k = 1; k <= 3 && k <= s.size(); ++k)
      if (space_len(s, s.size() - k) == k) { n = k; break; }
    if (!n) break;
    s.remove_suffix(n);
  }
  return s;
}

}  // namespace

std::string go_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x84 &&
        static_cast<unsigned char>(s[i + 2]) == 0xAA) {
      out.push_back('k');
      i += 2;
    } else {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
    }
  }
  return out;
}

namespace {

std::pair<std::string_view, std::string_view> consume_token(std::string_view v) {
  std::size_t i = 0;
  while (i < v.size() && is_token_char(static_cast<unsigned char>(v[i]))) ++i;
  return {v.substr(0, i), v.substr(i)};
}

const char* check_disposition(std::string_view s) {
  auto [typ, rest] = consume_token(s);
  if (typ.empty()) return "mime: no media type";
  if (rest.empty()) return nullptr;
  if (rest[0] != '/') return "mime: expected slash after first token";
  auto [sub, rest2] = consume_token(rest.substr(1));
  if (sub.empty()) return "mime: expected token after slash";
  if (!rest2.empty()) return "mime: unexpected content after media subtype";
  return nullptr;
}

// consumeValue: token or quoted-string; ok=false when nothing valid was consumed.
bool consume_value(std::string_view v, std::string& value, std::string_view& rest) {
  value.clear();
  if (v.empty()) { rest = v; return false; }
  if (v[0] != '"') {
    auto [tok, r] = consume_token(v);
    value.assign(tok);
    rest = r;
    return !tok.empty();
  }
  for (std::size_t i = 1; i < v.size(); ++i) {
    char r = v[i];
    if (r == '"') { rest = v.substr(i + 1); return true; }
    if (r == '\\' && i + 1 < v.size() && is_tspecial(static_cast<unsigned char>(v[i + 1]))) {
      value.push_back(v[i + 1]);
      ++i;
      continue;
    }
    if (r == '\r' || r == '\n') break;
    value.push_back(r);
  }
  value.clear();
  rest = v;
  return false;
}

// consumeMediaParam: returns false (and leaves rest = v) when no parameter could be read.
bool consume_param(std::string_view v, std::string& name, std::string& value, std::string_view& rest) {
  std::string_view r = trim_left(v);
  if (r.empty() || r[0] != ';') return false;
  r = trim_left(r.substr(1));
  auto [tok, r2] = consume_token(r);
  name = go_lower(tok);
  if (name.empty()) return false;
  r = trim_left(r2);
  if (r.empty() || r[0] != '=') return false;
  r = trim_left(r.substr(1));
  std::string_view r3;
  bool ok = consume_value(r, value, r3);
  if (!ok && r3 == r) return false;
  rest = r3;
  return true;
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool percent_decode(std::string_view s, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size()) return false;
      int a = hexval(s[i + 1]), b = hexval(s[i + 2]);
      if (a < 0 || b < 0) return false;
      out.push_back(static_cast<char>(a * 16 + b));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return true;
}

}  // namespace

const std::string* MediaType::param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return &v;
  return nullptr;
}

MediaType parse_media_type(std::string_view v) {
  MediaType mt;
  std::size_t semi = v.find(';');
  std::string_view base = semi == std::string_view::npos ? v : v.substr(0, semi);
  std::string type(trim(go_lower(base)));
  if (const char* err = check_disposition(type)) {
    mt.error = err;
    return mt;
  }
  mt.type = type;
  std::vector<std::pair<std::string, std::string>> cont;  // names containing '*'
  std::string_view rest = v.substr(base.size());
  while (!rest.empty()) {
    rest = trim_left(rest);
    if (rest.empty()) break;
    std::string name, value;
    std::string_view after;
    if (!consume_param(rest, name, value, after)) {
      if (trim(rest) == ";") break;  // a trailing semicolon is not an error
      mt.params.clear();
      mt.error = "mime: invalid media parameter";
      return mt;
    }
    auto& map = name.find('*') != std::string::npos ? cont : mt.params;
    for (const auto& [k, val] : map) {
      if (k == name && val != value) {
        MediaType bad;
        bad.error = "mime: duplicate parameter name";
        return bad;
      }
    }
    map.emplace_back(std::move(name), std::move(value));
    rest = after;
  }
  // RFC 2231: name*=charset'lang'pct-encoded (single part; us-ascii/utf-8 only); continuations are not joined.
  for (const auto& [k, val] : cont) {
    if (k.size() < 2 || k.back() != '*' || k.find('*') != k.size() - 1) continue;
    std::string key = k.substr(0, k.size() - 1);
    std::size_t q1 = val.find('\''), q2 = q1 == std::string::npos ? q1 : val.find('\'', q1 + 1);
    if (q2 == std::string::npos) continue;
    std::string cs = go_lower(std::string_view(val).substr(0, q1));
    if (cs != "us-ascii" && cs != "utf-8") continue;
    std::string dec;
    if (!percent_decode(std::string_view(val).substr(q2 + 1), dec)) continue;
    bool found = false;
    for (auto& [pk, pv] : mt.params)
      if (pk == key) { pv = dec; found = true; }
    if (!found) mt.params.emplace_back(key, dec);
  }
  return mt;
}

}  // namespace mmhook::detail
