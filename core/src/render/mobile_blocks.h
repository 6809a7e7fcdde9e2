// The mobile app's block rules where they differ from cmark-gfm's (Dialect::mobile).
#pragma once
#include <string>
#include <string_view>

#include "render/cmark_handles.h"

namespace mmhook::detail {

// The literal of the HTML block parse_mobile_document() inserts; the renderer draws nothing for it.
inline constexpr std::string_view kMobileBreak = "<!--\xEE\x80\x81-->";

// Parses `src` (preprocessed) as @mattermost/commonmark structures it. That parser never continues a list item's
// paragraph lazily with a line that has no indent: the line ends the item (and every container it did not match)
// and starts a new paragraph; cmark-gfm continues the paragraph. Before each such line a kMobileBreak block is
// inserted into `src` so that cmark-gfm ends the item there too. nullptr on allocation failure.
CmarkNode parse_mobile_document(std::string& src);

}  // namespace mmhook::detail
