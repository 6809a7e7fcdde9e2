// The web app's text post-processing (doFormatText, spec §6.2) on one run of raw (unescaped) text:
// bare-URL autolinks, inline LaTeX, @mentions, ~channel links, e-mail links, hashtags, :emoji:, emoticons and
// mention-key highlighting. Output is HTML built from known tags only; every piece of input is escaped.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mmhook::detail {

struct MentionKey {
  std::string key;            // "@channel" or a plain word
  bool case_sensitive = false;
};

struct TextFormatOptions {
  bool autolink_urls = true;
  std::vector<std::string> url_schemes;          // lower-case schemes linked when bare (default list + custom)
  std::vector<std::string> href_schemes;         // extra schemes allowed in href (admin custom schemes)
  bool at_mentions = true;
  bool mention_highlight = true;
  std::vector<MentionKey> mention_keys;          // highlighted keys
  const std::map<std::string, std::string>* channel_names = nullptr;  // name -> display name (~links)
  std::string team_name;
  bool emails = true;
  bool hashtags = true;
  int minimum_hashtag_length = 3;
  bool emoji = true;                             // :name: shortcodes
  bool resolve_emoji = true;                     // known names show the Unicode emoji; else the data-emoticon span
  bool emoticons = true;                         // :) etc.
  bool inline_latex = false;

  static TextFormatOptions defaults();           // the web app's settings for a post body
};

// Appends the formatted HTML of `text`. `in_link`: inside link text (no generated links).
void format_text(std::string& out, std::string_view text, const TextFormatOptions& o, bool in_link = false);

// Bare-URL scanner shared with the markdown renderer: finds the next autolink in text from `from`.
struct UrlMatch {
  std::size_t begin = 0, end = 0;
  std::string href;
};
std::optional<UrlMatch> find_url(std::string_view text, std::size_t from, const std::vector<std::string>& schemes);

// Token-level views used by the vector tests (placeholders like the web app: $MM_ATMENTION0$, $MM_EMOTICON0$).
std::string tokenize_at_mentions(std::string_view text);
// `html_entities`: also accept the escaped forms &lt;3 / &lt;/3 (the web app runs on escaped HTML).
// `text_emoticons` false: only :name: shortcodes (the user setting "render emoticons as emoji" off).
std::string tokenize_emoticons(std::string_view text, bool html_entities, bool text_emoticons = true);
// matchEmoticons: the shortcodes and emoticons found, named ones first then by emoticon kind; empty = none.
std::vector<std::string> match_emoticons_in(std::string_view plain_text);

// handleUnicodeEmoji on raw text (vector tests): each Unicode emoji as the web app's renderEmoji writes it
// (<span data-emoticon="name">), or in the unsupported span when `with_map` is false or the map lacks it.
std::string wrap_unicode_emoji(std::string_view text, bool with_map);

// True when the text consists only of emoji (shortcodes, emoticons, Unicode emoji) and whitespace (jumbo).
bool is_emoji_only(std::string_view text);

}  // namespace mmhook::detail
