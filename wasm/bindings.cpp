// The check module's binding layer (mmhook.wasm): bytes in, the core's Report JSON out, nothing else. Commands and the
// interactivity simulator are the tools module (bindings_tools.cpp), fetched on first use.
#include <emscripten/bind.h>

#include <optional>
#include <string>

#include "buffers.h"
#include "mmhook/check.h"
#include "mmhook/version.h"

using namespace mmhook_wasm;

namespace {

std::string g_html;                            // check_next(): the posts' HTML, their sizes in g_output
std::optional<mmhook::ReportStream> g_stream;  // the check() whose posts check_next() has still to write

std::uintptr_t html_data() { return reinterpret_cast<std::uintptr_t>(g_html.data()); }

// Checks the first `len` bytes of the input buffer; the Report JSON with "posts":[] is left in the output buffer, and
// check_next() writes the posts. The input is released here: the stream no longer needs the body. utf16: positions
// in UTF-16 code units (the body was a JS string), else bytes.
std::size_t check(std::size_t len, bool has_content_type, const std::string& content_type, const std::string& settings,
                  const std::string& query, const std::string& platform, bool utf16) {
  mmhook::CheckRequest req;
  req.query = query;
  req.platform = platform;
  req.units = utf16 ? mmhook::PositionUnits::utf16 : mmhook::PositionUnits::bytes;
  if (has_content_type) req.content_type = content_type;
  settings_for(settings, req);
  g_stream.reset();
  g_output.clear();
  release_if_large(g_output);
  g_stream.emplace(input(len), req);
  release_if_large(g_input);
  g_stream->head(g_output);
  return g_output.size();
}

// The next posts of the last check(), each rendered now, about `budget` bytes but at least one post: the output buffer
// holds [[html sizes],[posts with "html":""]], html_data() their HTML one after another. 0 once all are written.
std::size_t check_next(std::size_t budget) {
  g_output.clear();
  if (!g_stream || g_stream->done()) {
    g_stream.reset();
    release_if_large(g_output);
    g_html.clear();
    release_if_large(g_html);
    return 0;
  }
  g_stream->next_posts(g_output, g_html, budget);
  return g_output.size();
}

}  // namespace

EMSCRIPTEN_BINDINGS(mmhook) {
  emscripten::function("inputBuffer", &input_buffer);
  emscripten::function("outputData", &output_data);
  emscripten::function("htmlData", &html_data);
  emscripten::function("check", &check);
  emscripten::function("checkNext", &check_next);
  emscripten::function("versions", &mmhook::versions_json);
}
