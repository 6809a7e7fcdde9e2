// The generated emoji table (scripts/gen-emoji.mjs via core/generated.cmake), sorted by name for binary search.
#include "render/emoji.h"

#include <algorithm>
#include <iterator>

namespace mmhook {
namespace {

struct Row {
  const char* name;
  const char* text;
  const char* image;
};

const Row kRows[] = {
#if defined(MMHOOK_HAVE_EMOJI_TABLE)
#include "emoji_table.inc"
#endif
    {"", "", ""}};  // sentinel (sorts first, never matched: names are non-empty)

constexpr std::size_t kCount = std::size(kRows) - 1;

}  // namespace

std::optional<EmojiInfo> find_emoji(std::string_view name) noexcept {
  if (name.empty()) return std::nullopt;
  const Row* begin = kRows;
  const Row* end = kRows + kCount;
  const Row* it = std::lower_bound(begin, end, name, [](const Row& r, std::string_view n) { return std::string_view(r.name) < n; });
  if (it == end || std::string_view(it->name) != name) return std::nullopt;
  return EmojiInfo{it->name, it->text, it->image};
}

std::size_t emoji_count() noexcept { return kCount; }

}  // namespace mmhook
