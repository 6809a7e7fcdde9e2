#include "decode/json_fast.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include "common/go_format.h"
#include "simdjson.h"

namespace mmhook::detail {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

constexpr std::size_t kMaxDepth = 1000;  // below simdjson's default 1024; deeper documents go to the own parser

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Builder {
  const char* base;
  std::size_t size;

  std::size_t offset_of(const char* p) const { return static_cast<std::size_t>(p - base); }

  // Builds `out` from `v`; false on any condition where the own parser must decide.
  bool build(od::value v, json::Value& out, std::size_t depth) {
    if (depth > kMaxDepth) return false;
    od::json_type t;
    if (v.type().get(t) != SUCCESS) return false;
    std::string_view raw = v.raw_json_token();
    out.offset = offset_of(raw.data());
    switch (t) {
      case od::json_type::object: {
        od::object obj;
        if (v.get_object().get(obj) != SUCCESS) return false;
        out.kind = json::Kind::object;
        for (auto field_result : obj) {
          od::field field;
          if (std::move(field_result).get(field) != SUCCESS) return false;
          json::Member m;
          m.key_offset = offset_of(field.key().raw()) - 1;
          std::string_view key;
          if (field.unescaped_key(false).get(key) != SUCCESS) return false;
          m.key.assign(key);
          if (!build(field.value(), m.value, depth + 1)) return false;
          out.object.push_back(std::move(m));
        }
        return true;
      }
      case od::json_type::array: {
        od::array arr;
        if (v.get_array().get(arr) != SUCCESS) return false;
        out.kind = json::Kind::array;
        for (auto element : arr) {
          od::value e;
          if (std::move(element).get(e) != SUCCESS) return false;
          out.array.emplace_back();
          if (!build(e, out.array.back(), depth + 1)) return false;
        }
        return true;
      }
      case od::json_type::string: {
        std::string_view s;
        if (v.get_string().get(s) != SUCCESS) return false;
        // The source spelling, quotes excluded (the token runs on to the next one).
        const std::size_t close = raw.rfind('"');
        const std::string_view src = raw.substr(0, close == std::string_view::npos ? raw.size() : close);
        // Defensive: Go rejects raw control characters; let the own parser report them. Escaped ones (\n) are fine.
        for (unsigned char c : src)
          if (c < 0x20) return false;
        out.kind = json::Kind::string;
        out.text.assign(s);
        out.boolean = src.find('\\') != std::string_view::npos;  // escape flag as the own parser sets it (json_parse.h)
        return true;
      }
      case od::json_type::number: {
        // Validate the grammar with simdjson, keep Go's view: the source spelling and strtod's double.
        od::number n;
        if (v.get_number().get(n) != SUCCESS) {
          // big integers are valid JSON for Go (float64); anything else is the own parser's to report
          double d;
          if (v.get_double().get(d) != SUCCESS) return false;
        }
        std::size_t len = 0;
        while (len < raw.size() && !is_ws(raw[len]) && raw[len] != ',' && raw[len] != '}' && raw[len] != ']') ++len;
        out.kind = json::Kind::number;
        out.text.assign(raw.substr(0, len));
        out.number = detail::json_number_value(out.text);
        if (!std::isfinite(out.number)) return false;  // Go's overflow errors are the own parser's
        return true;
      }
      case od::json_type::boolean: {
        bool b;
        if (v.get_bool().get(b) != SUCCESS) return false;
        out = json::Value::from_bool(b);
        out.offset = offset_of(raw.data());
        return true;
      }
      case od::json_type::null: {
        bool is_null;
        if (v.is_null().get(is_null) != SUCCESS || !is_null) return false;
        out.kind = json::Kind::null;
        return true;
      }
    }
    return false;
  }
};

od::parser& thread_parser() {
  static thread_local od::parser parser;
  return parser;
}

// Frees the parser's buffers (about 5.7 bytes per input byte) after a large document; small ones keep them for reuse.
struct ParserTrim {
  ~ParserTrim() {
    if (thread_parser().capacity() > (std::size_t{1} << 20)) thread_parser() = od::parser{};
  }
};

}  // namespace

bool parse_json_fast(std::string_view text, JsonParseResult& out) {
  // Only the plain case: the first value starts with '{' or '[' after whitespace (others are cheap for the own parser).
  std::size_t start = 0;
  while (start < text.size() && is_ws(text[start])) ++start;
  if (start == text.size() || (text[start] != '{' && text[start] != '[')) return false;
  ParserTrim trim;  // destroyed last, after the document
  simdjson::padded_string padded(text);
  od::document doc;
  if (thread_parser().iterate(padded).get(doc) != SUCCESS) return false;
  od::value root;
  if (doc.get_value().get(root) != SUCCESS) return false;
  Builder b{padded.data(), text.size()};
  json::Value value;
  if (!b.build(root, value, 1)) {
    dismantle(value);
    return false;
  }
  // Where the first value ends: the next token after it, or the end of the non-whitespace input.
  std::size_t end = text.size();
  const char* loc = nullptr;
  if (doc.current_location().get(loc) == SUCCESS && loc >= padded.data() && loc <= padded.data() + text.size()) {
    end = b.offset_of(loc);
  }
  while (end > start && is_ws(text[end - 1])) --end;
  out = JsonParseResult{};
  out.ok = true;
  out.value = std::move(value);
  out.end = end;
  out.fast_path = true;
  return true;
}

}  // namespace mmhook::detail
