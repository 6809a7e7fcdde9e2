// Markdown -> HTML with cmark-gfm, configured and post-processed to match the Mattermost web app (spec §6.2).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/settings.h"

namespace mmhook {

struct MarkdownOptions {
  bool enable_latex = false;
  bool enable_inline_latex = true;
  bool enable_svgs = false;
  std::vector<std::string> custom_url_schemes;
  int minimum_hashtag_length = 3;
  bool mention_highlight = true;
  static MarkdownOptions from(const ServerSettings& s);
};

// Full markdown (message, pretext, attachment text, field values, card).
std::string render_markdown(std::string_view text, const MarkdownOptions& opt);

}  // namespace mmhook
