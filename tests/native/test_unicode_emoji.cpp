// Issue 14 item 18: Unicode emoji are wrapped like :shortcodes: (data-emoticon with the web app's name, the same
// title and jumbo rules) or, when the web app's emoji map does not know them, in its "unsupported" span.
#include <doctest/doctest.h>

#include <string>

#include "render/emoji.h"
#include "render/markdown.h"
#include "render/text_format.h"

using namespace mmhook;

TEST_CASE("longest match: ZWJ sequences, skin tones, keycaps, flags, tag sequences; names as the web app's map") {
  auto name = [](std::string_view s) {
    auto m = match_unicode_emoji(s, 0);
    return m ? std::to_string(m->length) + ":" + m->name : std::string("none");
  };
  CHECK(name("\xF0\x9F\x91\x8D") == "4:+1");
  CHECK(name("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBF") == "8:+1_dark_skin_tone");
  CHECK(name("\xF0\x9F\x87\xA8\xF0\x9F\x87\xA6") == "8:flag-ca");
  CHECK(name("1\xEF\xB8\x8F\xE2\x83\xA3") == "7:one");
  CHECK(name("\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xA5\xF3\xA0\x81\xAE\xF3\xA0\x81\xA7\xF3\xA0\x81\xBF") ==
        "28:flag-england");
  CHECK(name("\xF0\x9F\x98\xAE\xE2\x80\x8D\xF0\x9F\x92\xA8") == "11:");   // face exhaling: Emoji 13.1, not in the map
  CHECK(name("\xC2\xA9") == "2:");                                          // bare (c): a text-style emoji, unsupported
  CHECK(name("1") == "none");
  CHECK(name("e\xCC\x81") == "none");
}

TEST_CASE("rendered like shortcodes: data-emoticon, title, the character itself; jumbo when alone") {
  MarkdownOptions o;
  o.jumbo = true;
  std::string one = render_markdown("ok \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBF done", o);
  CHECK(one.find("<span class=\"emoticon\" data-emoticon=\"+1_dark_skin_tone\" title=\":+1_dark_skin_tone:\">"
                 "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBF</span>") != std::string::npos);
  CHECK(one.find("all-emoji") == std::string::npos);
  std::string only = render_markdown("\xF0\x9F\x8E\x89 \xF0\x9F\x98\xAE\xE2\x80\x8D\xF0\x9F\x92\xA8", o);
  CHECK(only.find("all-emoji") != std::string::npos);
  CHECK(only.find("<span class=\"emoticon emoticon--unicode\">\xF0\x9F\x98\xAE\xE2\x80\x8D\xF0\x9F\x92\xA8</span>") !=
        std::string::npos);
  CHECK(render_markdown("`\xF0\x9F\x91\x8D`", o).find("data-emoticon") == std::string::npos);   // code stays code
}
