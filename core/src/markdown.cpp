// THIN SLICE (to be replaced by the web-app-faithful renderer): plain cmark-gfm with GFM extensions, safe mode.
#include "mmhook/markdown.h"

#include <memory>

#include "cmark-gfm-core-extensions.h"
#include "cmark-gfm.h"

namespace mmhook {

MarkdownOptions MarkdownOptions::from(const ServerSettings& s) {
  MarkdownOptions o;
  o.enable_latex = s.enable_latex;
  o.enable_inline_latex = s.enable_inline_latex;
  o.enable_svgs = s.enable_svgs;
  o.custom_url_schemes = s.custom_url_schemes;
  o.minimum_hashtag_length = static_cast<int>(s.minimum_hashtag_length);
  return o;
}

std::string render_markdown(std::string_view text, const MarkdownOptions&) {
  cmark_gfm_core_extensions_ensure_registered();
  struct ParserDel { void operator()(cmark_parser* p) const { cmark_parser_free(p); } };
  struct NodeDel { void operator()(cmark_node* n) const { cmark_node_free(n); } };
  const int opts = CMARK_OPT_DEFAULT;
  std::unique_ptr<cmark_parser, ParserDel> parser(cmark_parser_new(opts));
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), text.data(), text.size());
  std::unique_ptr<cmark_node, NodeDel> doc(cmark_parser_finish(parser.get()));
  char* html = cmark_render_html(doc.get(), opts, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  cmark_get_default_mem_allocator()->free(html);
  return out;
}

}  // namespace mmhook
