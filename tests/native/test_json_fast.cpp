// The simdjson fast path must build exactly what the own (Go-faithful) parser builds, or decline.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "decode/json_fast.h"
#include "decode/json_parse.h"
#include "vectors.h"

using namespace mmhook;

namespace {

std::string describe(const json::Value& v) {
  std::string out;
  std::vector<std::pair<const json::Value*, int>> stack{{&v, 0}};
  // Pre-order dump with offsets, kinds, texts and flags.
  while (!stack.empty()) {
    auto [x, depth] = stack.back();
    stack.pop_back();
    out += std::to_string(depth) + ":" + std::to_string(static_cast<int>(x->kind)) + "@" + std::to_string(x->offset);
    if (x->kind == json::Kind::string || x->kind == json::Kind::number) out += "[" + x->text + "]";
    if (x->kind == json::Kind::number) out += "=" + std::to_string(x->number);
    if (x->kind == json::Kind::boolean || x->kind == json::Kind::string) out += x->boolean ? "T" : "F";
    out += ";";
    for (auto it = x->array.rbegin(); it != x->array.rend(); ++it) stack.push_back({&*it, depth + 1});
    for (auto it = x->object.rbegin(); it != x->object.rend(); ++it) {
      out += "k" + it->key + "@" + std::to_string(it->key_offset) + ";";
      stack.push_back({&it->value, depth + 1});
    }
  }
  return out;
}

void same(std::string_view text) {
  CAPTURE(text);
  detail::JsonParseResult fast;
  if (!detail::parse_json_fast(text, fast)) return;  // declining is always allowed
  detail::JsonParseResult slow = detail::parse_json_go_slow(text);
  REQUIRE(slow.ok);
  CHECK(fast.end == slow.end);
  CHECK(describe(fast.value) == describe(slow.value));
}

}  // namespace

TEST_CASE("json fast path: identical trees to the own parser on hand-picked documents") {
  const char* docs[] = {
      R"({"text":"hi"})", R"(  {"text" : "a\nb\u00e9\ud83d\ude00", "n": [1, -0, 1.5e3, 12345678901234567890, 0.1]}  )",
      R"({"a":{"b":[true,false,null,{"c":"d"}]},"a":2} trailing)", R"([1,2,3])", R"({"TEXT":"x","text":"y"})",
      R"({"e":"\/\\\"\b\f\r\t"})", R"({})", R"([])", R"({"x":[[[[[]]]]]})", "{\"k\":\"caf\xc3\xa9\"}\n",
      R"({"a":1}{"b":2})", R"({"big":1e308,"small":1e-320})",
  };
  for (const char* d : docs) same(d);
}

TEST_CASE("json fast path takes strings with escaped control characters (multi-line payloads)") {
  for (const char* d : {R"({"text":"line 1\nline 2\ttab"})", R"({"a":["\u0000\u001f","\r\n"]})"}) {
    detail::JsonParseResult r;
    CAPTURE(d);
    CHECK(detail::parse_json_fast(d, r));
    same(d);
  }
  CHECK(detail::parse_json_go(R"({"text":"a\nb"})").fast_path);
}

TEST_CASE("json fast path declines where Go's semantics differ from simdjson's") {
  detail::JsonParseResult r;
  CHECK_FALSE(detail::parse_json_fast("{\"a\":\"\xff\"}", r));          // invalid UTF-8 -> U+FFFD in Go
  CHECK_FALSE(detail::parse_json_fast(R"({"a":"\ud800"})", r));        // lone surrogate -> U+FFFD in Go
  CHECK_FALSE(detail::parse_json_fast(R"({"a":1e999})", r));           // overflow error text is Go's
  CHECK_FALSE(detail::parse_json_fast("{\"a\":\"x\ny\"}", r));         // raw control character
  CHECK_FALSE(detail::parse_json_fast(R"({"a":1,})", r));              // syntax error: position from the own parser
  CHECK_FALSE(detail::parse_json_fast(std::string(2000, '[') + std::string(2000, ']'), r));  // deeper than simdjson allows
}

TEST_CASE("json fast path: identical trees on every body of the shared vectors") {
  std::ifstream in(std::string(MMHOOK_VECTORS_DIR) + "/validation.json", std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  json::Value cases = test::parse_json_for_test(ss.str());
  int compared = 0;
  for (const auto& c : cases.array) {
    const json::Value* input = c.find("input");
    if (!input) continue;
    for (const char* k : {"raw_body", "body"}) {
      if (const json::Value* b = input->find(k); b && b->is_string()) {
        same(b->text);
        ++compared;
      }
    }
  }
  CHECK(compared > 50);
}

TEST_CASE("a document over 4 MiB skips the fast path (memory) and decodes to the same tree") {
  std::string text;
  for (int i = 0; text.size() < (std::size_t{5} << 20); ++i) text += "line " + std::to_string(i) + " caf\\u00e9 \\\"q\\\" é\\\\ ";
  const std::string doc = "{\"text\":\"" + text + "\",\"n\":[1,2.5],\"k\":{\"a\":true}}";
  detail::JsonParseResult fast;
  REQUIRE(detail::parse_json_fast(doc, fast));
  detail::JsonParseResult r = detail::parse_json_go(doc);
  REQUIRE(r.ok);
  CHECK_FALSE(r.fast_path);
  CHECK(r.end == fast.end);
  CHECK(describe(r.value) == describe(fast.value));
  CHECK(r.value.object[0].value.text.capacity() <= text.size() + 64);  // reserved once, not grown by doubling
}
