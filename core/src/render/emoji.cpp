// The generated emoji tables (scripts/gen-emoji.mjs via core/generated.cmake): names sorted for binary search,
// sequences sorted by bytes so all sequences that start with one code point are adjacent.
#include "render/emoji.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace mmhook {
namespace {

struct Row {
  const char* name;
  const char* text;
};
struct Seq {
  const char* utf8;
  std::uint16_t row;    // kRows index of the short name; 0xFFFF = not in the web app's emoji map
  std::uint8_t tones;   // 0 none, 1..5 one skin tone, 6 + 5 * first + second: two tones
};

#if defined(MMHOOK_HAVE_EMOJI_TABLE)
#include "emoji_table.inc"
#else
constexpr std::size_t kRowCount = 0;
const Row kRows[1] = {{"", ""}};
constexpr std::size_t kSeqCount = 0;
const Seq kSeqs[1] = {{"", 0xFFFF, 0}};
#endif

constexpr std::array<std::string_view, 5> kToneNames = {"light_skin_tone", "medium_light_skin_tone", "medium_skin_tone",
                                                         "medium_dark_skin_tone", "dark_skin_tone"};

std::size_t utf8_length(unsigned char lead) { return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

std::string seq_name(const Seq& s) {
  if (s.row == 0xFFFF || s.row >= kRowCount) return {};
  std::string name = kRows[s.row].name;
  if (s.tones >= 1 && s.tones <= 5) {
    name.append("_").append(kToneNames[s.tones - 1]);
  } else if (s.tones >= 6) {
    name.append("_").append(kToneNames[(s.tones - 6) / 5 % 5]).append("_").append(kToneNames[(s.tones - 6) % 5]);
  }
  return name;
}

}  // namespace

std::optional<EmojiInfo> find_emoji(std::string_view name) noexcept {
  if (name.empty()) return std::nullopt;
  const Row* begin = kRows;
  const Row* end = kRows + kRowCount;
  const Row* it = std::lower_bound(begin, end, name, [](const Row& r, std::string_view n) { return std::string_view(r.name) < n; });
  if (it == end || std::string_view(it->name) != name) return std::nullopt;
  return EmojiInfo{it->name, it->text};
}

std::size_t emoji_count() noexcept { return kRowCount; }

std::optional<UnicodeEmoji> match_unicode_emoji(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return std::nullopt;
  const std::string_view first = text.substr(pos, utf8_length(static_cast<unsigned char>(text[pos])));
  const Seq* begin = kSeqs;
  const Seq* end = kSeqs + kSeqCount;
  // Sequences starting with `first` form one run: from lower_bound(first) while the prefix matches.
  const Seq* it = std::lower_bound(begin, end, first, [](const Seq& s, std::string_view f) { return std::string_view(s.utf8) < f; });
  const std::string_view rest = text.substr(pos);
  const Seq* best = nullptr;
  std::size_t best_len = 0;
  for (; it != end; ++it) {
    const std::string_view s(it->utf8);
    if (s.substr(0, first.size()) != first) break;
    if (s.size() > best_len && rest.substr(0, s.size()) == s) {
      best = it;
      best_len = s.size();
    }
  }
  if (!best) return std::nullopt;
  return UnicodeEmoji{best_len, seq_name(*best)};
}

}  // namespace mmhook
