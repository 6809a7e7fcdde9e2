#include "render/cmark_handles.h"

namespace mmhook::detail {

cmark_parser* shared_parser() noexcept {
  thread_local CmarkParser parser = [] {
    cmark_gfm_core_extensions_ensure_registered();
    CmarkParser p(cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE));
    if (p) {
      for (const char* name : {"table", "strikethrough", "tasklist"}) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(p.get(), ext);
      }
    }
    return p;
  }();
  return parser.get();
}

CmarkNode parse_document(const char* data, std::size_t size) noexcept {
  cmark_parser* p = shared_parser();
  if (!p) return nullptr;
  cmark_parser_feed(p, data, size);
  return CmarkNode(cmark_parser_finish(p));
}

}  // namespace mmhook::detail
