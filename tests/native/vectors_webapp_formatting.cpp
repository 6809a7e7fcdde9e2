// webapp_formatting.json: each text goes through check() as a message (preset "message") or an attachment's text
// (preset "attachment_text"); the element marked data-role="message" / "attachment-text" is compared with the web
// app's HTML by structure as webapp_formatting.md defines. Known divergences are data
// (tests/vectors/divergences/webapp_formatting.json, read by the driver). The pass rate is printed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "mmhook/check.h"
#include "test_markdown_normalize.h"
#include "vectors.h"
#include "webapp_structure.h"

namespace {

using namespace mmhook;
using namespace mmhook::test;

std::string json_string(std::string_view s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') { o.push_back('\\'); o.push_back(static_cast<char>(c)); }
    else if (c < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); o += b; }
    else o.push_back(static_cast<char>(c));
  }
  return o + "\"";
}

struct Tally {
  std::map<std::string, std::pair<int, int>> by_preset;  // preset -> (passed structurally, total)
  ~Tally() {
    for (const auto& [p, n] : by_preset)
      std::printf("webapp_formatting.json [%s]: %d/%d structurally equal (%.1f%%)\n", p.c_str(), n.first, n.second,
                  n.second ? 100.0 * n.first / n.second : 0.0);
  }
};
Tally& tally() {
  static Tally t;
  return t;
}

std::optional<CaseResult> evaluate(const VectorCase& c, bool count) {
  const json::Value* fn = c.input.find("function");
  if (!fn || fn->text != "webapp.formatText") return std::nullopt;
  const json::Value* preset = c.input.find("preset");
  const json::Value* text = c.input.find("text");
  if (!preset || !text) return fail("malformed case");
  bool message = preset->text == "message";
  std::string body = message ? "{\"text\":" + json_string(text->text) + "}"
                             : "{\"attachments\":[{\"text\":" + json_string(text->text) + "}]}";
  CheckRequest req;
  req.content_type = "application/json";
  Report r = check(body, req);
  if (r.posts.empty()) return fail("check() created no post");
  std::string got;
  for (const Post& p : r.posts) got += inner_of_role(p.html, message ? "message" : "attachment-text");
  std::vector<std::string> g = webapp_structure(got), e = webapp_structure(c.expected.text);
  auto& n = tally().by_preset[preset->text];
  if (count) ++n.second;
  if (g == e) { if (count) ++n.first; return pass(); }
  return fail("text " + json_string(text->text) + "\n  expected " + join_tokens(e) + "\n  got      " + join_tokens(g));
}

std::optional<CaseResult> handle(const VectorCase& c) { return evaluate(c, true); }

const bool reg = register_vector_handler("webapp_formatting.json", handle);

}  // namespace
