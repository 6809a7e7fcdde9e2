// Hostile payloads: the strict HTML checker shared with the fuzz targets and the JS tests (tests/fuzz/html_check.h
// over tests/fuzz/html_policy.json) must accept every post HTML produced for them, and each case must render the
// posts it expects (a run that renders nothing proves nothing).
#include <doctest/doctest.h>

#include <string>

#include "html_check.h"
#include "mmhook/check.h"
#include "render/markdown.h"
#include "render/render.h"

namespace {

std::string check_html(const std::string& html) { return mmhook::fuzz::html_violation(html); }

struct HostileCase {
  const char* body;
  std::size_t posts;   // posts the server would create for it
};

const HostileCase kHostile[] = {
    {R"J({"text":"<script>alert(1)</script> <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a>"})J", 1},
    {R"J({"text":"[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) [d](vbscript:x) [e](data:text/html;base64,PHNjcmlwdD4=) ![i](javascript:alert(1)) ![j](data:image/svg+xml,<svg onload=alert(1)>)"})J", 1},
    {R"J({"text":"<javascript:alert(1)> <data:text/html,x> [x](java\tscript:alert(1)) [y](\" onmouseover=\"alert(1)) [z](http://a.com\" onclick=\"x)"})J", 1},
    {R"J({"text":"```\"><script>alert(1)</script>\n<b>x</b>\n```\n`<i>` <style>*{}</style> <iframe src=//evil>"})J", 1},
    {R"J({"text":"x","icon_url":"javascript:alert(1)","username":"<b onmouseover=alert(1)>","props":{"card":"<script>x</script>[c](javascript:1)","channel_mentions":{"x":{"display_name":"<img src=x onerror=1>"}}}})J", 1},
    {R"J({"text":"~x :\"><svg/onload=alert(1)>: @\"><b> #\"><b>","icon_emoji":"\"><script>"})J", 1},
    {R"J({"attachments":[{"color":"red;background:url(javascript:alert(1))","pretext":"<b>p</b>","author_name":"<b>a</b>","author_link":"javascript:alert(1)","author_icon":"javascript:alert(1)","title":"<b>t</b> [x](javascript:1)","title_link":"javascript:alert(1)","text":"<img src=x onerror=1>","image_url":"javascript:alert(1)","thumb_url":"data:image/png;base64,AAAA","footer":"<script>f</script>","footer_icon":"vbscript:x","fields":[{"title":"<b onclick=1>","value":"<script>v</script>","short":true}],"actions":[{"id":"a","name":"<img src=x onerror=1>","style":"#fff;background:url(x)","tooltip":"\" onmouseover=\"x","integration":{"url":"http://x"}},{"id":"b","name":"s","type":"select","options":[{"text":"<b>","value":"\"><script>"}],"integration":{"url":"http://x"}}]}]})J", 1},
    {R"J({"attachments":[{"color":"#12345g","text":"| a | b |\n|---|---|\n| <script> | [x](javascript:1) |","title":"x","title_link":"https://ok.example.com/\"><script>"}]})J", 1},
};

}  // namespace

TEST_CASE("hostile payloads render as harmless text") {
  for (const HostileCase& c : kHostile) {
    const char* body = c.body;
    mmhook::CheckRequest req;
    req.content_type = "application/json";
    req.settings.enable_post_username_override = true;
    req.settings.enable_post_icon_override = true;
    req.settings.enable_latex = true;
    mmhook::Report r = mmhook::check(body, req);
    CHECK_MESSAGE(r.ok, "rejected: " << body);
    CHECK_MESSAGE(r.posts.size() == c.posts, r.posts.size() << " posts for " << body);
    for (const mmhook::Post& p : r.posts) {
      std::string why = check_html(p.html);
      CHECK_MESSAGE(why.empty(), why << "\n  in: " << body << "\n  html: " << p.html);
      CHECK(p.html.find("<script") == std::string::npos);
    }
  }
}

TEST_CASE("hostile markdown directly") {
  mmhook::MarkdownOptions o;
  o.custom_url_schemes = {"javascript", "data", "x-app"};
  for (const char* md : {"[a](javascript:alert(1)) javascript:alert(1) data:text/html,x",
                         "<div onclick=x>html block</div>\n\n<a href=javascript:x>y</a>", "![a](//evil.example/x.png =10x10)"}) {
    std::string html = mmhook::render_markdown(md, o);
    CHECK_MESSAGE(check_html(html).empty(), check_html(html) << " in " << html);
  }
  // an admin-configured custom scheme is autolinked and kept in the href
  CHECK(mmhook::render_markdown("x-app://open", o).find("href=\"x-app://open\"") != std::string::npos);
}
