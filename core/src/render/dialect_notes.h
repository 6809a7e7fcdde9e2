// Where the web/desktop apps and the mobile app structure a Markdown text differently (codes/dialect.def).
// A light line scanner over the source, independent of both renderers; linear in the text.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/diagnostic.h"

namespace mmhook {

struct DialectNote {
  Code code;
  std::size_t line = 1;         // 1-based line of the construct in the text
  std::size_t at = 0;           // byte offset of the construct in the text (its first non-blank byte, or the `\`)
  std::string arg2, arg3;       // {2}, {3} of the message (quoted construct, suggested fix)
};

// At most one note per code and text (the first place), in line order.
std::vector<DialectNote> dialect_notes(std::string_view text);

}  // namespace mmhook
