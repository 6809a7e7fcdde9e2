// The check module's binding layer (mmhook.wasm): bytes in, the core's Report JSON out, nothing else. Commands and the
// interactivity simulator are the tools module (bindings_tools.cpp), fetched on first use.
#include <emscripten/bind.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "buffers.h"
#include "mmhook/check.h"
#include "mmhook/version.h"

using namespace mmhook_wasm;

namespace {

std::string g_html;                            // the last batch's posts' HTML, their sizes in its JSON
std::optional<mmhook::ReportStream> g_stream;  // the check() whose posts check_next() has still to write

// Where a check()/check_next() left its batch, read by JS from the address they return: the UTF-8 JSON text (the core's
// [Report or [posts], [html byte sizes]]), the posts' HTML one after another, and whether check_next() has more.
struct Batch {
  std::uint32_t json, json_size, html, html_size, more;
};
Batch g_batch;

std::uintptr_t batch_out() {
  const bool more = g_stream && !g_stream->done();
  g_batch = {static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(g_output.data())),
             static_cast<std::uint32_t>(g_output.size()),
             static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(g_html.data())),
             static_cast<std::uint32_t>(g_html.size()), more ? 1u : 0u};
  if (!more) g_stream.reset();
  return reinterpret_cast<std::uintptr_t>(&g_batch);
}

// Checks one request from the input buffer: its content type (ct_len < 0: no header), settings JSON, query and
// platform, then the body, one after another. Writes the Report with the first posts (about `budget` bytes, see
// ReportStream::first_posts) and returns the Batch's address; check_next() writes the rest. The input is released
// here. utf16: positions in UTF-16 code units (the body was a JS string), else bytes.
std::uintptr_t check(int ct_len, std::size_t settings_len, std::size_t query_len, std::size_t platform_len,
                     std::size_t body_len, bool utf16, std::size_t budget) {
  const std::size_t ct = ct_len < 0 ? 0 : static_cast<std::size_t>(ct_len);
  const std::string_view in = input(ct + settings_len + query_len + platform_len + body_len);
  std::size_t at = 0;
  auto next = [&](std::size_t n) {
    const std::string_view s = in.substr(std::min(at, in.size()), n);
    at += n;
    return s;
  };
  mmhook::CheckRequest req;
  if (ct_len >= 0) req.content_type = std::string(next(ct));
  const std::string_view settings = next(settings_len);
  req.query = next(query_len);
  req.platform = next(platform_len);
  req.units = utf16 ? mmhook::PositionUnits::utf16 : mmhook::PositionUnits::bytes;
  settings_for(settings, req);
  g_stream.reset();
  g_output.clear();
  release_if_large(g_output);
  g_html.clear();
  release_if_large(g_html);
  g_stream.emplace(next(body_len), std::move(req));
  release_if_large(g_input);
  g_stream->first_posts(g_output, g_html, budget);
  return batch_out();
}

// The next posts of the last check(), each rendered now, about `budget` bytes but at least one post (see
// ReportStream::next_posts); returns the Batch's address. Called only while the last Batch said "more".
std::uintptr_t check_next(std::size_t budget) {
  g_output.clear();
  g_html.clear();
  if (g_stream && !g_stream->done()) g_stream->next_posts(g_output, g_html, budget);
  return batch_out();
}

}  // namespace

EMSCRIPTEN_BINDINGS(mmhook) {
  emscripten::function("inputBuffer", &input_buffer);
  emscripten::function("outputData", &output_data);  // the tools module's calls
  emscripten::function("check", &check);
  emscripten::function("checkNext", &check_next);
  emscripten::function("versions", &mmhook::versions_json);
}
