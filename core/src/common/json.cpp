#include "mmhook/json.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "common/json_size.h"
#include "common/shortest.h"
#include "common/utf8.h"

namespace mmhook::json {

Value Value::from_number(double d) {
  Value v;
  v.kind = Kind::number;
  v.number = d;
  v.text = detail::js_number(d);
  return v;
}

const Value* Value::find(std::string_view key) const noexcept {
  for (auto it = object.rbegin(); it != object.rend(); ++it)
    if (it->key == key) return &it->value;
  return nullptr;
}

Value* Value::find(std::string_view key) noexcept {
  for (auto it = object.rbegin(); it != object.rend(); ++it)
    if (it->key == key) return &it->value;
  return nullptr;
}

Value& Value::set(std::string key, Value v) {
  if (kind != Kind::object) { *this = make_object(); }
  erase(key);
  object.push_back(Member{std::move(key), std::move(v), 0});
  return object.back().value;
}

void Value::erase(std::string_view key) {
  object.erase(std::remove_if(object.begin(), object.end(), [&](const Member& m) { return m.key == key; }),
               object.end());
}

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
// Whether any byte of v is below n (n <= 128) / equals b: exact for "any" (word-at-a-time bit tricks).
constexpr bool has_less(std::uint64_t v, unsigned n) { return ((v - kOnes * n) & ~v & kHighs) != 0; }
constexpr bool has_byte(std::uint64_t v, unsigned char b) {
  const std::uint64_t x = v ^ (kOnes * b);
  return ((x - kOnes) & ~x & kHighs) != 0;
}
// True when none of the 8 bytes at p is one that write_string escapes (or may escape: 0xE2).
inline bool plain8(const char* p, bool go_escape) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  if (has_less(v, 0x20) || has_byte(v, '"') || has_byte(v, '\\')) return false;
  return !go_escape || !(has_byte(v, '<') || has_byte(v, '>') || has_byte(v, '&') || has_byte(v, 0xE2));
}

}  // namespace

void write_string(std::string& out, std::string_view s, bool go_escape) {
  static const char hex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes copied as they are
  std::size_t i = 0;
  while (i < s.size()) {
    // Eight bytes at a time while none needs a look; else the next eight (or the tail) byte by byte.
    std::size_t end = s.size();
    if (end - i >= 8) {
      if (plain8(s.data() + i, go_escape)) {
        i += 8;
        continue;
      }
      end = i + 8;
    }
    for (; i < end; ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      const bool plain = c >= 0x20 && c != '"' && c != '\\' &&
                         (!go_escape || (c != '<' && c != '>' && c != '&' && c != 0xE2));
      if (plain) continue;
      const char* esc = nullptr;
      char uesc[7] = {'\\', 'u', '0', '0', 0, 0, 0};
      std::size_t skip = 0;
      switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            uesc[4] = hex[c >> 4];
            uesc[5] = hex[c & 15];
            esc = uesc;
          } else if (i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                     (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            esc = static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
            skip = 2;
          }
      }
      if (!esc) continue;  // 0xE2 not starting U+2028/U+2029
      out.append(s.data() + run, i - run);
      out += esc;
      i += skip;
      run = i + 1;
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void write_to(std::string& out, const Value& v, WriteOptions opt) {
  switch (v.kind) {
    case Kind::null: out += "null"; break;
    case Kind::boolean: out += v.boolean ? "true" : "false"; break;
    case Kind::number:
      if (!v.text.empty()) out += v.text;
      else out += Value::from_number(v.number).text;
      break;
    case Kind::string: write_string(out, v.text, opt.go_escape); break;
    case Kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.array) {
        if (!first) out.push_back(',');
        first = false;
        write_to(out, e, opt);
      }
      out.push_back(']');
      break;
    }
    case Kind::object: {
      out.push_back('{');
      if (!opt.sort_keys) {
        bool first = true;
        for (const Member& m : v.object) {
          if (!first) out.push_back(',');
          first = false;
          write_string(out, m.key, opt.go_escape);
          out.push_back(':');
          write_to(out, m.value, opt);
        }
        out.push_back('}');
        break;
      }
      std::vector<const Member*> ms;
      ms.reserve(v.object.size());
      for (const auto& m : v.object) ms.push_back(&m);
      if (opt.sort_keys) {
        std::stable_sort(ms.begin(), ms.end(), [](const Member* a, const Member* b) { return a->key < b->key; });
      }
      bool first = true;
      for (const Member* m : ms) {
        if (!first) out.push_back(',');
        first = false;
        write_string(out, m->key, opt.go_escape);
        out.push_back(':');
        write_to(out, m->value, opt);
      }
      out.push_back('}');
      break;
    }
  }
}

std::string write(const Value& v, WriteOptions opt) {
  std::string out;
  write_to(out, v, opt);
  return out;
}

namespace {

void add_ascii(WrittenSize& w, std::size_t n) noexcept {
  w.bytes += n;
  w.runes += n;
}

// A string as write_string writes it: escapes are ASCII; other bytes are copied and counted as rune_count counts them
// (the bytes around a string in the output are ASCII, so counting per string gives the same runes).
void string_size(WrittenSize& w, std::string_view s, bool go_escape) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  add_ascii(w, 2);
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') add_ascii(w, 2);
      else if (c < 0x20 || (go_escape && (c == '<' || c == '>' || c == '&'))) add_ascii(w, 6);
      else add_ascii(w, 1);
      ++i;
      continue;
    }
    if (go_escape && c == 0xE2 && i + 2 < s.size() && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
      add_ascii(w, 6);
      i += 3;
      continue;
    }
    const std::size_t n = utf8_rune_len(p, i, s.size());
    w.bytes += n;
    w.runes += 1;
    i += n;
  }
}

void value_size(WrittenSize& w, const Value& v, bool go_escape) {
  switch (v.kind) {
    case Kind::null: add_ascii(w, 4); break;
    case Kind::boolean: add_ascii(w, v.boolean ? 4 : 5); break;
    case Kind::number: add_ascii(w, !v.text.empty() ? v.text.size() : detail::js_number(v.number).size()); break;
    case Kind::string: string_size(w, v.text, go_escape); break;
    case Kind::array:
      add_ascii(w, 2 + (v.array.empty() ? 0 : v.array.size() - 1));
      for (const Value& e : v.array) value_size(w, e, go_escape);
      break;
    case Kind::object:
      add_ascii(w, 2 + (v.object.empty() ? 0 : v.object.size() - 1) + v.object.size());  // braces, commas, colons
      for (const Member& m : v.object) {
        string_size(w, m.key, go_escape);
        value_size(w, m.value, go_escape);
      }
      break;
  }
}

}  // namespace

WrittenSize written_size(const Value& v, bool go_escape) {
  WrittenSize w;
  value_size(w, v, go_escape);
  return w;
}

std::size_t rune_count(std::string_view s) noexcept {
  // Go's utf8.RuneCountInString: each invalid byte counts as one rune.
  std::size_t n = 0, i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    unsigned char c = p[i];
    if (c < 0x80) { ++i; ++n; continue; }
    i += utf8_rune_len(p, i, s.size());
    ++n;
  }
  return n;
}

}  // namespace mmhook::json
