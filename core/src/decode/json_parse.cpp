#include "decode/json_parse.h"
#include "decode/json_fast.h"

#include <algorithm>
#include <cstdio>

#include "common/go_format.h"
#include "common/utf8.h"

namespace mmhook::detail {

void OffsetMap::add(std::size_t derived, std::size_t source) { anchors_.emplace_back(derived, source); }

std::size_t OffsetMap::map(std::size_t derived) const noexcept {
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), derived,
                             [](std::size_t x, const std::pair<std::size_t, std::size_t>& a) { return x < a.first; });
  if (it == anchors_.begin()) return derived;
  --it;
  return it->second + (derived - it->first);
}

std::string go_quote_char(unsigned char c) {
  if (c == '\'') return "'\\''";
  if (c == '"') return "'\"'";
  static constexpr char kHexLower[] = "0123456789abcdef";
  std::string s = "'";
  switch (c) {
    case '\a': s += "\\a"; break;
    case '\b': s += "\\b"; break;
    case '\f': s += "\\f"; break;
    case '\n': s += "\\n"; break;
    case '\r': s += "\\r"; break;
    case '\t': s += "\\t"; break;
    case '\v': s += "\\v"; break;
    default:
      if (c < 0x20 || c == 0x7f) {
        s += "\\x";
        s.push_back(kHexLower[c >> 4]);
        s.push_back(kHexLower[c & 0xF]);
      } else if (c < 0x80) {
        s.push_back(static_cast<char>(c));
      } else if (c <= 0xA0 || c == 0xAD) {  // not printable as runes U+0080..U+00A0, U+00AD
        s += "\\u00";
        s.push_back(kHexLower[c >> 4]);
        s.push_back(kHexLower[c & 0xF]);
      } else {  // the byte shown as the rune U+00XX, UTF-8 encoded
        s.push_back(static_cast<char>(0xC0 | (c >> 6)));
        s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      }
  }
  s += "'";
  return s;
}

namespace {

inline bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline int hex(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of a valid UTF-8 sequence at p (Go's utf8.DecodeRune rules), 0 if invalid.
std::size_t utf8_len(const unsigned char* p, std::size_t avail) {
  unsigned char c = p[0];
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (avail < len) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if ((p[k] & 0xC0) != 0x80) return 0;
  return len;
}


constexpr std::size_t kMaxDepth = 10000;
constexpr std::size_t kMaxNotes = 100;

class Parser {
 public:
  Parser(std::string_view s, JsonParseResult& r)
      : p_(reinterpret_cast<const unsigned char*>(s.data())), n_(s.size()), s_(s), r_(r) {}

  void run() {
    std::size_t i = ws(0);
    if (i >= n_) {
      r_.empty = true;
      r_.error = "EOF";
      r_.error_offset = n_;
      return;
    }
    std::vector<json::Value*> stack;
    json::Value* slot = &r_.value;
    bool want_value = true;
    for (;;) {
      if (want_value) {
        if (i >= n_) return eof();
        const unsigned char c = p_[i];
        if (c == '{' || c == '[') {
          if (stack.size() >= kMaxDepth) {
            r_.depth_exceeded = true;
            return error(i, "exceeded max depth");
          }
          slot->kind = c == '{' ? json::Kind::object : json::Kind::array;
          slot->offset = i;
          stack.push_back(slot);
          i = ws(i + 1);
          if (i >= n_) return eof();
          if (c == '{') {
            if (p_[i] == '}') { ++i; stack.pop_back(); want_value = false; continue; }
            if (p_[i] != '"') return error(i, "looking for beginning of object key string");
            if (!member(stack.back(), i, slot)) return;
          } else {
            if (p_[i] == ']') { ++i; stack.pop_back(); want_value = false; continue; }
            slot->array.emplace_back();
            slot = &slot->array.back();
          }
          continue;
        }
        slot->offset = i;
        if (c == '"') {
          slot->kind = json::Kind::string;
          if (!string(i, slot->text)) return;
          slot->boolean = escaped_;
        } else if (c == '-' || is_digit(c)) {
          if (!number(i, *slot)) return;
        } else if (c == 't' || c == 'f' || c == 'n') {
          const char* word = c == 't' ? "true" : c == 'f' ? "false" : "null";
          for (std::size_t k = 1; word[k]; ++k) {
            if (i + k >= n_) return eof();
            if (p_[i + k] != static_cast<unsigned char>(word[k])) {
              return error(i + k, std::string("in literal ") + word + " (expecting '" + word[k] + "')");
            }
          }
          i += c == 'f' ? 5 : 4;
          if (c == 'n') slot->kind = json::Kind::null;
          else { slot->kind = json::Kind::boolean; slot->boolean = c == 't'; }
        } else {
          return error(i, "looking for beginning of value");
        }
        want_value = false;
        continue;
      }
      // After a value.
      if (stack.empty()) {
        r_.ok = true;
        r_.end = i;
        return;
      }
      i = ws(i);
      if (i >= n_) return eof();
      json::Value* top = stack.back();
      const unsigned char c = p_[i];
      if (top->kind == json::Kind::object) {
        if (c == ',') {
          i = ws(i + 1);
          if (i >= n_) return eof();
          if (p_[i] != '"') return error(i, "looking for beginning of object key string");
          if (!member(top, i, slot)) return;
          want_value = true;
        } else if (c == '}') {
          ++i;
          stack.pop_back();
        } else {
          return error(i, "after object key:value pair");
        }
      } else {
        if (c == ',') {
          i = ws(i + 1);
          top->array.emplace_back();
          slot = &top->array.back();
          want_value = true;
        } else if (c == ']') {
          ++i;
          stack.pop_back();
        } else {
          return error(i, "after array element");
        }
      }
    }
  }

 private:
  std::size_t ws(std::size_t i) const {
    while (i < n_ && is_ws(p_[i])) ++i;
    return i;
  }
  void eof() {
    r_.ok = false;
    r_.truncated = true;
    r_.error = "unexpected EOF";
    r_.error_offset = n_;
  }
  void error(std::size_t at, const std::string& ctx) {
    r_.ok = false;
    r_.error = "invalid character " + go_quote_char(p_[at]) + " " + ctx;
    r_.error_offset = at;
  }
  bool fail_eof() { eof(); return false; }
  bool fail(std::size_t at, const std::string& ctx) { error(at, ctx); return false; }
  void note(JsonNoteKind k, std::size_t at) {
    if (r_.notes.size() < kMaxNotes) r_.notes.push_back({k, at});
  }

  // At a key's opening quote: reads key and ':' and leaves `slot` on the member value, i after ws.
  bool member(json::Value* obj, std::size_t& i, json::Value*& slot) {
    json::Member m;
    m.key_offset = i;
    if (!string(i, m.key)) return false;
    i = ws(i);
    if (i >= n_) return fail_eof();
    if (p_[i] != ':') return fail(i, "after object key");
    i = ws(i + 1);
    obj->object.push_back(std::move(m));
    slot = &obj->object.back().value;
    return true;
  }

  // At the opening quote; on success i is past the closing quote.
  bool string(std::size_t& i, std::string& out) {
    escaped_ = false;
    std::size_t start = ++i;
    while (i < n_) {
      unsigned char c = p_[i];
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
      ++i;
    }
    out.assign(s_.data() + start, i - start);
    if (i < n_ && p_[i] != '"') {
      // Escapes or non-ASCII follow: reserve the raw length once (an upper bound) instead of growing by doubling.
      std::size_t end = i;
      while (end < n_ && p_[end] != '"') end += p_[end] == '\\' ? 2 : 1;
      out.reserve((end < n_ ? end : n_) - start);
    }
    for (;;) {
      if (i >= n_) return fail_eof();
      unsigned char c = p_[i];
      if (c == '"') { ++i; return true; }
      if (c < 0x20) return fail(i, "in string literal");
      if (c == '\\') {
        escaped_ = true;
        if (i + 1 >= n_) return fail_eof();
        unsigned char e = p_[i + 1];
        switch (e) {
          case '"': case '\\': case '/': out.push_back(static_cast<char>(e)); i += 2; break;
          case 'b': out.push_back('\b'); i += 2; break;
          case 'f': out.push_back('\f'); i += 2; break;
          case 'n': out.push_back('\n'); i += 2; break;
          case 'r': out.push_back('\r'); i += 2; break;
          case 't': out.push_back('\t'); i += 2; break;
          case 'u': {
            int cp = 0;
            for (std::size_t k = 2; k < 6; ++k) {
              if (i + k >= n_) return fail_eof();
              int h = hex(p_[i + k]);
              if (h < 0) return fail(i + k, "in \\u hexadecimal character escape");
              cp = cp * 16 + h;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) {
              int lo = -1;
              if (cp < 0xDC00 && i + 11 < n_ && p_[i + 6] == '\\' && p_[i + 7] == 'u') {
                lo = 0;
                for (std::size_t k = 8; k < 12 && lo >= 0; ++k) {
                  int h = hex(p_[i + k]);
                  lo = h < 0 ? -1 : lo * 16 + h;
                }
              }
              if (lo >= 0xDC00 && lo <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((static_cast<unsigned>(cp) - 0xD800) << 10) + (static_cast<unsigned>(lo) - 0xDC00));
                i += 12;
              } else {
                note(JsonNoteKind::lone_surrogate, i);
                append_utf8(out, 0xFFFD);
                i += 6;
              }
            } else {
              append_utf8(out, static_cast<unsigned>(cp));
              i += 6;
            }
            break;
          }
          default: return fail(i + 1, "in string escape code");
        }
        continue;
      }
      if (c >= 0x80) {
        std::size_t len = utf8_len(p_ + i, n_ - i);
        if (len) {
          out.append(s_.data() + i, len);
          i += len;
        } else {
          note(JsonNoteKind::invalid_utf8, i);
          escaped_ = true;
          out += "\xEF\xBF\xBD";
          ++i;
        }
        continue;
      }
      std::size_t run = i;
      while (i < n_) {
        unsigned char d = p_[i];
        if (d == '"' || d == '\\' || d < 0x20 || d >= 0x80) break;
        ++i;
      }
      out.append(s_.data() + run, i - run);
    }
  }

  bool number(std::size_t& i, json::Value& v) {
    std::size_t start = i;
    if (p_[i] == '-') {
      ++i;
      if (i >= n_) return fail_eof();
      if (!is_digit(p_[i])) return fail(i, "in numeric literal");
    }
    if (p_[i] == '0') ++i;
    else while (i < n_ && is_digit(p_[i])) ++i;
    if (i < n_ && p_[i] == '.') {
      ++i;
      if (i >= n_) return fail_eof();
      if (!is_digit(p_[i])) return fail(i, "after decimal point in numeric literal");
      while (i < n_ && is_digit(p_[i])) ++i;
    }
    if (i < n_ && (p_[i] == 'e' || p_[i] == 'E')) {
      ++i;
      if (i < n_ && (p_[i] == '+' || p_[i] == '-')) ++i;
      if (i >= n_) return fail_eof();
      if (!is_digit(p_[i])) return fail(i, "in exponent of numeric literal");
      while (i < n_ && is_digit(p_[i])) ++i;
    }
    v.kind = json::Kind::number;
    v.text.assign(s_.data() + start, i - start);
    go_parse_float(v.text, v.number);
    return true;
  }

  const unsigned char* p_;
  std::size_t n_;
  std::string_view s_;
  JsonParseResult& r_;
  bool escaped_ = false;
};

}  // namespace

JsonParseResult parse_json_go_slow(std::string_view text) {
  JsonParseResult r;
  Parser(text, r).run();
  if (!r.ok) dismantle(r.value);
  return r;
}

bool escape_control_chars(std::string_view s, std::string& out, OffsetMap& map) {
  static constexpr std::string_view kKeys[] = {"text", "fallback", "pretext", "author_name", "title", "value"};
  auto is_s = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
  out.clear();
  out.reserve(s.size() + 16);
  bool changed = false;
  std::size_t copied = 0, i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    std::size_t q = s.find('"', i);
    if (q == std::string_view::npos) break;
    std::size_t k = q + 1;
    std::size_t klen = 0;
    for (std::string_view key : kKeys) {
      if (s.substr(k, key.size()) == key && k + key.size() < n && s[k + key.size()] == '"') { klen = key.size(); break; }
    }
    if (!klen) { i = q + 1; continue; }
    k += klen + 1;
    while (k < n && is_s(s[k])) ++k;
    if (k >= n || s[k] != ':') { i = q + 1; continue; }
    ++k;
    while (k < n && is_s(s[k])) ++k;
    if (k >= n || s[k] != '"') { i = q + 1; continue; }
    std::size_t j = k + 1, end = std::string_view::npos, last_pair = std::string_view::npos;
    while (j < n) {
      if (s[j] == '\\' && j + 1 < n && s[j + 1] == '"') { last_pair = j + 1; j += 2; continue; }
      if (s[j] == '"') { end = j + 1; break; }
      ++j;
    }
    if (end == std::string_view::npos) {
      if (last_pair == std::string_view::npos) break;  // no quote left after this point: no further match
      end = last_pair + 1;
    }
    out.append(s.data() + copied, q - copied);
    for (std::size_t x = q; x < end; ++x) {
      char c = s[x];
      if (c == '\n' || c == '\t') {
        out.push_back('\\');
        map.add(out.size(), x);
        out.push_back(c == '\n' ? 'n' : 't');
        map.add(out.size(), x + 1);
        changed = true;
      } else {
        out.push_back(c);
      }
    }
    copied = end;
    i = end;
  }
  out.append(s.data() + copied, n - copied);
  return changed;
}

json::Value deep_copy(const json::Value& v) {
  json::Value out;
  std::vector<std::pair<const json::Value*, json::Value*>> stack{{&v, &out}};
  while (!stack.empty()) {
    auto [src, dst] = stack.back();
    stack.pop_back();
    dst->kind = src->kind;
    dst->boolean = src->boolean;
    dst->number = src->number;
    dst->text = src->text;
    dst->offset = src->offset;
    dst->array.resize(src->array.size());
    for (std::size_t i = 0; i < src->array.size(); ++i) stack.emplace_back(&src->array[i], &dst->array[i]);
    dst->object.resize(src->object.size());
    for (std::size_t i = 0; i < src->object.size(); ++i) {
      dst->object[i].key = src->object[i].key;
      dst->object[i].key_offset = src->object[i].key_offset;
      stack.emplace_back(&src->object[i].value, &dst->object[i].value);
    }
  }
  return out;
}

void dismantle(json::Value& v) noexcept {
  std::vector<json::Value> work;
  auto take = [&](json::Value& x) {
    for (auto& e : x.array) work.push_back(std::move(e));
    for (auto& m : x.object) work.push_back(std::move(m.value));
    x.array.clear();
    x.object.clear();
  };
  take(v);
  while (!work.empty()) {
    json::Value x = std::move(work.back());
    work.pop_back();
    take(x);
  }
}

JsonParseResult parse_json_go(std::string_view text) {
  // Memory: simdjson holds a padded copy, 4-byte structural indexes and a string buffer (~7.7 bytes per input byte)
  // beside the tree; above this size the own parser builds the same tree from the text alone.
  constexpr std::size_t kFastPathMax = std::size_t{4} << 20;
  JsonParseResult fast;
  if (text.size() <= kFastPathMax && parse_json_fast(text, fast)) return fast;
  return parse_json_go_slow(text);
}

}  // namespace mmhook::detail
