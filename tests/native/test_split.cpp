#include <doctest/doctest.h>

#include "common/json_size.h"
#include "translate/split.h"
#include "translate/stored.h"

using namespace mmhook;

TEST_CASE("split: an attachment with only text costs 235 runes of overhead") {
  Attachment a;
  a.text.value = "hello";
  json::Value s = stored_attachment(a);
  SplitPost p;
  p.attachments.array.push_back(s);
  CHECK(go_json_runes(split_props(json::Value::make_object(), p)) == 240);
}

TEST_CASE("split: runes not bytes, and invalid bytes count one each") {
  CHECK(rune_prefix_bytes("\xF0\x9F\x98\x80x", 1) == 4);
  CHECK(rune_prefix_bytes("\xFF\xFFx", 2) == 2);
  SplitResult r = split_webhook_post("ab\xE2\x82\xAC" "cd", json::Value::make_object(), {}, 3);
  REQUIRE(r.ok());
  REQUIRE(r.posts.size() == 2);
  CHECK(r.posts[0].message == "ab\xE2\x82\xAC");
  CHECK(r.posts[1].message == "cd");
  CHECK(r.posts[1].message_rune_offset == 3);
}

TEST_CASE("split: HTML-escaped characters count as six runes in the props budget") {
  Attachment a;
  a.text.value = std::string(130000, '<');  // 780000 runes as JSON
  std::vector<json::Value> atts{stored_attachment(a)};
  SplitResult r = split_webhook_post("m", json::Value::make_object(), atts, 100);
  REQUIRE(r.ok());
  REQUIRE(r.events.size() == 1);
  CHECK(r.events[0].kind == SplitEvent::Kind::truncated);
}

TEST_CASE("split: zero max post size is treated as one") {
  SplitResult r = split_webhook_post("abc", json::Value::make_object(), {}, 0);
  CHECK(r.posts.size() == 3);
}

TEST_CASE("split: json::written_size is the bytes and runes of what json::write writes") {
  json::Value v = json::Value::make_object();
  v.set("text", json::Value::from_string("a \"quoted\" <b>&amp;</b>\n\t\x01 \xE2\x80\xA8 \xE2\x82\xAC \xE2\x80 \xFF\xC3 \xF0\x9F\x98\x80"));
  json::Value arr = json::Value::make_array();
  arr.array.push_back(json::Value::from_number(1.5e300));
  arr.array.push_back(json::Value::from_bool(false));
  arr.array.push_back(json::Value::null_value());
  arr.array.push_back(json::Value::make_object());
  arr.array.push_back(json::Value::make_array());
  v.set("b", std::move(arr));
  v.object.push_back(json::Member{"text", json::Value::from_string("duplicate \xE2\x80\xA9"), 0});
  v.set("z\xE2\x80\xA8<key>", json::Value::from_string(""));
  for (bool go : {false, true}) {
    for (bool sorted : {false, true}) {
      const std::string written = json::write(v, json::WriteOptions{go, sorted});
      const json::WrittenSize size = json::written_size(v, go);
      CHECK(size.bytes == written.size());
      CHECK(size.runes == json::rune_count(written));
    }
    CHECK(json::written_size(json::Value::make_object(), go).bytes == 2);
  }
}
