// HTML output helpers: escaping, URL safety, colour validation. Every payload string reaches the page only
// through these functions; the renderers write tag and attribute names as literals.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mmhook::detail {

// Appends s with & < > " ' escaped (safe in text and in double- or single-quoted attributes).
void append_escaped(std::string& out, std::string_view s);
// Appends ` name="value"` with value escaped; name must be a literal known attribute.
void append_attr(std::string& out, std::string_view name, std::string_view value);

// The web app's isUrlSafe: decode entities, keep only word chars and ':', lower-case; false when it then
// starts with javascript:, vbscript: or data:.
bool is_url_safe(std::string_view url);
// Scheme of url ("http", lower-cased) when it starts with [A-Za-z][A-Za-z0-9+.-]*: ; empty otherwise.
std::string url_scheme(std::string_view url);
// The web app's href normalisation: a url without scheme that does not start with '/' gets "http://".
std::string normalize_href(std::string_view url);

// The URL as a browser reads it (WHATWG URL parsing against an http(s) page): leading and trailing spaces and C0
// controls dropped; without a scheme, a backslash before any '?' or '#' is '/' (special schemes), and a leading "//"
// (so also "/\x" and "\\x") is scheme-relative, made explicit as "https://x". Other URLs are returned unchanged.
std::string browser_url(std::string_view url);

// Policy for href: http, https, mailto, tel, ftp, plus `extra_schemes` (admin-configured custom schemes), or a
// path starting with '/'; applied to browser_url(url), which is what is returned.
// Returns nullopt when the URL must not become an href (rendered as an inert link instead).
std::optional<std::string> safe_href(std::string_view url, const std::vector<std::string>& extra_schemes = {});
// Policy for img src: http(s) absolute URLs and relative paths only (no data:, no other schemes); on browser_url(url).
std::optional<std::string> safe_img_src(std::string_view url);

// Attachment colour: "good"/"warning"/"danger" -> class suffix; "#RRGGBB"/"#RGB" -> css colour; else nothing.
struct ColorChoice {
  std::string named;   // good | warning | danger
  std::string hex;     // validated #RGB or #RRGGBB
};
ColorChoice validate_color(std::string_view color);
bool is_hex_color(std::string_view c);

// Decodes UTF-8 at s[i]; returns the code point (U+FFFD for invalid bytes) and advances i (at least by 1).
char32_t next_code_point(std::string_view s, std::size_t& i);

}  // namespace mmhook::detail
