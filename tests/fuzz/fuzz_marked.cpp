// The web dialect's parser (render/web, Mattermost's marked fork grammar) and the mobile dialect on the same text,
// with option sets chosen by input hash. Every output passes the strict HTML checker (so no javascript:, vbscript:
// or non-image data: URL, however obfuscated, reaches href or src), rendering is deterministic, and the web
// scanner's work stays within its linear budget.
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "html_check.h"
#include "render/markdown.h"
#include "render/normalize_text.h"
#include "render/web/marked.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mmhook;
  const std::string_view text = fuzz::as_view(data, size);
  const std::uint64_t h = fuzz::input_hash(text);

  MarkdownOptions opt = MarkdownOptions::from(fuzz::settings_for(text));
  opt.at_mentions = h & (1u << 20);
  opt.resolve_emoji = !(h & (1u << 21));
  opt.unsafe_links = h & (1u << 23);
  opt.inline_img_container = !(h & (1u << 24));
  opt.jumbo = h & (1u << 25);
  if (h & (1u << 27)) {
    opt.channel_names = {{"town-square", "Town <Square>"}};
    opt.team_name = "team\"<x>";
  }

  fuzz::HtmlPolicy policy;
  policy.extra_schemes = opt.custom_url_schemes;

  std::size_t work = 0;
  const std::string web = web::render_markdown(text, opt, &work);
  std::string v = fuzz::html_violation(web, policy);
  MMHOOK_FUZZ_REQUIRE(v.empty(), "web dialect output outside the allow-list", v);
  MMHOOK_FUZZ_REQUIRE(web == web::render_markdown(text, opt), "web dialect is not deterministic", std::string(text));
  // The scanner's search budget is 64 steps per normalised byte + 4096; linear passes count on top of it.
  const std::size_t n = detail::normalize_message_text(text, true).size();
  const std::size_t bound = 3 * (64 * n + 4096);
  MMHOOK_FUZZ_REQUIRE(work <= bound, "web dialect work beyond its linear budget",
                      std::to_string(work) + " steps for " + std::to_string(size) + " bytes");
  MMHOOK_FUZZ_REQUIRE(web == render_markdown(text, Dialect::web, opt), "render_markdown(web) differs from web::render_markdown",
                      std::string(text));

  const std::string mobile = render_markdown(text, Dialect::mobile, opt);
  v = fuzz::html_violation(mobile, policy);
  MMHOOK_FUZZ_REQUIRE(v.empty(), "mobile dialect output outside the allow-list", v);
  return 0;
}
