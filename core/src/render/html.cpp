#include "render/html.h"

#include <algorithm>
#include <cstdint>

namespace mmhook::detail {

void append_escaped(std::string& out, std::string_view s) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char* rep = nullptr;
    switch (s[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\'': rep = "&#39;"; break;
      case '\0': rep = "\xEF\xBF\xBD"; break;
      default: continue;
    }
    out.append(s.substr(start, i - start));
    out.append(rep);
    start = i + 1;
  }
  out.append(s.substr(start));
}

void append_attr(std::string& out, std::string_view name, std::string_view value) {
  out.push_back(' ');
  out.append(name);
  out.append("=\"");
  append_escaped(out, value);
  out.push_back('"');
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) { ++i; return b0; }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; }
  else { ++i; return 0xFFFD; }
  if (i + len > s.size()) { ++i; return 0xFFFD; }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) { ++i; return 0xFFFD; }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

namespace {

bool is_word(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// Numeric and the few named entities an attacker would use to hide a scheme ("&#106;avascript:", "&colon;").
// At s[i] == '&': the entity's length (through ';') and its code point in `cp`; 0 when it is not one of them.
std::size_t entity_at(std::string_view s, std::size_t i, char32_t& cp) {
  const std::size_t semi = s.substr(i, 13).find(';');
  if (semi == std::string_view::npos) return 0;
  std::string_view ent = s.substr(i + 1, semi - 1);
  cp = 0;
  bool ok = false;
  if (ent.size() > 1 && ent[0] == '#') {
    bool hex = ent[1] == 'x' || ent[1] == 'X';
    std::size_t k = hex ? 2 : 1;
    ok = k < ent.size();
    for (; k < ent.size() && ok; ++k) {
      char c = ent[k];
      int d = (c >= '0' && c <= '9') ? c - '0' : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10 : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0) ok = false; else cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
      if (cp > 0x10FFFF) ok = false;
    }
  } else if (ent == "colon") { cp = ':'; ok = true; }
  else if (ent == "amp") { cp = '&'; ok = true; }
  else if (ent == "Tab" || ent == "NewLine") { cp = ' '; ok = true; }
  return ok ? semi + 1 : 0;
}

}  // namespace

// Entity-decodes, keeps only word characters and ':' (lower-cased) and looks at the first 11 kept: no allocation,
// stops as soon as the prefix is known.
bool is_url_safe(std::string_view url) {
  char kept[11];
  std::size_t n = 0;
  for (std::size_t i = 0; i < url.size() && n < sizeof kept;) {
    char32_t cp = static_cast<unsigned char>(url[i]);
    std::size_t len = 1;
    if (url[i] == '&') {
      char32_t e = 0;
      if (std::size_t l = entity_at(url, i, e)) { cp = e; len = l; }
    }
    i += len;
    if (cp < 0x80 && (is_word(static_cast<unsigned char>(cp)) || cp == ':'))
      kept[n++] = static_cast<char>((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
  }
  const std::string_view k(kept, n);
  return !(k.substr(0, 11) == "javascript:" || k.substr(0, 9) == "vbscript:" || k.substr(0, 5) == "data:");
}

std::string url_scheme(std::string_view url) {
  if (url.empty() || !((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z'))) return {};
  for (std::size_t i = 1; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') {
      std::string s(url.substr(0, i));
      for (char& ch : s) if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
      return s;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
    if (!ok) return {};
  }
  return {};
}

std::string normalize_href(std::string_view url) {
  if (!url_scheme(url).empty() || url.starts_with("/")) return std::string(url);
  return "http://" + std::string(url);
}

namespace {
bool has_control(std::string_view url) {
  for (unsigned char c : url) if (c < 0x20 || c == 0x7F) return true;
  return false;
}
}  // namespace

std::string browser_url(std::string_view url) {
  while (!url.empty() && static_cast<unsigned char>(url.front()) <= 0x20) url.remove_prefix(1);
  while (!url.empty() && static_cast<unsigned char>(url.back()) <= 0x20) url.remove_suffix(1);
  std::string out(url);
  if (!url_scheme(out).empty()) return out;
  const std::size_t end = std::min(out.find('?'), out.find('#'));
  for (std::size_t i = 0; i < out.size() && i < end; ++i) if (out[i] == '\\') out[i] = '/';
  if (out.size() >= 2 && out[0] == '/' && out[1] == '/') out.insert(0, "https:");
  return out;
}

std::optional<std::string> safe_href(std::string_view raw, const std::vector<std::string>& extra_schemes) {
  if (raw.empty() || has_control(raw) || !is_url_safe(raw)) return std::nullopt;
  const std::string url = browser_url(raw);
  if (url.empty()) return std::nullopt;
  std::string scheme = url_scheme(url);
  if (scheme.empty()) {
    if (url[0] == '/') return url;
    return std::nullopt;
  }
  static constexpr std::string_view allowed[] = {"http", "https", "mailto", "tel", "ftp"};
  for (std::string_view a : allowed) if (scheme == a) return url;
  for (const std::string& e : extra_schemes) {
    std::string lower = e;
    for (char& ch : lower) if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    if (scheme == lower && scheme != "javascript" && scheme != "vbscript" && scheme != "data") return url;
  }
  return std::nullopt;
}

std::optional<std::string> safe_img_src(std::string_view raw) {
  if (raw.empty() || has_control(raw) || !is_url_safe(raw)) return std::nullopt;
  const std::string url = browser_url(raw);
  if (url.empty()) return std::nullopt;
  std::string scheme = url_scheme(url);
  if (scheme == "http" || scheme == "https") return url;
  if (scheme.empty() && url.find(':') == std::string::npos) return url;  // relative path
  return std::nullopt;
}

bool is_hex_color(std::string_view c) {
  if (c.size() != 4 && c.size() != 7) return false;
  if (c[0] != '#') return false;
  for (std::size_t i = 1; i < c.size(); ++i) {
    char ch = c[i];
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) return false;
  }
  return true;
}

ColorChoice validate_color(std::string_view color) {
  ColorChoice out;
  if (color == "good" || color == "warning" || color == "danger") out.named = std::string(color);
  else if (is_hex_color(color)) out.hex = std::string(color);
  return out;
}

}  // namespace mmhook::detail
