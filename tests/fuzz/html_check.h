// A small strict checker for the renderer's HTML: a closed grammar (lower-case tags, double-quoted attributes,
// well-formed entities), an allow-list of tags and attributes, URL schemes for href/src, a tiny CSS grammar for
// style, and (optionally) tag balance. Anything outside it is reported with its byte offset.
// The allow-list itself is data: tests/fuzz/html_policy.json (MMHOOK_HTML_POLICY, its path), also read by the JS
// twin tests/fuzz/html_check.mjs, so the fuzz targets, the native tests and the JS tests share one source.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef MMHOOK_HTML_POLICY
#error "MMHOOK_HTML_POLICY must name tests/fuzz/html_policy.json"
#endif

namespace mmhook::fuzz {

struct HtmlPolicy {
  std::vector<std::string> extra_schemes;   // admin-configured custom URL schemes allowed in href
  bool structure = true;                    // also require balanced, properly nested tags and no raw '>' in text
};

namespace html_detail {

inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Appends the UTF-8 of cp.
inline void put_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) out.push_back(static_cast<char>(cp));
  else if (cp < 0x800) { out.push_back(static_cast<char>(0xC0 | (cp >> 6))); out.push_back(static_cast<char>(0x80 | (cp & 0x3F))); }
  else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// html_policy.json: an object whose values are strings or arrays of strings (escapes \" \\ \uXXXX).
class AllowList {
 public:
  static const AllowList& get() {
    static const AllowList list(MMHOOK_HTML_POLICY);
    return list;
  }
  bool has(const std::string& key, std::string_view value) const {
    auto it = lists_.find(key);
    return it != lists_.end() && std::find(it->second.begin(), it->second.end(), value) != it->second.end();
  }
  // "name=value" entries of `key`: the value for `name`, or nullptr.
  const std::string* lookup(const std::string& key, std::string_view name) const {
    auto it = pairs_.find(key + "\n" + std::string(name));
    return it == pairs_.end() ? nullptr : &it->second;
  }
  const std::vector<std::string>& list(const std::string& key) const {
    static const std::vector<std::string> none;
    auto it = lists_.find(key);
    return it == lists_.end() ? none : it->second;
  }

 private:
  explicit AllowList(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    std::size_t i = 0;
    if (!in || !parse_object(text, i)) {
      std::fprintf(stderr, "html_check: cannot read the allow-list %s\n", path);
      std::abort();
    }
    for (const auto& [key, values] : lists_) {
      for (const std::string& v : values) {
        if (std::size_t eq = v.find('='); eq != std::string::npos) pairs_[key + "\n" + v.substr(0, eq)] = v.substr(eq + 1);
      }
    }
  }
  static void skip(const std::string& t, std::size_t& i) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) ++i;
  }
  static bool parse_string(const std::string& t, std::size_t& i, std::string& out) {
    skip(t, i);
    if (i >= t.size() || t[i] != '"') return false;
    for (++i; i < t.size() && t[i] != '"'; ++i) {
      if (t[i] != '\\') { out.push_back(t[i]); continue; }
      if (++i >= t.size()) return false;
      if (t[i] == 'u' && i + 4 < t.size()) {
        unsigned long cp = std::strtoul(t.substr(i + 1, 4).c_str(), nullptr, 16);
        put_utf8(out, cp);
        i += 4;
      } else {
        out.push_back(t[i] == 'n' ? '\n' : t[i]);
      }
    }
    return i++ < t.size();
  }
  bool parse_object(const std::string& t, std::size_t& i) {
    skip(t, i);
    if (i >= t.size() || t[i++] != '{') return false;
    for (;;) {
      std::string key;
      if (!parse_string(t, i, key)) return false;
      skip(t, i);
      if (i >= t.size() || t[i++] != ':') return false;
      skip(t, i);
      std::vector<std::string>& values = lists_[key];
      if (i < t.size() && t[i] == '[') {
        ++i;
        skip(t, i);
        while (i < t.size() && t[i] != ']') {
          std::string v;
          if (!parse_string(t, i, v)) return false;
          values.push_back(v);
          skip(t, i);
          if (i < t.size() && t[i] == ',') ++i;
          skip(t, i);
        }
        ++i;
      } else {
        std::string v;
        if (!parse_string(t, i, v)) return false;
        values.push_back(v);
      }
      skip(t, i);
      if (i < t.size() && t[i] == ',') { ++i; continue; }
      return i < t.size() && t[i] == '}';
    }
  }
  std::map<std::string, std::vector<std::string>> lists_;
  std::map<std::string, std::string> pairs_;
};

inline bool in(const char* key, std::string_view value) { return AllowList::get().has(key, value); }
inline bool allowed_tag(std::string_view t) { return in("tags", t); }
inline bool void_tag(std::string_view t) { return in("void_tags", t); }
inline bool block_tag(std::string_view t) { return in("block_tags", t); }

// Reads one entity at s[i] == '&': a named one of the allow-list, or a numeric reference (<= 0x10FFFF, not 0).
// On success appends the decoded text, advances i past ';' and returns true.
inline bool read_entity(std::string_view s, std::size_t& i, std::string& decoded) {
  std::size_t semi = s.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) return false;
  std::string_view e = s.substr(i + 1, semi - i - 1);
  unsigned long cp = 0;
  if (const std::string* named = AllowList::get().lookup("named_entities", e)) {
    decoded += *named;
    i = semi + 1;
    return true;
  }
  if (e.size() >= 2 && e[0] == '#') {
    bool hex = e[1] == 'x' || e[1] == 'X';
    std::size_t k = hex ? 2 : 1;
    if (k >= e.size()) return false;
    for (; k < e.size(); ++k) {
      char c = e[k];
      int d = is_digit(c) ? c - '0' : (hex && lower(c) >= 'a' && lower(c) <= 'f') ? lower(c) - 'a' + 10 : -1;
      if (d < 0) return false;
      cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
      if (cp > 0x10FFFF) return false;
    }
    if (cp == 0) return false;
  } else {
    return false;
  }
  put_utf8(decoded, cp);
  i = semi + 1;
  return true;
}

// What a browser would take as the scheme of an attribute URL: tabs/newlines removed anywhere, leading and
// trailing C0 controls and spaces stripped. "" when relative. Sets `bad` for remaining control characters.
inline std::string browser_scheme(std::string_view url, bool& bad) {
  std::string u;
  for (char c : url) if (c != '\t' && c != '\n' && c != '\r') u.push_back(c);
  std::size_t a = 0, b = u.size();
  while (a < b && static_cast<unsigned char>(u[a]) <= 0x20) ++a;
  while (b > a && static_cast<unsigned char>(u[b - 1]) <= 0x20) --b;
  u = u.substr(a, b - a);
  bad = false;
  for (unsigned char c : u) if (c < 0x20 || c == 0x7F) bad = true;
  if (u.empty() || !is_alpha(u[0])) return "";
  for (std::size_t i = 1; i < u.size(); ++i) {
    char c = u[i];
    if (c == ':') {
      std::string s = u.substr(0, i);
      for (char& ch : s) ch = lower(ch);
      return s;
    }
    if (!(is_alnum(c) || c == '+' || c == '-' || c == '.')) return "";
  }
  return "";
}

// style="": declarations `prop: value` from a short list, values a hex colour, a keyword or a length.
inline bool css_ok(std::string_view css) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return v;
  };
  std::size_t start = 0;
  while (start <= css.size()) {
    std::size_t end = css.find(';', start);
    if (end == std::string_view::npos) end = css.size();
    std::string_view decl = trim(css.substr(start, end - start));
    start = end + 1;
    if (decl.empty()) continue;
    std::size_t colon = decl.find(':');
    if (colon == std::string_view::npos) return false;
    std::string_view prop = trim(decl.substr(0, colon)), value = trim(decl.substr(colon + 1));
    if (!in("css_properties", prop)) return false;
    if (value.empty()) return false;
    bool ok = false;
    if (value[0] == '#') {
      ok = value.size() == 4 || value.size() == 5 || value.size() == 7 || value.size() == 9;
      for (std::size_t k = 1; ok && k < value.size(); ++k) {
        char c = lower(value[k]);
        ok = is_digit(c) || (c >= 'a' && c <= 'f');
      }
    } else if (in("css_keywords", value)) {
      ok = true;
    } else {
      std::size_t k = 0;
      while (k < value.size() && (is_digit(value[k]) || value[k] == '.')) ++k;
      std::string_view unit = value.substr(k);
      ok = k > 0 && in("css_units", unit);
    }
    if (!ok) return false;
  }
  return true;
}

inline std::string at(std::string_view what, std::size_t off, std::string_view html) {
  std::size_t from = off > 40 ? off - 40 : 0;
  return std::string(what) + " at byte " + std::to_string(off) + ": ..." + std::string(html.substr(from, 120)) + "...";
}

}  // namespace html_detail

// Returns "" when `html` passes; otherwise what is wrong, where, with context.
inline std::string html_violation(std::string_view html, const HtmlPolicy& policy = {}) {
  using namespace html_detail;
  std::vector<std::string> stack;
  std::size_t i = 0;
  std::string scratch;
  while (i < html.size()) {
    char c = html[i];
    if (c == '\0') return at("NUL byte in output", i, html);
    if (c == '&') {
      scratch.clear();
      std::size_t j = i;
      if (!read_entity(html, j, scratch)) return at("malformed or unknown entity in text", i, html);
      i = j;
      continue;
    }
    if (c == '>') {
      if (policy.structure) return at("raw '>' in text", i, html);
      ++i;
      continue;
    }
    if (c != '<') { ++i; continue; }
    const std::size_t tag_at = i;
    ++i;
    bool closing = i < html.size() && html[i] == '/';
    if (closing) ++i;
    std::size_t name_start = i;
    if (i >= html.size() || !is_lower(html[i])) return at("'<' that does not start a lower-case tag", tag_at, html);
    while (i < html.size() && (is_lower(html[i]) || is_digit(html[i]))) ++i;
    std::string name(html.substr(name_start, i - name_start));
    if (!allowed_tag(name)) return at("tag <" + name + "> outside the allow-list", tag_at, html);
    if (closing) {
      if (i >= html.size() || html[i] != '>') return at("malformed end tag", tag_at, html);
      ++i;
      if (void_tag(name)) return at("end tag of a void element", tag_at, html);
      if (policy.structure) {
        if (stack.empty() || stack.back() != name) return at("end tag </" + name + "> does not match the open element", tag_at, html);
        stack.pop_back();
      }
      continue;
    }
    std::vector<std::string> seen;
    while (true) {
      if (i >= html.size()) return at("unterminated tag", tag_at, html);
      if (html[i] == '>') { ++i; break; }
      if (html[i] != ' ') return at("unexpected character inside tag <" + name + ">", i, html);
      ++i;
      std::size_t an = i;
      while (i < html.size() && (is_lower(html[i]) || is_digit(html[i]) || html[i] == '-')) ++i;
      std::string attr(html.substr(an, i - an));
      if (attr.empty() || !is_lower(attr[0])) return at("malformed attribute name in <" + name + ">", an, html);
      if (std::find(seen.begin(), seen.end(), attr) != seen.end()) return at("duplicate attribute " + attr, an, html);
      seen.push_back(attr);
      bool has_value = i < html.size() && html[i] == '=';
      std::string value;
      if (has_value) {
        ++i;
        if (i >= html.size() || html[i] != '"') return at("attribute value not double-quoted", i, html);
        ++i;
        while (true) {
          if (i >= html.size()) return at("unterminated attribute value", an, html);
          char v = html[i];
          if (v == '"') { ++i; break; }
          if (v == '<') return at("raw '<' in attribute value", i, html);
          if (v == '\0') return at("NUL in attribute value", i, html);
          if (v == '&') {
            if (!read_entity(html, i, value)) return at("malformed or unknown entity in attribute", i, html);
            continue;
          }
          value.push_back(v);
          ++i;
        }
      }
      // Attribute allow-list with value rules.
      bool prefixed = false;
      for (const std::string& p : AllowList::get().list("attribute_prefixes"))
        prefixed = prefixed || (attr.rfind(p, 0) == 0 && attr.size() > p.size());
      if (attr.rfind("on", 0) == 0) return at("event-handler attribute " + attr, an, html);
      if (in("ref_attributes", attr)) {
        const std::size_t colon = value.find(':');
        auto num = [](std::string_view d) { return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos; };
        if (colon == std::string::npos || !num(std::string_view(value).substr(0, colon)) || !num(std::string_view(value).substr(colon + 1)))
          return at(attr + " value is not <digits>:<digits>", an, html);
        continue;
      }
      if (prefixed || in("plain_attributes", attr)) continue;
      if (attr == "href" || attr == "src") {
        if (!in(attr == "href" ? "href_elements" : "src_elements", name)) return at(attr + " on <" + name + ">", an, html);
        bool bad = false;
        std::string scheme = browser_scheme(value, bad);
        if (bad) return at("control character in URL", an, html);
        if (scheme.empty()) continue;   // relative
        bool ok = in(attr == "src" ? "src_schemes" : "href_schemes", scheme);
        if (!ok && attr == "href" && !in("never_schemes", scheme)) {
          for (const std::string& e : policy.extra_schemes) {
            std::string l = e;
            for (char& ch : l) ch = lower(ch);
            if (l == scheme) ok = true;
          }
        }
        if (!ok) return at("URL scheme '" + scheme + ":' in " + attr, an, html);
        continue;
      }
      if (attr == "style") {
        if (!css_ok(value)) return at("style outside the CSS allow-list: " + value, an, html);
        continue;
      }
      if (attr == "target") { if (!in("target_values", value)) return at("target=" + value, an, html); continue; }
      if (attr == "rel") {
        std::size_t s = 0;
        while (s < value.size()) {
          std::size_t e = value.find(' ', s);
          if (e == std::string::npos) e = value.size();
          std::string_view tok = std::string_view(value).substr(s, e - s);
          if (!tok.empty() && !in("rel_tokens", tok)) return at("rel token " + std::string(tok), an, html);
          s = e + 1;
        }
        continue;
      }
      if (attr == "type") {
        const std::string* want = AllowList::get().lookup("type_values", name);
        if (!want || *want != value) return at("type=" + value + " on <" + name + ">", an, html);
        continue;
      }
      if (in("boolean_attributes", attr)) continue;
      if (attr == "value") {
        if (!in("value_elements", name)) return at("value on <" + name + ">", an, html);
        continue;
      }
      if (in("numeric_attributes", attr)) {
        bool num = !value.empty() && value.size() <= 12;
        for (char ch : value) num = num && is_digit(ch);
        if (!num && !in("numeric_keywords", value)) return at(attr + " is not a number: " + value, an, html);
        continue;
      }
      return at("attribute " + attr + " outside the allow-list on <" + name + ">", an, html);
    }
    for (const std::string& req : AllowList::get().list("required_attributes")) {
      const std::size_t eq = req.find('=');
      if (req.compare(0, eq, name) == 0 && eq == name.size() &&
          std::find(seen.begin(), seen.end(), req.substr(eq + 1)) == seen.end())
        return at("<" + name + "> without " + req.substr(eq + 1), tag_at, html);
    }
    if (policy.structure && !void_tag(name)) {
      // Nested links are split apart by the browser's parser (the DOM differs from the string). Known in
      // markdown.cpp for "[[a](b)[c]](d)"; MMHOOK_FUZZ_ALLOW_NESTED_LINKS=1 tolerates it while that is open.
      static const bool nested_ok = std::getenv("MMHOOK_FUZZ_ALLOW_NESTED_LINKS") != nullptr;
      if (!nested_ok && name == "a" && std::find(stack.begin(), stack.end(), "a") != stack.end())
        return at("<a> inside <a>", tag_at, html);
      if (block_tag(name) && !stack.empty() && stack.back() == "p") return at("<" + name + "> inside <p>", tag_at, html);
      stack.push_back(name);
    }
  }
  if (policy.structure && !stack.empty()) return at("unclosed <" + stack.back() + ">", html.size(), html);
  return "";
}

}  // namespace mmhook::fuzz
