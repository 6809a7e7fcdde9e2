#include "mmhook/json.h"

#include <algorithm>

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

void write_string(std::string& out, std::string_view s, bool go_escape) {
  static const char hex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes copied as they are
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
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
