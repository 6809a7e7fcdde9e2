// Helpers shared by the interactivity simulators: Go encoding/json field lookup, type names, positions, the
// placeholder values, the integration-URL rules (§2.5) and serialisation of simulated HTTP requests.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/diagnostic.h"
#include "mmhook/interact.h"
#include "mmhook/json.h"

namespace mmhook::interact {

inline constexpr std::string_view kSessionToken = "mmhooksimulatedsession0000";
inline constexpr std::string_view kClientTriggerId = "mmhooksimulatedtrigger0000";

// The member Go's decoder assigns to struct field `name`: the last key equal to it under Unicode case folding.
const json::Value* go_field(const json::Value& obj, std::string_view name, const json::Member** member = nullptr);
// True when `key` folds to one of `names`.
bool go_key_is(std::string_view key, std::initializer_list<std::string_view> names);
// "a string", "a number", "an object", ...
std::string kind_name(const json::Value& v);
// The Go type a decoder expects for a field (null always decodes), and its name in messages ("an integer", ...).
enum class Want { string, boolean, object, array, int64, any, string_array };
const char* want_name(Want w);
// Byte offset of the value at JSON Pointer `ptr` in `root` (case-insensitive keys, as Go matches fields), or nullopt.
std::optional<std::size_t> offset_of(const json::Value& root, std::string_view ptr);
// Nesting depth of v (iterative).
std::size_t depth_of(const json::Value& v);
inline constexpr std::size_t kMaxDepth = 256;
// Standard padded base64.
std::string base64(std::string_view in);
std::optional<std::string> unbase64(std::string_view in);
// The unsigned placeholder trigger: base64 of "<client id>:<user id>:<made>:<base64 'not-signed-by-mmhook'>".
std::string placeholder_trigger(const SimContext& c, std::int64_t made_millis = 0);

// Outcome of §2.5 for one integration URL.
struct UrlVerdict {
  enum Kind { http, plugin, unsupported } kind = http;
  bool forbidden = false;    // a literal reserved address (or localhost) not allowed by the setting
  bool same_site = false;    // bearer token added, trusted
  std::string host;          // hostname without port/brackets
  std::string plugin_id;     // plugin path: the plugin
  std::string plugin_url;    // plugin path: "plugins/<id>/<rest>"
  std::string why;           // unsupported: reason
};
UrlVerdict classify_url(std::string_view url, const SimContext& c, Diagnostics& diags, const std::string& path,
                        std::size_t offset);

// The headers Go's client sends for a JSON POST to the integration (§2.4), plus extras.
HttpRequest json_post(const std::string& url, const std::string& body, const UrlVerdict& v, const SimContext& c);
void write_http_request(std::string& out, const HttpRequest& r);
void write_diagnostics(std::string& out, const std::vector<Diagnostic>& ds);
void write_error(std::string& out, const std::optional<ErrorBody>& e);

// Truncated for messages: at most 80 code points, controls kept (the front ends make text safe).
std::string clip(std::string_view s, std::size_t max = 80);

}  // namespace mmhook::interact
