// Which app's Markdown dialect draws a text: the web and desktop apps (Mattermost's marked fork) or the mobile app
// (@mattermost/commonmark, CommonMark with Mattermost's extensions). The one switch point between the renderers.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace mmhook {

struct MarkdownOptions;

enum class Dialect { web, mobile };

// "web" or "mobile" (exact, lower case); anything else -> nullopt.
std::optional<Dialect> dialect_from_string(std::string_view name) noexcept;

// Full markdown in `dialect`: web -> render/web/marked (the marked fork's grammar), mobile -> cmark-gfm with
// @mattermost/commonmark's differences (render/dialect_mobile.cpp, absent from the check module). Defined in markdown.cpp.
std::string render_markdown(std::string_view text, Dialect dialect, const MarkdownOptions& opt);

}  // namespace mmhook
