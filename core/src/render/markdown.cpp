// Markdown -> HTML (spec §6.2): the options, the helpers both dialects share, and the dialect switch.
#include "render/markdown.h"

#include <cstring>

#include "render/html.h"
#include "render/text_format.h"
#include "render/web/marked.h"

namespace mmhook {

MarkdownOptions MarkdownOptions::from(const ServerSettings& s) {
  MarkdownOptions o;
  o.enable_latex = s.enable_latex;
  o.enable_inline_latex = s.enable_inline_latex;
  o.enable_svgs = s.enable_svgs;
  o.custom_url_schemes = s.custom_url_schemes;
  o.minimum_hashtag_length = static_cast<int>(s.minimum_hashtag_length);
  return o;
}

ImageDimensions parse_image_dimensions(std::string_view url) {
  ImageDimensions d{std::string(url), "", ""};
  std::size_t eq = url.rfind('=');
  if (eq == std::string_view::npos || eq == 0) return d;
  std::size_t sp = eq;
  while (sp > 0 && (url[sp - 1] == ' ' || url[sp - 1] == '\t')) --sp;
  if (sp == eq) return d;
  std::string_view spec = url.substr(eq + 1);
  std::size_t x = spec.find('x');
  std::string_view w = spec.substr(0, x), h = x == std::string_view::npos ? std::string_view{} : spec.substr(x + 1);
  auto digits = [](std::string_view s) {
    for (char c : s) if (c < '0' || c > '9') return false;
    return true;
  };
  if (!digits(w) || !digits(h) || (w.empty() && h.empty())) return d;
  d.href = std::string(url.substr(0, sp));
  d.width = w.empty() ? "auto" : std::string(w);
  d.height = h.empty() ? "auto" : std::string(h);
  return d;
}

namespace {

using detail::append_attr;
using detail::append_escaped;

detail::TextFormatOptions text_options(const MarkdownOptions& o) {
  detail::TextFormatOptions t = detail::TextFormatOptions::defaults();
  // Explicit links ([x](url), <url>) with these schemes are links in both apps (isUrlSafe only denies javascript:,
  // vbscript: and data:); mmhook's allow-list takes exactly the two Mattermost's own tests show (SECURITY.md).
  t.href_schemes.insert(t.href_schemes.end(), {"git", "ts3server"});
  for (const std::string& s : o.custom_url_schemes) {
    std::string l = s;
    for (char& c : l) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (!l.empty()) { t.url_schemes.push_back(l); t.href_schemes.push_back(l); }
  }
  t.at_mentions = o.at_mentions;
  t.mention_highlight = o.mention_highlight;
  t.mention_keys.clear();
  for (const std::string& k : o.mention_keys) t.mention_keys.push_back({k, false});
  t.channel_names = &o.channel_names;
  t.team_name = o.team_name;
  t.minimum_hashtag_length = o.minimum_hashtag_length;
  t.resolve_emoji = o.resolve_emoji;
  t.emoticons = o.emoticons;
  t.inline_latex = o.enable_latex && o.enable_inline_latex;
  return t;
}

std::string language_class(std::string_view info) {
  std::string lang;
  for (char c : info) {
    if (c == ' ' || c == '\t') break;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+' || c == '#';
    if (!ok) return {};
    lang.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return lang;
}

}  // namespace

namespace detail {

TextFormatOptions markdown_text_options(const MarkdownOptions& o) { return text_options(o); }
std::string code_language(std::string_view info) { return language_class(info); }

void append_code_block(std::string& out, std::string_view code, std::string_view info, const MarkdownOptions& o) {
  std::string lang = language_class(info);
  if ((lang == "latex" || lang == "tex") && o.enable_latex) {
    out += "<div class=\"post-body__latex mm-latex\"";
    append_attr(out, "data-latex", code);
    out += "><pre class=\"post-code__pre\"><code class=\"language-latex\">";
    append_escaped(out, code);
    out += "</code></pre></div>";
    return;
  }
  if (lang == "texcode" || lang == "latexcode") lang = "latex";
  out += "<div class=\"post-code";
  if (lang.empty()) out += " post-code--wrap";
  out += "\"";
  if (!lang.empty()) append_attr(out, "data-codeblock-language", lang);
  out += "><pre class=\"post-code__pre\"><code";
  if (!lang.empty()) append_attr(out, "class", "hljs language-" + lang);
  out += ">";
  append_escaped(out, code);
  out += "</code></pre></div>";
}

}  // namespace detail

std::string render_markdown(std::string_view text, const MarkdownOptions& opt) { return render_markdown(text, opt.dialect, opt); }

std::string render_markdown(std::string_view text, Dialect dialect, const MarkdownOptions& opt) {
  if (dialect == Dialect::web) return web::render_markdown(text, opt);
  return detail::render_mobile_markdown(text, opt);
}

std::string render_link_only(std::string_view text, const MarkdownOptions& opt, bool format_emoji) {
  return web::render_link_only(text, opt, format_emoji);
}

std::string render_plain_text(std::string_view text, const MarkdownOptions& opt, bool mentions) {
  detail::TextFormatOptions t = text_options(opt);
  t.at_mentions = mentions;
  if (!mentions) t.mention_keys.clear();
  t.autolink_urls = false;
  std::string out;
  detail::format_text(out, text, t);
  return out;
}

}  // namespace mmhook
