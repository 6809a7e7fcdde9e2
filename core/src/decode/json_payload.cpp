// IncomingWebhookRequestFromJSON and the server's control-character repair retry (see json_payload.h).
#include "decode/json_payload.h"

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "decode/json_parse.h"
#include "decode/typed_decoder.h"

namespace mmhook {
namespace {

using detail::OffsetMap;
using json::Value;

// Offsets in the decoded text -> the body: through the repair's map when the text is the repaired one, then `to_body`.
struct TextToBody {
  const BodyMap& to_body;
  const OffsetMap* repair = nullptr;
  std::size_t operator()(std::size_t x) const noexcept { return to_body(repair ? repair->map(x) : x); }
};

// Diagnostics of a JSON syntax failure, located in the body through `to_body`.
void syntax_diagnostic(const detail::JsonParseResult& r, std::string_view text, const TextToBody& to_body, Diagnostics& diags) {
  const std::size_t at = to_body(r.error_offset);
  if (r.empty) return diags.add(Code::json_empty, "", at);
  if (r.depth_exceeded) return diags.add(Code::json_depth, "", at);
  if (r.error_offset == 0 && text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") return diags.add(Code::json_bom, "", 0);
  if (r.error.find("in string literal") != std::string::npos) {
    unsigned char c = static_cast<unsigned char>(text[r.error_offset]);
    std::string name = c == '\n' ? "line feed" : c == '\r' ? "carriage return" : c == '\t' ? "tab" : c == 0 ? "NUL" : "";
    if (name.empty()) {
      name = "U+00";
      name.push_back("0123456789ABCDEF"[c >> 4]);
      name.push_back("0123456789ABCDEF"[c & 0xF]);
    }
    return diags.add(Code::json_control_char, "", at, {name});
  }
  diags.add(Code::json_syntax, "", at, {r.error});
}

void append_diags(Diagnostics& local, Diagnostics& out) {
  for (Diagnostic d : local.items()) out.add(std::move(d));
}

// What follows a decoded document: trailing data after the first value, invalid UTF-8 and lone surrogates.
void after_value(const detail::JsonParseResult& r, std::string_view text, const TextToBody& to_body, Diagnostics& diags) {
  std::size_t trail = r.end;
  while (trail < text.size() && (text[trail] == ' ' || text[trail] == '\t' || text[trail] == '\n' || text[trail] == '\r')) ++trail;
  if (trail < text.size()) diags.add(Code::json_trailing, "", to_body(trail));
  for (const auto& n : r.notes)
    diags.add(n.kind == detail::JsonNoteKind::invalid_utf8 ? Code::json_invalid_utf8 : Code::json_lone_surrogate, "",
              to_body(n.offset));
}

// One warning per repaired string value, at its first repaired character: `fixed` is the escaped text, `tree` the
// document decoded from it (offsets already in the body; the map is monotonic, so order is kept).
void repaired_diagnostics(const Value& tree, std::string_view fixed, const OffsetMap& fix_map,
                          const TextToBody& fixed_to_body, Diagnostics& diags) {
  std::vector<std::pair<const Value*, std::string>> stack{{&tree, ""}};
  std::vector<std::pair<std::size_t, std::string>> strings;  // (offset in fixed, pointer)
  while (!stack.empty()) {
    auto [v, p] = stack.back();
    stack.pop_back();
    if (v->is_string()) strings.emplace_back(v->offset, p);
    for (std::size_t i = 0; i < v->array.size(); ++i) stack.emplace_back(&v->array[i], p + "/" + std::to_string(i));
    for (const auto& m : v->object) stack.emplace_back(&m.value, p + "/" + pointer_token(m.key));
  }
  std::sort(strings.begin(), strings.end());
  std::size_t last_reported_value = static_cast<std::size_t>(-1);
  for (std::size_t i = 0; i < fixed.size(); ++i) {
    if (fixed[i] != '\\' || i + 1 >= fixed.size()) continue;
    if ((fixed[i + 1] == 'n' || fixed[i + 1] == 't') && fix_map.map(i + 1) == fix_map.map(i)) {
      auto it = std::upper_bound(strings.begin(), strings.end(), std::make_pair(fixed_to_body(i), std::string("\xff")));
      if (it != strings.begin() && std::prev(it)->first != last_reported_value) {
        --it;
        last_reported_value = it->first;
        diags.add(Code::json_control_char_repaired, it->second, fixed_to_body(i));
      }
    }
    ++i;
  }
}

// One attempt of IncomingWebhookRequestFromJSON on `text` into out.request and out.go_error; the typed diagnostics
// go to `typed`. The tree's offsets are mapped to the body first, so the Request, its json::Values and the typed
// diagnostics all point into the body. The strings move from r.value into the Request.
bool attempt(std::string_view text, const TextToBody& to_body, detail::JsonParseResult& r, JsonOutcome& out,
             Diagnostics& typed) {
  r = detail::parse_json_go(text);
  if (!r.ok) {
    out.go_error = r.error;
    return false;
  }
  detail::remap_offsets(r.value, to_body);
  out.go_error = decode_typed_request(r.value, out.request, typed);
  return out.go_error.empty();
}

}  // namespace

JsonOutcome decode_json_payload(std::string_view text, const BodyMap& body_map, Diagnostics& diags) {
  const TextToBody to_body{body_map};
  JsonOutcome out;
  detail::JsonParseResult first;
  Diagnostics local;
  if (attempt(text, to_body, first, out, local)) {
    out.ok = true;
    after_value(first, text, to_body, local);
    detail::dismantle(first.value);
    append_diags(local, diags);
    return out;
  }
  detail::dismantle(first.value);
  out.request = Request{};
  // The server retries once on the control-character-escaped body.
  std::string fixed;
  OffsetMap fix_map;
  const bool changed = detail::escape_control_chars(text, fixed, fix_map);
  if (!changed) {
    // Same input, same result: report the first attempt.
    if (!first.ok) syntax_diagnostic(first, text, to_body, diags);
    else append_diags(local, diags);
    return out;
  }
  const TextToBody fixed_to_body{body_map, &fix_map};
  detail::JsonParseResult second;
  Diagnostics local2;
  const bool ok = attempt(fixed, fixed_to_body, second, out, local2);
  if (!second.ok) {
    syntax_diagnostic(second, fixed, fixed_to_body, diags);
    return out;
  }
  append_diags(local2, diags);
  if (ok) {
    out.ok = true;
    out.repaired = true;
    repaired_diagnostics(second.value, fixed, fix_map, fixed_to_body, diags);
    after_value(second, fixed, fixed_to_body, diags);
  } else {
    out.request = Request{};
  }
  detail::dismantle(second.value);
  return out;
}

}  // namespace mmhook
