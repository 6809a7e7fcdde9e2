#include <doctest/doctest.h>

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
