// Markdown rendering of arbitrary text with option sets chosen by input hash: full renderer, link-only renderer
// (attachment titles) and plain-text renderer (field titles, labels). Every output passes the strict HTML checker
// and rendering is deterministic.
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "html_check.h"
#include "render/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mmhook;
  const std::string_view text = fuzz::as_view(data, size);
  std::uint64_t h = fuzz::input_hash(text);

  MarkdownOptions opt = MarkdownOptions::from(fuzz::settings_for(text));
  opt.at_mentions = h & (1u << 20);
  opt.resolve_emoji = !(h & (1u << 21));
  opt.emoticons = !(h & (1u << 22));
  opt.unsafe_links = h & (1u << 23);
  opt.inline_img_container = !(h & (1u << 24));
  opt.jumbo = h & (1u << 25);
  opt.mention_highlight = !(h & (1u << 26));
  if (h & (1u << 27)) {
    opt.channel_names = {{"town-square", "Town <Square>"}, {"off-topic", "\"Off\" & 'topic'"}};
    opt.team_name = "team\"<x>";
  }
  if (h & (1u << 28)) opt.mention_keys.push_back("<b onmouseover=alert(1)>");

  fuzz::HtmlPolicy policy;
  policy.extra_schemes = opt.custom_url_schemes;

  const std::string full = render_markdown(text, opt);
  std::string v = fuzz::html_violation(full, policy);
  MMHOOK_FUZZ_REQUIRE(v.empty(), "render_markdown output outside the allow-list", v);
  MMHOOK_FUZZ_REQUIRE(full == render_markdown(text, opt), "render_markdown is not deterministic", std::string(text));

  const std::string link_only = render_link_only(text, opt, h & 1);
  v = fuzz::html_violation(link_only, policy);
  MMHOOK_FUZZ_REQUIRE(v.empty(), "render_link_only output outside the allow-list", v);

  const std::string plain = render_plain_text(text, opt, h & 2);
  v = fuzz::html_violation(plain, policy);
  MMHOOK_FUZZ_REQUIRE(v.empty(), "render_plain_text output outside the allow-list", v);

  (void)parse_image_dimensions(text);
  return 0;
}
