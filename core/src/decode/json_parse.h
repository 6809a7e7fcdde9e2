// JSON reading with Go encoding/json Decoder semantics, positions included: one value is read and the rest ignored,
// Go's syntax error texts and positions, max depth 10000, invalid UTF-8 and lone surrogates -> U+FFFD.
// Iterative (no recursion on nesting), linear time. Never throws.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mmhook/json.h"

namespace mmhook::detail {

// Maps byte offsets of a derived text (decoded form value, repaired JSON) back to its source.
// Anchors (derived, source) sorted by `derived`; between anchors offsets advance together.
class OffsetMap {
 public:
  void add(std::size_t derived, std::size_t source);
  std::size_t map(std::size_t derived) const noexcept;
  bool identity() const noexcept { return anchors_.empty(); }

 private:
  std::vector<std::pair<std::size_t, std::size_t>> anchors_;
};

enum class JsonNoteKind { invalid_utf8, lone_surrogate };
struct JsonNote {
  JsonNoteKind kind;
  std::size_t offset;   // of the offending byte or escape
};

struct JsonParseResult {
  bool ok = false;
  bool empty = false;            // only whitespace: Go's "EOF"
  bool depth_exceeded = false;
  bool truncated = false;        // ran out of input inside the value: "unexpected EOF"
  json::Value value;             // numbers: text = source spelling, number = strtod value (±inf on overflow);
                                 // strings: `boolean` is true when the source spelling had escapes or bad UTF-8
  std::string error;             // Go's message when !ok
  std::size_t error_offset = 0;  // offset of the offending character (input size for EOF)
  std::size_t end = 0;           // offset just past the value
  std::vector<JsonNote> notes;   // capped at 100
  bool fast_path = false;        // decoded by the simdjson fast path
};

// Parses the first JSON value of `text` as Go's json.Decoder would read it.
JsonParseResult parse_json_go(std::string_view text);
// The same, own parser only (reference for the fast path).
JsonParseResult parse_json_go_slow(std::string_view text);

// Go's quoteChar for a byte in syntax errors: 'x', '\n', 'ï' (a byte is shown as the rune U+00XX).
std::string go_quote_char(unsigned char c);

// Go's escapeControlCharsFromPayload: in every match of
// (?s)"(text|fallback|pretext|author_name|title|value)"\s*:\s*"(\\"|[^"])*"  LF -> \n and TAB -> \t.
// `map` maps offsets of the result back to `in`. Returns true when anything was replaced.
bool escape_control_chars(std::string_view in, std::string& out, OffsetMap& map);

// Offsets of every value and key in `v` are passed through `f` (iteratively).
template <class F>
void remap_offsets(json::Value& v, F&& f) {
  std::vector<json::Value*> stack{&v};
  while (!stack.empty()) {
    json::Value* x = stack.back();
    stack.pop_back();
    x->offset = f(x->offset);
    for (auto& e : x->array) stack.push_back(&e);
    for (auto& m : x->object) {
      m.key_offset = f(m.key_offset);
      stack.push_back(&m.value);
    }
  }
}

// Deep copy and destruction without recursion (trees may be 10000 levels deep).
json::Value deep_copy(const json::Value& v);
void dismantle(json::Value& v) noexcept;

}  // namespace mmhook::detail
