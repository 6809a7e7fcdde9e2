// System emoji (the emoji-datasource set Mattermost builds from), generated at build time: short names for
// :shortcode:, and the code point sequences of Unicode emoji for a longest-match scan.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mmhook {

struct EmojiInfo {
  std::string_view name;   // short name, e.g. "smile"
  std::string_view text;   // UTF-8 text of the emoji
};

// Looks up a short name (case-sensitive, without colons). nullopt when unknown.
std::optional<EmojiInfo> find_emoji(std::string_view name) noexcept;
// Number of names in the table (0 when the build did not generate it).
std::size_t emoji_count() noexcept;

struct UnicodeEmoji {
  std::size_t length = 0;   // bytes of the sequence
  std::string name;         // the web app's name ("+1_dark_skin_tone"); "" = an emoji its map does not know
};

// The longest emoji sequence starting at text[pos] (what the web app's emoji-regex matches there: fully qualified,
// non-qualified and component forms, skin tones, ZWJ sequences, keycaps, flags); nullopt when none starts there.
std::optional<UnicodeEmoji> match_unicode_emoji(std::string_view text, std::size_t pos);

}  // namespace mmhook
