// Hostile payloads: a strict HTML checker (known tags and attributes only, no on* handler, style only a validated
// colour, href/src only safe schemes) must accept every post HTML produced for them.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "mmhook/check.h"
#include "render/markdown.h"
#include "render/render.h"

namespace {

bool safe_url(const std::string& url, bool img) {
  std::string lower;
  for (char c : url) {
    if (static_cast<unsigned char>(c) < 0x20) return false;
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  for (const char* s : {"http://", "https://"}) if (lower.rfind(s, 0) == 0) return true;
  if (!img) for (const char* s : {"mailto:", "tel:", "ftp://"}) if (lower.rfind(s, 0) == 0) return true;
  if (lower == "#" || lower.rfind("/", 0) == 0) return true;
  std::size_t colon = lower.find(':'), slash = lower.find('/');
  return colon == std::string::npos || (slash != std::string::npos && slash < colon);  // relative path
}

bool safe_style(const std::string& v) {
  std::string prefix;
  if (v.rfind("border-left-color:#", 0) == 0) prefix = "border-left-color:#";
  else if (v.rfind("color:#", 0) == 0) prefix = "color:#";
  else return false;
  std::string hex = v.substr(prefix.size());
  if (hex.size() != 3 && hex.size() != 6) return false;
  for (char c : hex) if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Returns an empty string when the HTML is safe, else what was wrong.
std::string check_html(const std::string& html) {
  static const std::set<std::string> tags = {"div", "span", "p", "a", "img", "em", "strong", "del", "code", "pre", "ul", "ol",
                                             "li", "blockquote", "hr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead",
                                             "tbody", "tr", "th", "td", "input", "button", "select", "option", "time", "aside"};
  static const std::set<std::string> attrs = {"class", "href", "src", "alt", "title", "width", "height", "rel", "target",
                                              "style", "type", "disabled", "checked", "start", "value", "aria-label",
                                              "aria-hidden", "hidden", "data-role", "data-mention", "data-hashtag",
                                              "data-emoticon", "data-channel-mention", "data-codeblock-language", "data-latex"};
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] == '>') return "stray > in text";
    if (html[i] != '<') { ++i; continue; }
    ++i;
    bool closing = i < html.size() && html[i] == '/';
    if (closing) ++i;
    std::string name;
    while (i < html.size() && std::isalnum(static_cast<unsigned char>(html[i]))) name.push_back(html[i++]);
    if (!tags.count(name)) return "unknown tag <" + name + ">";
    while (i < html.size() && html[i] != '>') {
      if (html[i] == ' ') { ++i; continue; }
      std::string an;
      while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-')) an.push_back(html[i++]);
      if (an.empty() || closing) return "malformed tag " + name;
      if (!attrs.count(an) || an.rfind("on", 0) == 0) return "attribute " + an;
      if (i < html.size() && html[i] == '=') {
        if (html[i + 1] != '"') return "unquoted attribute " + an;
        std::size_t end = html.find('"', i + 2);
        if (end == std::string::npos) return "unterminated attribute";
        std::string raw = html.substr(i + 2, end - i - 2);
        if (raw.find('<') != std::string::npos || raw.find('>') != std::string::npos) return "unescaped <> in attribute";
        std::string v;  // decode the entities the escaper writes
        for (std::size_t k = 0; k < raw.size(); ++k) {
          if (raw[k] == '&') {
            std::size_t semi = raw.find(';', k);
            std::string ent = raw.substr(k, semi - k + 1);
            v += ent == "&amp;" ? "&" : ent == "&quot;" ? "\"" : ent == "&#39;" ? "'" : ent == "&lt;" ? "<" : ent == "&gt;" ? ">" : "?";
            k = semi;
          } else {
            v.push_back(raw[k]);
          }
        }
        if ((an == "href" || an == "src") && !safe_url(v, an == "src")) return an + "=" + v;
        if (an == "style" && !safe_style(v)) return "style=" + v;
        i = end + 1;
      }
    }
    ++i;
  }
  return {};
}

const char* const kHostile[] = {
    R"J({"text":"<script>alert(1)</script> <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a>"})J",
    R"J({"text":"[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) [d](vbscript:x) [e](data:text/html;base64,PHNjcmlwdD4=) ![i](javascript:alert(1)) ![j](data:image/svg+xml,<svg onload=alert(1)>)"})J",
    R"J({"text":"<javascript:alert(1)> <data:text/html,x> [x](java\tscript:alert(1)) [y](\" onmouseover=\"alert(1)) [z](http://a.com\" onclick=\"x)"})J",
    R"J({"text":"```\"><script>alert(1)</script>\n<b>x</b>\n```\n`<i>` <style>*{}</style> <iframe src=//evil>"})J",
    R"J({"text":"x","icon_url":"javascript:alert(1)","username":"<b onmouseover=alert(1)>","props":{"card":"<script>x</script>[c](javascript:1)","channel_mentions":{"x":{"display_name":"<img src=x onerror=1>"}}}})J",
    R"J({"text":"~x :\"><svg/onload=alert(1)>: @\"><b> #\"><b>","icon_emoji":"\"><script>"})J",
    R"J({"attachments":[{"color":"red;background:url(javascript:alert(1))","pretext":"<b>p</b>","author_name":"<b>a</b>","author_link":"javascript:alert(1)","author_icon":"javascript:alert(1)","title":"<b>t</b> [x](javascript:1)","title_link":"javascript:alert(1)","text":"<img src=x onerror=1>","image_url":"javascript:alert(1)","thumb_url":"data:image/png;base64,AAAA","footer":"<script>f</script>","footer_icon":"vbscript:x","fields":[{"title":"<b onclick=1>","value":"<script>v</script>","short":true}],"actions":[{"id":"a","name":"<img src=x onerror=1>","style":"#fff;background:url(x)","tooltip":"\" onmouseover=\"x","integration":{"url":"http://x"}},{"id":"b","name":"s","type":"select","options":[{"text":"<b>","value":"\"><script>"}],"integration":{"url":"http://x"}}]}]})J",
    R"J({"attachments":[{"color":"#12345g","text":"| a | b |\n|---|---|\n| <script> | [x](javascript:1) |","title":"x","title_link":"https://ok.example.com/\"><script>"}]})J",
};

}  // namespace

TEST_CASE("hostile payloads render as harmless text") {
  for (const char* body : kHostile) {
    mmhook::CheckRequest req;
    req.content_type = "application/json";
    req.settings.enable_post_username_override = true;
    req.settings.enable_post_icon_override = true;
    req.settings.enable_latex = true;
    mmhook::Report r = mmhook::check(body, req);
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
