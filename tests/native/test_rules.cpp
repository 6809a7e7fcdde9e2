#include <doctest/doctest.h>
#include <algorithm>

#include "validate/rules.h"
#include "translate/stored.h"
#include "common/go_format.h"

using namespace mmhook;

TEST_CASE("rules: http URLs as IsValidHTTPURL") {
  CHECK(is_valid_http_url("http://example.com"));
  CHECK(is_valid_http_url("https://example.com/a b?c=<d>"));
  CHECK(is_valid_http_url("https://user:pw@example.com:8080/x%20y"));
  CHECK(is_valid_http_url("http://[::1]:80/"));
  CHECK(!is_valid_http_url("invalid-url"));
  CHECK(!is_valid_http_url("HTTP://example.com"));
  CHECK(!is_valid_http_url("ftp://example.com"));
  CHECK(!is_valid_http_url("http://"));
  CHECK(!is_valid_http_url("http:///path"));
  CHECK(!is_valid_http_url("http://exa mple.com"));
  CHECK(!is_valid_http_url("http://example.com:port"));
  CHECK(!is_valid_http_url("http://example.com/%zz"));
  CHECK(!is_valid_http_url("http://example.com#frag"));
  CHECK(is_valid_http_url("http://example.com/#frag"));
  CHECK(!is_valid_http_url("http://example.com/\n"));
}

TEST_CASE("rules: colours, types, mentions") {
  CHECK(is_hex_color("#aBc123"));
  CHECK(!is_hex_color("#abc"));
  CHECK(is_valid_post_type(""));
  CHECK(is_valid_post_type("custom_x"));
  CHECK(!is_valid_post_type("junk"));
  CHECK(find_at_channel_mention("hi-@Channel") == std::optional<std::string>("@channel"));
  CHECK(!find_at_channel_mention("x@channel"));
  CHECK(!find_at_channel_mention("@channelx"));
  CHECK(channel_mentions("~a ~b ~a x~c") == std::vector<std::string>{"a", "b"});
  CHECK(user_mentions("@Alice, @bob. @channel a@b.com @alice") == std::vector<std::string>{"alice", "bob"});
}

TEST_CASE("rules: attachment findings carry Mattermost's texts and relative paths") {
  Attachment a;
  a.color.value = "blue";
  a.title_link.value = "nope";
  Field f;
  f.value = json::Value::from_string("true");
  f.original_kind = json::Kind::boolean;
  a.fields = std::vector<Field>{f};
  a.ts = json::Value::from_number(1.5);
  Action act;
  act.type.value = "select";
  act.options = std::vector<std::optional<ActionOption>>{std::nullopt, ActionOption{"", "v", 0}};
  a.actions.push_back(act);
  std::vector<Finding> fs = attachment_findings(a);
  std::vector<std::string> texts;
  for (const auto& x : fs) texts.push_back(x.text + " @" + x.path);
  CHECK(texts == std::vector<std::string>{
                     "invalid style 'blue' - must be one of [good, warning, danger] or a hex color @/color",
                     "title link cannot be set without title @/title_link",
                     "invalid title link URL @/title_link",
                     "value must be either a string or int @/fields/0/value",
                     "timestamp must be either a string or int64 @/ts",
                     "action must have a name @/actions/0/name",
                     "select action contains nil option @/actions/0/options/0",
                     "text is required @/actions/0/options/1/text",
                     "action must have integration settings @/actions/0/integration",
                 });
}

TEST_CASE("rules: text checks find Slack leftovers") {
  Diagnostics d;
  ServerSettings s;
  check_text("<!channel> <!everyone> <#C123> <!here|here> <@U123> *bold* ![x](http://a/b.SVG)", "the text", "/text", 5, s, d);
  auto list = std::move(d).finish("");
  std::vector<std::string> codes;
  for (const auto& x : list) codes.push_back(x.code);
  auto has = [&](const char* c) { return std::find(codes.begin(), codes.end(), c) != codes.end(); };
  CHECK(has("slack.announcement"));
  CHECK(has("slack.untranslated"));
  CHECK(has("slack.odd_link"));
  CHECK(has("slack.user_id"));
  CHECK(has("slack.bold"));
  CHECK(has("image.svg"));
  for (const auto& x : list) CHECK(x.path == "/text");
}

TEST_CASE("rules: duplicate and unroutable action ids") {
  Attachment a;
  Action x;
  x.id.value = "act_one";
  x.name.value = "A";
  a.actions = {x, x};
  Diagnostics d;
  check_attachments({a}, ServerSettings{}, d);
  CHECK(d.has("action.id_unroutable"));
  CHECK(d.has("action.id_duplicate"));
}

TEST_CASE("stored: Go float spelling") {
  CHECK(detail::go_float(1000000) == "1000000");
  CHECK(detail::go_float(1e21) == "1e+21");
  CHECK(detail::go_float(1e-7) == "1e-7");
  CHECK(detail::go_float(0.000001) == "0.000001");
  CHECK(detail::go_float(1.5) == "1.5");
  CHECK(detail::go_float(-0.0) == "-0");
  CHECK(detail::go_float(123456789012) == "123456789012");
}
