// The check module's own Unicode classes against cmark-gfm's, on every code point.
#include <doctest/doctest.h>

#include <cstdint>

#include "render/unicode_class.h"

extern "C" {
int cmark_utf8proc_is_punctuation(int32_t uc);
int cmark_utf8proc_is_space(int32_t uc);
}

TEST_CASE("unicode classes match cmark-gfm") {
  int punct_diff = 0, space_diff = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    bool p = cmark_utf8proc_is_punctuation(static_cast<int32_t>(c)) != 0;
    bool s = cmark_utf8proc_is_space(static_cast<int32_t>(c)) != 0;
    if (p != mmhook::detail::is_unicode_punctuation(c)) ++punct_diff;
    if (s != mmhook::detail::is_unicode_space(c)) ++space_diff;
  }
  CHECK(punct_diff == 0);
  CHECK(space_diff == 0);
}
