// The web/desktop dialect: Markdown -> HTML following the grammar of Mattermost's marked fork (block rules,
// inline rules, renderer overrides, formatText's inline-image pass), written as a linear-time scanner.
// Text runs go through detail::format_text; links and images through the same URL policy as the cmark path.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "render/markdown.h"

namespace mmhook::web {

// `work`, when given, receives the number of scanner steps taken (tests assert it grows linearly with input).
std::string render_markdown(std::string_view text, const MarkdownOptions& opt, std::size_t* work = nullptr);
// render_link_only (render/markdown.h) through the same lexer.
std::string render_link_only(std::string_view text, const MarkdownOptions& opt, bool format_emoji);

}  // namespace mmhook::web
