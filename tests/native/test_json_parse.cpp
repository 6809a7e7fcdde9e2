#include <doctest/doctest.h>

#include <string>

#include "decode/content_type.h"
#include "decode/form.h"
#include "common/go_format.h"
#include "decode/json_parse.h"

using namespace mmhook;
using namespace mmhook::detail;

TEST_CASE("Go syntax errors: messages and positions") {
  auto err = [](std::string_view s) { auto r = parse_json_go(s); return std::make_pair(r.error, r.error_offset); };
  CHECK(err("") == std::make_pair(std::string("EOF"), std::size_t{0}));
  CHECK(err("   ").first == "EOF");
  CHECK(err("{\"a\":").first == "unexpected EOF");
  CHECK(err("{\"a\" 1}") == std::make_pair(std::string("invalid character '1' after object key"), std::size_t{5}));
  CHECK(err("{\"a\":1,}").first == "invalid character '}' looking for beginning of object key string");
  CHECK(err("[1,]").first == "invalid character ']' looking for beginning of value");
  CHECK(err("[01]").first == "invalid character '1' after array element");
  CHECK(err("{\"a\":tru}").first == "invalid character '}' in literal true (expecting 'e')");
  CHECK(err("{\"a\":\"x\ny\"}") == std::make_pair(std::string("invalid character '\\n' in string literal"), std::size_t{7}));
  CHECK(err("\xEF\xBB\xBF{}").first == "invalid character '\xC3\xAF' looking for beginning of value");
  CHECK(err("{\"a\":\"\\q\"}").first == "invalid character 'q' in string escape code");
  CHECK(err("{\"a\":1.}").first == "invalid character '}' after decimal point in numeric literal");
  CHECK(err(std::string("{\"a\":\"\0\"}", 9)).first == "invalid character '\\x00' in string literal");
}

TEST_CASE("one value is read, the rest ignored") {
  auto r = parse_json_go("{\"text\":\"hi\"} garbage \"unterminated");
  REQUIRE(r.ok);
  CHECK(r.end == 13);
  CHECK(parse_json_go("123abc").ok);
  CHECK(parse_json_go("nullx").ok);
}

TEST_CASE("offsets of values and keys") {
  auto r = parse_json_go(" {\"a\": [1, \"x\"], \"b\":null}");
  REQUIRE(r.ok);
  CHECK(r.value.offset == 1);
  CHECK(r.value.object[0].key_offset == 2);
  CHECK(r.value.object[0].value.offset == 7);
  CHECK(r.value.object[0].value.array[1].offset == 11);
  CHECK(r.value.object[1].value.offset == 21);
}

TEST_CASE("invalid UTF-8, lone surrogates and pairs") {
  auto r = parse_json_go("[\"a\xFF\xE2\x82z\", \"\\ud800x\", \"\\ud83d\\ude00\", \"\\udc00\\ud800\\udc00\"]");
  REQUIRE(r.ok);
  CHECK(r.value.array[0].text == "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
  CHECK(r.value.array[1].text == "\xEF\xBF\xBDx");
  CHECK(r.value.array[2].text == "\xF0\x9F\x98\x80");
  CHECK(r.value.array[3].text == "\xEF\xBF\xBD\xF0\x90\x80\x80");
  CHECK(r.notes.size() == 5);
}

TEST_CASE("depth: 10000 is fine, 10001 fails, 100000 does not overflow the stack") {
  std::string ok = std::string(10000, '[') + std::string(10000, ']');
  auto r = parse_json_go(ok);
  CHECK(r.ok);
  dismantle(r.value);
  std::string deep = std::string(100000, '[');
  auto d = parse_json_go(deep);
  CHECK(!d.ok);
  CHECK(d.depth_exceeded);
  CHECK(d.error == "invalid character '[' exceeded max depth");
  CHECK(d.error_offset == 10000);
}

TEST_CASE("numbers: ranges like Go") {
  double d = 0;
  CHECK(!go_parse_float("1e999", d));
  CHECK(go_parse_float("1e-999", d));
  CHECK(d == 0);
  std::int64_t i = 0;
  CHECK(go_parse_int64("9223372036854775807", i));
  CHECK(!go_parse_int64("9223372036854775808", i));
  CHECK(go_parse_int64("-9223372036854775808", i));
  CHECK(!go_parse_int64("1.5", i));
  CHECK(!go_parse_int64("1e3", i));
}

TEST_CASE("Go %v and json.Marshal of float64") {
  CHECK(go_format_float_v(42) == "42");
  CHECK(go_format_float_v(1.5) == "1.5");
  CHECK(go_format_float_v(123456) == "123456");
  CHECK(go_format_float_v(1000000) == "1e+06");
  CHECK(go_format_float_v(1234567) == "1.234567e+06");
  CHECK(go_format_float_v(0.0001) == "0.0001");
  CHECK(go_format_float_v(0.00001) == "1e-05");
  CHECK(go_format_float_v(-0.0) == "-0");
  CHECK(go_format_float_v(1e21) == "1e+21");
  CHECK(go_float(12345678901234567890.0) == "12345678901234567000");
  CHECK(go_float(1e21) == "1e+21");
  CHECK(go_float(1e-7) == "1e-7");
  CHECK(go_float(1.0) == "1");
  auto v = parse_json_go("[{\"b\":\"x\",\"a\":1}, [1,\"two\",true,null], {}]").value;
  CHECK(go_format_v(v.array[0]) == "map[a:1 b:x]");
  CHECK(go_format_v(v.array[1]) == "[1 two true <nil>]");
  CHECK(go_format_v(v.array[2]) == "map[]");
}

TEST_CASE("control-character repair follows the server's regex") {
  std::string out;
  OffsetMap m;
  CHECK(escape_control_chars("{\"text\":\"a\nb\"}", out, m));
  CHECK(out == "{\"text\":\"a\\nb\"}");
  CHECK(m.map(11) == 10);
  OffsetMap m2;
  CHECK(!escape_control_chars("{\"username\":\"a\nb\"}", out, m2));
  OffsetMap m3;
  CHECK(escape_control_chars("{\"text\":\"say \\\"hi\nthere\\\"\"}", out, m3));
  CHECK(parse_json_go(out).ok);
  OffsetMap m4;
  CHECK(!escape_control_chars("{\"text\":\"a\rb\"}", out, m4));
}

TEST_CASE("mime.ParseMediaType") {
  CHECK(parse_media_type("AppLicaTion/x-www-Form-urlencoded").type == "application/x-www-form-urlencoded");
  CHECK(parse_media_type("application/json; charset").error == "mime: invalid media parameter");
  CHECK(parse_media_type("application/json; charset").type == "application/json");
  CHECK(parse_media_type("application/x-www-form-urlencoded wrongtext").error ==
        "mime: unexpected content after media subtype");
  CHECK(parse_media_type("json").type == "json");
  CHECK(parse_media_type("application/json;").error.empty());
  CHECK(parse_media_type("").error == "mime: no media type");
  auto mt = parse_media_type("multipart/form-data; boundary=\"a b\"");
  REQUIRE(mt.param("boundary"));
  CHECK(*mt.param("boundary") == "a b");
  CHECK(parse_media_type("text/plain; a=1; a=2").error == "mime: duplicate parameter name");
}

TEST_CASE("url.ParseQuery and multipart parts") {
  auto q = parse_query("payload=%7B%22a%22%7D&x=a+b");
  REQUIRE(q.fields.size() == 2);
  CHECK(q.fields[0].value == "{\"a\"}");
  CHECK(q.fields[0].value_map.map(1) == 11);
  CHECK(q.fields[1].value == "a b");
  CHECK(parse_query("a=%zz").error == "invalid URL escape \"%zz\"");
  CHECK(parse_query("payload={\"text\":\"a;b\"}").error == "invalid semicolon separator in query");
  auto mp = parse_multipart("--XX\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhello\r\n--XX\r\n"
                            "Content-Disposition: form-data; name=\"f\"; filename=\"a/b.txt\"\r\n\r\ndata\r\n--XX--\r\n",
                            "XX");
  REQUIRE(mp.error.empty());
  REQUIRE(mp.parts.size() == 2);
  CHECK(mp.parts[0].name == "text");
  CHECK(mp.parts[0].value == "hello");
  CHECK(mp.parts[1].filename == "b.txt");
  CHECK(parse_multipart("x", "XX").error == "multipart: NextPart: EOF");
}
