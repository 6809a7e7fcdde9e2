// IncomingWebhookRequestFromJSON and the server's control-character repair retry (see json_payload.h).
#include "decode/json_payload.h"

#include <algorithm>
#include <cstdio>

#include "decode/json_parse.h"
#include "decode/typed_decoder.h"

namespace mmhook {
namespace {

using detail::OffsetMap;
using json::Value;

// Diagnostics of a JSON syntax failure, located in the body through `to_body`.
template <class Map>
void syntax_diagnostic(const detail::JsonParseResult& r, std::string_view text, Map&& to_body, Diagnostics& diags) {
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

template <class Map>
void remap_diags(Diagnostics& local, Map&& to_body, Diagnostics& out) {
  for (Diagnostic d : local.items()) {
    d.offset = to_body(d.offset);
    out.add(std::move(d));
  }
}

}  // namespace

JsonOutcome decode_json_payload(std::string_view text, const BodyMap& to_body, Diagnostics& diags) {
  JsonOutcome out;
  detail::JsonParseResult first = detail::parse_json_go(text);
  Diagnostics local;
  Request req;
  if (first.ok) {
    if (decode_typed_request(first.value, req, local).empty()) {
      out.ok = true;
      out.go_error.clear();
      std::size_t trail = first.end;
      while (trail < text.size() && (text[trail] == ' ' || text[trail] == '\t' || text[trail] == '\n' || text[trail] == '\r')) ++trail;
      if (trail < text.size()) local.add(Code::json_trailing, "", trail);
      for (const auto& n : first.notes)
        local.add(n.kind == detail::JsonNoteKind::invalid_utf8 ? Code::json_invalid_utf8 : Code::json_lone_surrogate, "", n.offset);
      req.root = std::move(first.value);
      detail::remap_offsets(req.root, to_body);
      out.request = std::move(req);
      remap_diags(local, to_body, diags);
      return out;
    }
  }
  // The server retries once on the control-character-escaped body.
  std::string fixed;
  OffsetMap fix_map;
  const bool changed = detail::escape_control_chars(text, fixed, fix_map);
  if (!changed) {
    // Same input, same result: report the first attempt.
    if (!first.ok) {
      syntax_diagnostic(first, text, to_body, diags);
      out.go_error = first.error;
      return out;
    }
    Diagnostics typed_local;
    Request scratch;
    out.go_error = decode_typed_request(first.value, scratch, typed_local);
    remap_diags(typed_local, to_body, diags);
    detail::dismantle(first.value);
    detail::dismantle(scratch.root);
    return out;
  }
  auto fixed_to_body = [&](std::size_t x) { return to_body(fix_map.map(x)); };
  detail::JsonParseResult second = detail::parse_json_go(fixed);
  if (!second.ok) {
    syntax_diagnostic(second, fixed, fixed_to_body, diags);
    out.go_error = second.error;
    return out;
  }
  Diagnostics local2;
  Request req2;
  const std::string typed_error = decode_typed_request(second.value, req2, local2);
  remap_diags(local2, fixed_to_body, diags);
  if (!typed_error.empty()) {
    out.go_error = typed_error;
    detail::dismantle(second.value);
    return out;
  }
  out.ok = true;
  out.repaired = true;
  // One warning per repaired string value, at its first repaired character.
  {
    std::size_t pos = 0;
    std::size_t last_reported_value = static_cast<std::size_t>(-1);
    std::vector<std::pair<const Value*, std::string>> stack{{&second.value, ""}};
    std::vector<std::pair<std::size_t, std::string>> strings;  // (offset in fixed, pointer)
    while (!stack.empty()) {
      auto [v, p] = stack.back();
      stack.pop_back();
      if (v->is_string()) strings.emplace_back(v->offset, p);
      for (std::size_t i = 0; i < v->array.size(); ++i) stack.emplace_back(&v->array[i], p + "/" + std::to_string(i));
      for (const auto& m : v->object) stack.emplace_back(&m.value, p + "/" + pointer_token(m.key));
    }
    std::sort(strings.begin(), strings.end());
    for (std::size_t i = 0; i < fixed.size(); ++i) {
      if (fixed[i] != '\\' || i + 1 >= fixed.size()) continue;
      if ((fixed[i + 1] == 'n' || fixed[i + 1] == 't') && fix_map.map(i + 1) == fix_map.map(i)) {
        auto it = std::upper_bound(strings.begin(), strings.end(), std::make_pair(i, std::string("\xff")));
        if (it == strings.begin()) continue;
        --it;
        if (it->first == last_reported_value) continue;
        last_reported_value = it->first;
        diags.add(Code::json_control_char_repaired, it->second, fixed_to_body(i));
      }
      ++i;
      (void)pos;
    }
  }
  std::size_t trail = second.end;
  while (trail < fixed.size() && (fixed[trail] == ' ' || fixed[trail] == '\t' || fixed[trail] == '\n' || fixed[trail] == '\r')) ++trail;
  if (trail < fixed.size()) diags.add(Code::json_trailing, "", fixed_to_body(trail));
  for (const auto& n : second.notes)
    diags.add(n.kind == detail::JsonNoteKind::invalid_utf8 ? Code::json_invalid_utf8 : Code::json_lone_surrogate, "",
              fixed_to_body(n.offset));
  req2.root = std::move(second.value);
  detail::remap_offsets(req2.root, fixed_to_body);
  out.request = std::move(req2);
  return out;
}

}  // namespace mmhook
