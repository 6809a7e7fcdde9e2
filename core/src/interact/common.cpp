#include "interact/common.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "common/ascii.h"
#include "decode/typed_decoder.h"

namespace mmhook::interact {

const json::Value* go_field(const json::Value& obj, std::string_view name, const json::Member** member) {
  if (!obj.is_object()) return nullptr;
  const json::Value* found = nullptr;
  for (const json::Member& m : obj.object) {
    if (m.key == name || fold_key(m.key) == name) {
      found = &m.value;
      if (member) *member = &m;
    }
  }
  return found;
}

bool go_key_is(std::string_view key, std::initializer_list<std::string_view> names) {
  const std::string f = fold_key(key);
  for (std::string_view n : names) if (f == n) return true;
  return false;
}

std::string kind_name(const json::Value& v) {
  switch (v.kind) {
    case json::Kind::null: return "null";
    case json::Kind::boolean: return "a boolean";
    case json::Kind::number: return "a number";
    case json::Kind::string: return "a string";
    case json::Kind::array: return "an array";
    case json::Kind::object: return "an object";
  }
  return "a value";
}

const char* want_name(Want w) {
  switch (w) {
    case Want::string: return "a string";
    case Want::boolean: return "a boolean";
    case Want::object: return "an object";
    case Want::array: return "an array";
    case Want::int64: return "an integer";
    case Want::any: return "any value";
    case Want::string_array: return "an array of strings";
  }
  return "a value";
}

std::optional<std::size_t> offset_of(const json::Value& root, std::string_view ptr) {
  const json::Value* v = &root;
  std::size_t i = 0;
  while (i < ptr.size()) {
    if (ptr[i] != '/') return std::nullopt;
    std::size_t j = ptr.find('/', i + 1);
    if (j == std::string_view::npos) j = ptr.size();
    std::string tok;
    for (std::size_t k = i + 1; k < j; ++k) {
      if (ptr[k] == '~' && k + 1 < j) { tok.push_back(ptr[k + 1] == '1' ? '/' : '~'); ++k; }
      else tok.push_back(ptr[k]);
    }
    if (v->is_array()) {
      std::size_t idx = 0;
      for (char ch : tok) { if (ch < '0' || ch > '9') return std::nullopt; idx = idx * 10 + static_cast<std::size_t>(ch - '0'); }
      if (tok.empty() || idx >= v->array.size()) return std::nullopt;
      v = &v->array[idx];
    } else if (v->is_object()) {
      v = go_field(*v, fold_key(tok));
      if (!v) return std::nullopt;
    } else {
      return std::nullopt;
    }
    i = j;
  }
  return v->offset;
}

std::size_t depth_of(const json::Value& v) {
  std::size_t best = 0;
  std::vector<std::pair<const json::Value*, std::size_t>> stack{{&v, 1}};
  while (!stack.empty()) {
    auto [x, d] = stack.back();
    stack.pop_back();
    if (d > best) best = d;
    for (const auto& e : x->array) stack.push_back({&e, d + 1});
    for (const auto& m : x->object) stack.push_back({&m.value, d + 1});
  }
  return best;
}

namespace {
constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}

std::string base64(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    std::uint32_t n = (std::uint32_t(static_cast<unsigned char>(in[i])) << 16) |
                      (std::uint32_t(static_cast<unsigned char>(in[i + 1])) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += {kB64[n >> 18], kB64[(n >> 12) & 63], kB64[(n >> 6) & 63], kB64[n & 63]};
  }
  if (i + 1 == in.size()) {
    std::uint32_t n = std::uint32_t(static_cast<unsigned char>(in[i])) << 16;
    out += {kB64[n >> 18], kB64[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    std::uint32_t n = (std::uint32_t(static_cast<unsigned char>(in[i])) << 16) |
                      (std::uint32_t(static_cast<unsigned char>(in[i + 1])) << 8);
    out += {kB64[n >> 18], kB64[(n >> 12) & 63], kB64[(n >> 6) & 63], '='};
  }
  return out;
}

// Go's base64.StdEncoding.DecodeString: padded, no whitespace except \r \n (ignored).
std::optional<std::string> unbase64(std::string_view in) {
  std::string clean;
  for (char ch : in) if (ch != '\r' && ch != '\n') clean.push_back(ch);
  if (clean.size() % 4 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < clean.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      char ch = clean[i + k];
      if (ch == '=') {
        if (i + 4 != clean.size() || k < 2) return std::nullopt;
        v[k] = 0;
        ++pad;
        continue;
      }
      if (pad) return std::nullopt;
      const char* p = std::strchr(kB64, ch);
      if (!p || ch == 0) return std::nullopt;
      v[k] = static_cast<int>(p - kB64);
    }
    std::uint32_t n = (std::uint32_t(v[0]) << 18) | (std::uint32_t(v[1]) << 12) | (std::uint32_t(v[2]) << 6) | std::uint32_t(v[3]);
    out.push_back(static_cast<char>(n >> 16));
    if (pad < 2) out.push_back(static_cast<char>((n >> 8) & 255));
    if (pad < 1) out.push_back(static_cast<char>(n & 255));
  }
  return out;
}

std::string placeholder_trigger(const SimContext& c, std::int64_t made_millis) {
  return base64(std::string(kClientTriggerId) + ":" + c.user_id + ":" + std::to_string(made_millis) + ":" + base64("not-signed-by-mmhook"));
}

namespace {

// Go path.Clean.
std::string path_clean(std::string_view p) {
  if (p.empty()) return ".";
  const bool rooted = p.front() == '/';
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i <= p.size()) {
    std::size_t j = p.find('/', i);
    if (j == std::string_view::npos) j = p.size();
    std::string_view seg = p.substr(i, j - i);
    if (seg.empty() || seg == ".") {
    } else if (seg == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else if (!rooted) parts.push_back(seg);
    } else {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  std::string out = rooted ? "/" : "";
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k) out.push_back('/');
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

struct Ip {
  std::array<std::uint8_t, 16> b{};   // IPv4 as ::ffff:a.b.c.d
  bool v4 = false;
};

std::optional<Ip> parse_ip(std::string_view s) {
  std::string z(s);
  Ip ip;
  unsigned char buf[16];
  if (inet_pton(AF_INET, z.c_str(), buf) == 1) {
    ip.v4 = true;
    ip.b[10] = ip.b[11] = 0xff;
    std::memcpy(&ip.b[12], buf, 4);
    return ip;
  }
  if (inet_pton(AF_INET6, z.c_str(), buf) == 1) {
    std::memcpy(ip.b.data(), buf, 16);
    static constexpr std::uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    ip.v4 = std::memcmp(buf, mapped, 12) == 0;
    return ip;
  }
  return std::nullopt;
}

struct Cidr {
  Ip base;
  int bits = 0;   // over the 128-bit form
};

std::optional<Cidr> parse_cidr(std::string_view s) {
  std::size_t slash = s.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto ip = parse_ip(s.substr(0, slash));
  if (!ip) return std::nullopt;
  std::string_view n = s.substr(slash + 1);
  if (n.empty() || n.size() > 3) return std::nullopt;
  int bits = 0;
  for (char ch : n) { if (ch < '0' || ch > '9') return std::nullopt; bits = bits * 10 + (ch - '0'); }
  const bool v4 = s.substr(0, slash).find(':') == std::string_view::npos;
  if (bits > (v4 ? 32 : 128)) return std::nullopt;
  return Cidr{*ip, v4 ? bits + 96 : bits};
}

bool contains(const Cidr& c, const Ip& ip) {
  for (int i = 0; i < c.bits; ++i) {
    const int byte = i / 8, bit = 7 - i % 8;
    if (((c.base.b[byte] >> bit) & 1) != ((ip.b[byte] >> bit) & 1)) return false;
  }
  return true;
}

constexpr std::string_view kReserved[] = {
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "0.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10",
    "192.0.0.0/24", "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "192.88.99.0/24", "198.18.0.0/15",
    "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32", "::/128", "::1/128", "100::/64", "2001::/23", "2001:2::/48",
    "2001:db8::/32", "2001::/32", "fc00::/7", "fe80::/10", "ff00::/8", "2002::/16", "64:ff9b::/96", "2001:10::/28",
    "2001:20::/28"};

bool reserved(const Ip& ip) {
  for (std::string_view r : kReserved) {
    auto c = parse_cidr(r);
    const bool v4range = r.find(':') == std::string_view::npos;
    if (c && v4range == ip.v4 && contains(*c, ip)) return true;
  }
  return false;
}

struct Parsed {
  std::string scheme, host, path;
};

// scheme://[userinfo@]host[:port]/path?query — enough of net/url for the rules of §2.5.
std::optional<Parsed> parse_url(std::string_view u) {
  std::size_t colon = u.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  for (std::size_t i = 0; i < colon; ++i) {
    char ch = u[i];
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (i > 0 && ((ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.'));
    if (!ok) return std::nullopt;
  }
  Parsed p;
  p.scheme = ascii_lower(u.substr(0, colon));
  std::string_view rest = u.substr(colon + 1);
  if (rest.substr(0, 2) != "//") { p.path = std::string(rest); return p; }
  rest.remove_prefix(2);
  std::size_t end = rest.find_first_of("/?#");
  std::string_view auth = rest.substr(0, end);
  p.path = end == std::string_view::npos ? "" : std::string(rest.substr(end));
  if (std::size_t q = p.path.find_first_of("?#"); q != std::string::npos) p.path.resize(q);
  if (std::size_t at = auth.rfind('@'); at != std::string_view::npos) auth.remove_prefix(at + 1);
  if (!auth.empty() && auth.front() == '[') {
    std::size_t close = auth.find(']');
    p.host = std::string(auth.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  } else {
    std::size_t c = auth.rfind(':');
    p.host = std::string(auth.substr(0, c));
  }
  p.host = ascii_lower(p.host);
  return p;
}

}  // namespace

UrlVerdict classify_url(std::string_view url, const SimContext& c, Diagnostics& diags, const std::string& path,
                        std::size_t offset) {
  UrlVerdict v;
  const std::string cleaned = path_clean(url);
  if (cleaned.rfind("/plugins/", 0) == 0 || cleaned.rfind("plugins/", 0) == 0) {
    v.kind = UrlVerdict::plugin;
    std::string_view rest = cleaned;
    rest.remove_prefix(rest.front() == '/' ? 9 : 8);
    std::size_t slash = rest.find('/');
    v.plugin_id = std::string(rest.substr(0, slash));
    v.plugin_url = "plugins/" + std::string(rest);
    diags.add(Code::interact_url_plugin, path, offset, {clip(url), clip(v.plugin_id)});
    return v;
  }
  auto p = parse_url(url);
  if (!p) {
    v.kind = UrlVerdict::unsupported;
    v.why = url.empty() ? "is empty (unsupported protocol scheme \"\")" : "has no scheme (unsupported protocol scheme \"\")";
    diags.add(Code::interact_url_unsupported, path, offset, {clip(url), v.why});
    return v;
  }
  if (p->scheme != "http" && p->scheme != "https") {
    v.kind = UrlVerdict::unsupported;
    v.why = "uses the scheme \"" + clip(p->scheme) + "\" (unsupported protocol scheme)";
    diags.add(Code::interact_url_unsupported, path, offset, {clip(url), v.why});
    return v;
  }
  if (p->host.empty()) {
    v.kind = UrlVerdict::unsupported;
    v.why = "has no host (http: no Host in request URL)";
    diags.add(Code::interact_url_unsupported, path, offset, {clip(url), v.why});
    return v;
  }
  v.host = p->host;
  if (!c.site_url.empty()) {
    if (auto site = parse_url(c.site_url); site && site->host == p->host) {
      std::string sub = site->path;
      while (!sub.empty() && sub.back() == '/') sub.pop_back();
      if (p->path.rfind(sub + "/plugins", 0) == 0) {
        v.same_site = true;
        diags.add(Code::interact_url_same_site, path, offset, {clip(url)});
        return v;
      }
    }
  }
  std::vector<Ip> addrs;
  if (auto ip = parse_ip(p->host)) addrs.push_back(*ip);
  else if (p->host == "localhost" || (p->host.size() > 10 && p->host.ends_with(".localhost"))) addrs.push_back(*parse_ip("127.0.0.1"));
  if (addrs.empty()) {
    diags.add(Code::interact_url_resolve, path, offset, {clip(p->host)});
    return v;
  }
  // AllowedUntrustedInternalConnections: whitespace/comma separated hosts (literal) or CIDRs.
  std::string allowed = c.allowed_untrusted_internal_connections;
  for (char& ch : allowed) if (ch == ',' || ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  std::vector<std::string> entries;
  for (std::size_t i = 0; i < allowed.size();) {
    std::size_t j = allowed.find(' ', i);
    if (j == std::string::npos) j = allowed.size();
    if (j > i) entries.push_back(allowed.substr(i, j - i));
    i = j + 1;
  }
  for (const Ip& ip : addrs) {
    if (!reserved(ip)) continue;
    std::string hit;
    for (const std::string& e : entries) {
      if (ascii_lower(e) == p->host) { hit = e; break; }
      if (auto cidr = parse_cidr(e); cidr && contains(*cidr, ip)) { hit = e; break; }
    }
    if (!hit.empty()) {
      diags.add(Code::interact_url_allowed, path, offset, {clip(p->host), clip(hit)});
    } else {
      v.forbidden = true;
      diags.add(Code::interact_url_forbidden, path, offset, {clip(p->host), clip(p->host)});
    }
    break;
  }
  return v;
}

HttpRequest json_post(const std::string& url, const std::string& body, const UrlVerdict& v, const SimContext& c) {
  HttpRequest r;
  r.method = "POST";
  if (v.kind == UrlVerdict::plugin) {
    r.url = v.plugin_url;
    r.headers = {{"Content-Type", "application/json"},
                 {"Mattermost-User-Id", c.user_id},
                 {"Authorization", "Bearer " + std::string(kSessionToken)}};
  } else {
    r.url = url;
    r.headers = {{"Host", v.host},
                 {"User-Agent", "Mattermost-Bot/1.1"},
                 {"Content-Length", std::to_string(body.size())},
                 {"Accept", "application/json"}};
    if (v.same_site) r.headers.push_back({"Authorization", "Bearer " + std::string(kSessionToken)});
    r.headers.push_back({"Content-Type", "application/json"});
    r.headers.push_back({"Accept-Encoding", "gzip"});
  }
  r.body = body;
  return r;
}

void write_http_request(std::string& out, const HttpRequest& r) {
  out += "{\"method\":";
  json::write_string(out, r.method);
  out += ",\"url\":";
  json::write_string(out, r.url);
  out += ",\"headers\":{";
  bool first = true;
  for (const auto& [k, val] : r.headers) {
    if (!first) out.push_back(',');
    first = false;
    json::write_string(out, k);
    out.push_back(':');
    json::write_string(out, val);
  }
  out += "},\"body\":";
  json::write_string(out, r.body);
  out.push_back('}');
}

void write_diagnostics(std::string& out, const std::vector<Diagnostic>& ds) { write_diagnostics_json(out, ds); }

void write_error(std::string& out, const std::optional<ErrorBody>& e) {
  if (!e) { out += "null"; return; }
  out += "{\"id\":";
  json::write_string(out, e->id);
  out += ",\"message\":";
  json::write_string(out, e->message);
  out += ",\"detailed_error\":";
  json::write_string(out, e->detailed_error);
  out.push_back('}');
}

std::string clip(std::string_view s, std::size_t max) {
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < max) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    std::size_t len = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
    i += len;
    ++n;
  }
  if (i >= s.size()) return std::string(s);
  return std::string(s.substr(0, i)) + "…";
}

}  // namespace mmhook::interact
