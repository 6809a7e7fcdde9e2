// A small mutable JSON value with source offsets: the decoded payload, props and report serialisation.
// Objects keep members in insertion order (duplicates allowed as parsed); helpers find by key.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mmhook::json {

enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

struct Member;

struct Value {
  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;          // for numbers; see `text` for the exact source spelling
  std::string text;           // string value (UTF-8), or the number's source text
  std::vector<Value> array;
  std::vector<Member> object;
  std::size_t offset = 0;     // byte offset of the value's first character in the source (0 if synthesized)

  // (Bodies below `Member`: clang with C++20 libstdc++ needs Member complete wherever a Value is destroyed.)
  static Value null_value();
  static Value from_bool(bool b);
  static Value from_string(std::string s);
  static Value from_number(double d);  // text = shortest round-trip spelling
  static Value make_array();
  static Value make_object();

  bool is_null() const noexcept { return kind == Kind::null; }
  bool is_string() const noexcept { return kind == Kind::string; }
  bool is_object() const noexcept { return kind == Kind::object; }
  bool is_array() const noexcept { return kind == Kind::array; }

  // Last member with exactly this key, or nullptr.
  const Value* find(std::string_view key) const noexcept;
  Value* find(std::string_view key) noexcept;
  // Sets (replacing every member with this key) and returns the stored value.
  Value& set(std::string key, Value v);
  void erase(std::string_view key);
};

struct Member {
  std::string key;
  Value value;
  std::size_t key_offset = 0;  // byte offset of the key's opening quote
};

inline Value Value::null_value() { return Value{}; }
inline Value Value::from_bool(bool b) { Value v; v.kind = Kind::boolean; v.boolean = b; return v; }
inline Value Value::from_string(std::string s) { Value v; v.kind = Kind::string; v.text = std::move(s); return v; }
inline Value Value::make_array() { Value v; v.kind = Kind::array; return v; }
inline Value Value::make_object() { Value v; v.kind = Kind::object; return v; }

struct WriteOptions {
  bool go_escape = false;   // Go json.Marshal: escape <, >, & as \u003c.., and U+2028/U+2029
  bool sort_keys = false;   // Go map marshalling order (byte-wise)
};
// Serialises compactly (no spaces). Numbers use their `text` if present.
std::string write(const Value& v, WriteOptions opt = {});
void write_to(std::string& out, const Value& v, WriteOptions opt = {});
// Appends s as a JSON string literal (quotes included).
void write_string(std::string& out, std::string_view s, bool go_escape = false);

// Number of Unicode code points (runes) in valid-or-not UTF-8 (invalid bytes count one each, like Go).
std::size_t rune_count(std::string_view s) noexcept;

}  // namespace mmhook::json
