// THIN SLICE (to be replaced by the whole-post renderer).
#include "mmhook/render.h"

#include "mmhook/markdown.h"

namespace mmhook {

std::string render_post(const Post& post, const ServerSettings& settings) {
  std::string out = "<div class=\"mm-post\"><div class=\"mm-post__body\">";
  out += render_markdown(post.message, MarkdownOptions::from(settings));
  out += "</div></div>";
  return out;
}

}  // namespace mmhook
