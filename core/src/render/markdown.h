// Markdown -> HTML matching the Mattermost apps (spec §6.2): web dialect render/web/marked, mobile cmark-gfm.
// Output is built from known tags and attributes only; raw HTML in the input is shown as escaped text.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/settings.h"
#include "render/dialect.h"

namespace mmhook {

struct MarkdownOptions {
  bool enable_latex = false;
  bool enable_inline_latex = true;
  bool enable_svgs = false;
  std::vector<std::string> custom_url_schemes;
  int minimum_hashtag_length = 3;
  bool mention_highlight = true;
  // Additions (rendering detail):
  bool at_mentions = true;                         // @name -> mention span
  std::vector<std::string> mention_keys = {"@channel", "@all", "@here"};  // highlighted (case-insensitive)
  bool resolve_emoji = true;                       // :name: -> Unicode emoji (false: data-emoticon span, as in web-app tests)
  bool emoticons = true;                           // :) -> emoji
  bool unsafe_links = false;                       // props.unsafe_links: links as "text : url", images as alt text
  bool inline_img_container = true;                // a paragraph holding only an image becomes a div container
  bool jumbo = false;                              // wrap emoji-only text in <span class="all-emoji">
  std::map<std::string, std::string> channel_names;  // ~name -> display name (channels the viewer knows)
  std::string team_name;
  Dialect dialect = Dialect::web;                  // whose parser structures the text (see render/dialect.h)
  static MarkdownOptions from(const ServerSettings& s);
};

// Full markdown (message, pretext, attachment text, field values, card) in opt.dialect.
std::string render_markdown(std::string_view text, const MarkdownOptions& opt);
// The single switch point between the two dialects.
std::string render_markdown(std::string_view text, Dialect dialect, const MarkdownOptions& opt);
// The link-only renderer (attachment title): links kept, all other markdown stripped to text, blocks joined by
// spaces; `format_emoji` also converts emoji/emoticons in the text.
std::string render_link_only(std::string_view text, const MarkdownOptions& opt, bool format_emoji = true);
// Markdown off (field titles, button labels): escaped text plus text formatting (no @mention links when
// `mentions` is false).
std::string render_plain_text(std::string_view text, const MarkdownOptions& opt, bool mentions = false);

// The text a mention/emoji scan sees (the web app's MentionableRenderer): markdown stripped, code and link
// destinations dropped, blocks joined by spaces. Plain text, not HTML.
std::string markdown_mentionable_text(std::string_view text);

// parseImageDimensions: "url =WxH" / "url =W" / "url =xH" -> href, width, height ("auto" for the missing one).
struct ImageDimensions {
  std::string href, width, height;
};
ImageDimensions parse_image_dimensions(std::string_view url);

namespace detail {
struct TextFormatOptions;
// The text-formatting settings a markdown renderer passes to format_text for these options.
TextFormatOptions markdown_text_options(const MarkdownOptions& o);
// The mobile dialect's renderer (render/dialect_mobile.cpp; in the check module wasm/mobile_absent.cpp).
std::string render_mobile_markdown(std::string_view text, const MarkdownOptions& opt);
// The cmark-gfm link-only renderer render_link_only replaced (dialect_mobile.cpp; native tests compare the two).
std::string render_link_only_cmark(std::string_view text, const MarkdownOptions& opt, bool format_emoji);
// A fenced code block's language as the web app classes it ("" when none or not a plain name).
std::string code_language(std::string_view info);
// The code block HTML both dialects write (LaTeX blocks when enabled).
void append_code_block(std::string& out, std::string_view code, std::string_view info, const MarkdownOptions& o);
}  // namespace detail

}  // namespace mmhook
