// RAII owners for cmark-gfm handles and a reusable, extension-configured parser (one per thread).
#pragma once
#include <memory>

#include "cmark-gfm-core-extensions.h"
#include "cmark-gfm.h"

namespace mmhook::detail {

struct CmarkParserDeleter { void operator()(cmark_parser* p) const noexcept { cmark_parser_free(p); } };
struct CmarkNodeDeleter { void operator()(cmark_node* n) const noexcept { cmark_node_free(n); } };
struct CmarkIterDeleter { void operator()(cmark_iter* i) const noexcept { cmark_iter_free(i); } };

using CmarkParser = std::unique_ptr<cmark_parser, CmarkParserDeleter>;
using CmarkNode = std::unique_ptr<cmark_node, CmarkNodeDeleter>;
using CmarkIter = std::unique_ptr<cmark_iter, CmarkIterDeleter>;

// A parser with the table, strikethrough and tasklist extensions attached once. cmark_parser_finish() resets
// the parser, so it is reused for every document. Returns nullptr only if allocation failed.
cmark_parser* shared_parser() noexcept;

// Parses `text` (already preprocessed) into a document, or nullptr on allocation failure.
CmarkNode parse_document(const char* data, std::size_t size) noexcept;

}  // namespace mmhook::detail
