// System emoji names (the emoji-datasource set Mattermost builds from), generated at build time.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace mmhook {

struct EmojiInfo {
  std::string_view name;   // short name, e.g. "smile"
  std::string_view text;   // UTF-8 text of the emoji
  std::string_view image;  // unified code points, lower-case, e.g. "1f604" (web app: /static/emoji/<image>.png)
};

// Looks up a short name (case-sensitive, without colons). nullopt when unknown.
std::optional<EmojiInfo> find_emoji(std::string_view name) noexcept;
// Number of names in the table (0 when the build did not generate it).
std::size_t emoji_count() noexcept;

}  // namespace mmhook
