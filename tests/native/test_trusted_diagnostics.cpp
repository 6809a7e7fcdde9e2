// Issue 14 items 12-17: diagnostics that real clients (Ruby slack-notifier, Python, curl, Apprise) can trust —
// no false form warnings, one-line messages quoting the changed part, positions at the construct inside a string,
// icon_emoji over icon_url explained, no noise for integers or assumed settings, clean wording.
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "mmhook/check.h"
#include "mmhook/settings.h"

namespace {

const mmhook::Diagnostic* find(const mmhook::Report& r, std::string_view code) {
  for (const auto& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

std::size_t count(const mmhook::Report& r, std::string_view code) {
  std::size_t n = 0;
  for (const auto& d : r.diagnostics) n += d.code == code;
  return n;
}

mmhook::Report run(const std::string& body, const char* ct = "application/json", mmhook::ServerSettings s = {}) {
  mmhook::CheckRequest req;
  req.content_type = ct;
  req.settings = std::move(s);
  return mmhook::check(body, req);
}

// Form encoding as Ruby's URI.encode_www_form / Python's urlencode / curl --data-urlencode write it.
std::string form_encode(std::string_view v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : v) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '*')
      out.push_back(static_cast<char>(c));
    else if (c == ' ')
      out.push_back('+');
    else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("request.form_plus: silent on form-encoded payloads, kept where + was meant literally") {
  const std::string json = R"({"text":"C++ build: 1+1=2 and more words"})";
  auto encoded = run("payload=" + form_encode(json), "application/x-www-form-urlencoded");
  CHECK(encoded.ok);
  CHECK_FALSE(find(encoded, "request.form_plus"));
  REQUIRE(encoded.posts.size() == 1);
  CHECK(encoded.posts[0].message == "C++ build: 1+1=2 and more words");

  // Not percent-encoded at all: the '+' most likely stood for a plus sign.
  auto raw = run(R"(payload={"text":"1+1=2"})", "application/x-www-form-urlencoded");
  const auto* d = find(raw, "request.form_plus");
  REQUIRE(d);
  CHECK(d->offset == std::string(R"(payload={"text":"1)").size());
  // Only part of it encoded (raw JSON punctuation left): still reported.
  auto partly = run(R"(payload={"text":"a+b %26 c"})", "application/x-www-form-urlencoded");
  CHECK(find(partly, "request.form_plus"));
}

TEST_CASE("slack.attachment_link quotes the changed part on one line") {
  const std::string head(120, 'x');
  const std::string body = R"({"attachments":[{"text":")" + head + R"( see <https://a.example/x|multi\nline> end"}]})";
  auto r = run(body);
  const auto* d = find(r, "slack.attachment_link");
  REQUIRE(d);
  CHECK(d->message.find('\n') == std::string::npos);
  CHECK(d->message.find("<https://a.example/x|multi\\nline>") != std::string::npos);
  CHECK(d->message.find("xxxxxxxxxx") == std::string::npos);
  CHECK(d->offset == body.find("<https://"));
}

TEST_CASE("no diagnostic message contains a raw control character, whatever the payload holds") {
  const std::string body = "{\"text\":\"<!subteam^\\u001b[31m\\u2028x> <#C1\\nx|a\\tb>\",\"username\":\"a\\u0007b\","
                           "\"channel\":\"Bad\\u0000Name\",\"attachments\":[{\"color\":\"red\\u0085\",\"text\":\"<a\\nb|c>\"}]}";
  auto r = run(body);
  REQUIRE(!r.diagnostics.empty());
  for (const auto& d : r.diagnostics) {
    CAPTURE(d.code);
    CAPTURE(d.message);
    for (std::size_t i = 0; i < d.message.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(d.message[i]);
      CHECK((c >= 0x20 && c != 0x7F));
      if (c == 0xC2 && i + 1 < d.message.size()) CHECK((static_cast<unsigned char>(d.message[i + 1]) > 0x9F));
      if (c == 0xE2 && i + 2 < d.message.size() && static_cast<unsigned char>(d.message[i + 1]) == 0x80)
        CHECK((static_cast<unsigned char>(d.message[i + 2]) != 0xA8 && static_cast<unsigned char>(d.message[i + 2]) != 0xA9));
    }
  }
}

TEST_CASE("constructs inside a string are located where they start, through JSON escapes") {
  // Escapes and a non-ASCII character before the constructs shift decoded and raw offsets apart.
  const std::string body = "{\n  \"text\": \"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00 <!channel> then <#C123> and <@U0ABC>\"\n}";
  auto r = run(body);
  const auto* a = find(r, "slack.announcement");
  const auto* u = find(r, "slack.untranslated");
  const auto* id = find(r, "slack.user_id");
  REQUIRE(a);
  REQUIRE(u);
  REQUIRE(id);
  CHECK(a->offset == body.find("<!channel>"));
  CHECK(u->offset == body.find("<#C123>"));
  CHECK(id->offset == body.find("<@U0ABC>"));
  CHECK(a->line == 2);
  CHECK(a->column == body.find("<!channel>") - body.find('\n'));

  // Invalid UTF-8 (each byte becomes U+FFFD, 3 bytes) and a raw LF repaired by the server.
  const std::string bad = "{\"text\":\"\xff\xfe ok\n<!here>\"}";
  auto rb = run(bad);
  REQUIRE(find(rb, "slack.announcement"));
  CHECK(find(rb, "slack.announcement")->offset == bad.find("<!here>"));

  // Attachment text and the channel-wide mention.
  const std::string att = R"({"attachments":[{"text":"\t x @here y"}]})";
  auto ra = run(att);
  REQUIRE(find(ra, "mention.channel_wide"));
  CHECK(find(ra, "mention.channel_wide")->offset == att.find("@here"));
}

TEST_CASE("icon_emoji wins over icon_url: explained, and the report shows the emoji's image") {
  mmhook::ServerSettings s;
  s.enable_post_icon_override = true;
  auto r = run(R"({"text":"x","icon_url":"https://example.com/a.png","icon_emoji":":smile:"})", "application/json", s);
  REQUIRE(r.ok);
  const auto* d = find(r, "override.icon_url_ignored");
  REQUIRE(d);
  CHECK(d->path == "/icon_emoji");
  REQUIRE(r.posts.size() == 1);
  REQUIRE(r.posts[0].icon_url);
  CHECK(*r.posts[0].icon_url == "/static/emoji/1f604.png");
  CHECK(r.posts[0].icon_emoji == std::optional<std::string>("smile"));
  // The stored props keep what the server saves.
  CHECK(r.posts[0].props.find("override_icon_url")->text == "https://example.com/a.png");

  auto custom = run(R"({"text":"x","icon_url":"https://example.com/a.png","icon_emoji":"partyparrot"})", "application/json", s);
  CHECK(find(custom, "override.icon_emoji_custom"));
  CHECK_FALSE(find(custom, "override.icon_url_ignored"));
  REQUIRE(custom.posts.size() == 1);
  CHECK(*custom.posts[0].icon_url == "https://example.com/a.png");

  // Icon overrides off: both are ignored and only that is said.
  auto off = run(R"({"text":"x","icon_url":"https://example.com/a.png","icon_emoji":"smile"})");
  CHECK_FALSE(find(off, "override.icon_url_ignored"));
}

TEST_CASE("attachment.field_value_converted only where the text changes, quoting what was written") {
  auto r = run(R"({"attachments":[{"fields":[{"title":"a","value":3},{"title":"b","value":1000000},{"title":"c","value":1.0}]}]})");
  CHECK(count(r, "attachment.field_value_converted") == 1);
  const auto* conv = find(r, "attachment.field_value_converted");
  REQUIRE(conv);
  CHECK(conv->path == "/attachments/0/fields/2/value");
  CHECK(conv->message.find("1.0") != std::string::npos);
  const auto* e = find(r, "field.value_exponent");
  REQUIRE(e);
  CHECK(e->message.find("The number 1000000 ") != std::string::npos);
  CHECK(e->message.find("\"1e+06\"") != std::string::npos);
}

TEST_CASE("override.username_off: info while the setting is assumed, a warning when it is stated") {
  const std::string body = R"({"text":"x","username":"Apprise"})";
  auto assumed = run(body);
  const auto* d = find(assumed, "override.username_off");
  REQUIRE(d);
  CHECK(d->severity == mmhook::Severity::info);
  CHECK(d->message.find("\"Apprise\"") != std::string::npos);
  CHECK(count(assumed, "override.username_off") == 1);

  auto stated = run(body, "application/json", mmhook::settings_from_json(R"({"enablePostUsernameOverride":false})"));
  REQUIRE(find(stated, "override.username_off"));
  CHECK(find(stated, "override.username_off")->severity == mmhook::Severity::warning);
}

TEST_CASE("wording: no double punctuation, no quoted prose") {
  auto r = run(R"({"text":"x","usernme":"a","nam":"b"})");
  const auto* d = find(r, "payload.unknown_key");
  REQUIRE(d);
  CHECK(d->message.find("`username`") != std::string::npos);
  auto arr = run("[1]");
  const auto* t = find(arr, "json.type");
  REQUIRE(t);
  CHECK(t->message.rfind("The body must be a JSON object", 0) == 0);
  const std::regex bad(R"([?!.;:,][.;,]|`the |\s[.,;])");
  for (const auto* rep : {&r, &arr})
    for (const auto& x : rep->diagnostics) {
      CAPTURE(x.message);
      CHECK_FALSE(std::regex_search(x.message, bad));
    }
}
