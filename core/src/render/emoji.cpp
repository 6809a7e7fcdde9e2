// The generated emoji tables (scripts/gen-emoji.mjs via core/generated.cmake): names sorted for binary search;
// sequences as one compact byte blob sorted by bytes (all sequences that start with one code point are adjacent),
// indexed once on first use.
#include "render/emoji.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "common/utf8.h"
#include "render/html.h"

namespace mmhook {
namespace {

// kNames/kTexts: row r's name and UTF-8 text are kNameLen[r]/kTextLen[r] bytes, starting where row r - 1's end.
// kSeqData (see scripts/gen-emoji.mjs): records prefix-coded against the previous sequence, in code points:
// [named 0x80 | explicit row 0x40 | shared prefix length][new code point count][code points...], then when named
// [tones] (0 none, 1..5 one skin tone, 6 + 5 * first + second: two), with an explicit row [row high][row low].
// Other names are derived: the primary row (kPrimary) whose text is the sequence without its skin tones, or with
// U+FE0F where a tone was.
#if defined(MMHOOK_HAVE_EMOJI_TABLE)
#include "emoji_table.inc"
#else
constexpr std::size_t kRowCount = 0;
const char kNames[1] = "";
const unsigned char kNameLen[1] = {0};
const char kTexts[1] = "";
const unsigned char kTextLen[1] = {0};
const unsigned char kPrimary[1] = {0};
constexpr std::size_t kSeqCount = 0;
const unsigned char kSeqData[1] = {0};
#endif

// Start offsets of every row's name and text (row kRowCount: the ends), summed from the lengths on first use. Filled at
// run time on purpose: a constant initializer would put the offsets back into the module's data.
struct RowStarts {
  std::array<std::uint16_t, kRowCount + 1> name{}, text{};
};
const RowStarts& row_starts() {
  static RowStarts s;
  static bool filled = false;
  if (!filled) {
    for (std::size_t r = 0; r < kRowCount; ++r) {
      s.name[r + 1] = static_cast<std::uint16_t>(s.name[r] + kNameLen[r]);
      s.text[r + 1] = static_cast<std::uint16_t>(s.text[r] + kTextLen[r]);
    }
    filled = true;
  }
  return s;
}
std::string_view row_name(std::size_t r) {
  const RowStarts& s = row_starts();
  return std::string_view(kNames + s.name[r], s.name[r + 1] - s.name[r]);
}
std::string_view row_text(std::size_t r) {
  const RowStarts& s = row_starts();
  return std::string_view(kTexts + s.text[r], s.text[r + 1] - s.text[r]);
}

constexpr std::uint16_t kNoRow = 0xFFFF;
constexpr std::array<char32_t, 10> kSpecial = {0, 0x200D, 0xFE0F, 0x1F3FB, 0x1F3FC, 0x1F3FD, 0x1F3FE, 0x1F3FF, 0x20E3, 0};

struct Seq {
  std::string utf8;
  std::uint16_t row = kNoRow;   // row (kNameLen/kTextLen index) of the short name; kNoRow = not in the web app's emoji map
  std::uint8_t tones = 0;
};

bool is_tone(char32_t c) { return c >= 0x1F3FB && c <= 0x1F3FF; }

std::string utf8_of(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t c : cps) append_utf8(out, c);
  return out;
}

// The primary row whose text is `cps` without skin tones (or with U+FE0F in place of each), kNoRow if none.
std::uint16_t derived_row(const std::vector<char32_t>& cps, const std::vector<std::uint16_t>& by_text) {
  std::vector<char32_t> stripped, refilled;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (!is_tone(cps[i])) {
      stripped.push_back(cps[i]);
      refilled.push_back(cps[i]);
    } else if (i + 1 >= cps.size() || cps[i + 1] != 0xFE0F) {
      refilled.push_back(0xFE0F);
    }
  }
  for (const std::string& text : {utf8_of(stripped), utf8_of(refilled)}) {
    auto it = std::lower_bound(by_text.begin(), by_text.end(), text,
                               [](std::uint16_t r, const std::string& t) { return row_text(r) < t; });
    if (it != by_text.end() && row_text(*it) == text) return *it;
  }
  return kNoRow;
}

std::vector<Seq> decode_sequences() {
  std::vector<std::uint16_t> by_text;
  for (std::size_t r = 0; r < kRowCount; ++r)
    if (kPrimary[r >> 3] & (1u << (r & 7))) by_text.push_back(static_cast<std::uint16_t>(r));
  std::sort(by_text.begin(), by_text.end(),
            [](std::uint16_t a, std::uint16_t b) { return row_text(a) < row_text(b); });
  std::vector<Seq> seqs;
  seqs.reserve(kSeqCount);
  std::vector<char32_t> cps;
  std::size_t i = 0;
  for (std::size_t n = 0; n < kSeqCount; ++n) {
    const unsigned head = kSeqData[i], count = kSeqData[i + 1];
    i += 2;
    cps.resize(head & 0x3F);
    for (unsigned k = 0; k < count; ++k) {
      const unsigned b = kSeqData[i++];
      if (b >= 0x80) cps.push_back(static_cast<char32_t>((b & 0x7F) << 8 | kSeqData[i++]));
      else if (b >= 0x20) cps.push_back(b);
      else if (b >= 0x10) cps.push_back(static_cast<char32_t>(0x1F000 + ((b & 0x0F) << 8 | kSeqData[i++])));
      else if (b == 0x0A) cps.push_back(static_cast<char32_t>(0xE0000 + kSeqData[i++]));
      else cps.push_back(kSpecial[b]);
    }
    Seq s;
    s.utf8 = utf8_of(cps);
    if (head & 0x80) {
      s.tones = kSeqData[i++];
      if (head & 0x40) {
        s.row = static_cast<std::uint16_t>(kSeqData[i] << 8 | kSeqData[i + 1]);
        i += 2;
      } else {
        s.row = derived_row(cps, by_text);
      }
    }
    seqs.push_back(std::move(s));
  }
  return seqs;
}

const std::vector<Seq>& sequences() {
  static const std::vector<Seq> seqs = decode_sequences();
  return seqs;
}

constexpr std::array<std::string_view, 5> kToneNames = {"light_skin_tone", "medium_light_skin_tone", "medium_skin_tone",
                                                         "medium_dark_skin_tone", "dark_skin_tone"};

std::size_t utf8_length(unsigned char lead) { return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

std::string seq_name(const Seq& s) {
  if (s.row == kNoRow || s.row >= kRowCount) return {};
  std::string name(row_name(s.row));
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
  std::size_t lo = 0, hi = kRowCount;  // lower_bound over the packed names
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (row_name(mid) < name) lo = mid + 1;
    else hi = mid;
  }
  if (lo == kRowCount || row_name(lo) != name) return std::nullopt;
  return EmojiInfo{row_name(lo), row_text(lo)};
}

std::size_t emoji_count() noexcept { return kRowCount; }

std::optional<UnicodeEmoji> match_unicode_emoji(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return std::nullopt;
  const std::string_view first = text.substr(pos, utf8_length(static_cast<unsigned char>(text[pos])));
  const std::vector<Seq>& seqs = sequences();
  // Sequences starting with `first` form one run: from lower_bound(first) while the prefix matches.
  auto it = std::lower_bound(seqs.begin(), seqs.end(), first,
                             [](const Seq& s, std::string_view f) { return std::string_view(s.utf8) < f; });
  const std::string_view rest = text.substr(pos);
  const Seq* best = nullptr;
  std::size_t best_len = 0;
  for (; it != seqs.end(); ++it) {
    const std::string_view s(it->utf8);
    if (s.substr(0, first.size()) != first) break;
    if (s.size() > best_len && rest.substr(0, s.size()) == s) {
      best = &*it;
      best_len = s.size();
    }
  }
  if (!best) return std::nullopt;
  return UnicodeEmoji{best_len, seq_name(*best)};
}

}  // namespace mmhook
