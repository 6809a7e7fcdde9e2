// rest.json: the REST API follow-up (rest_follow_up), each case naming the Mattermost source of its rule.
#include <string>

#include "mmhook/rest.h"
#include "mmhook/settings.h"
#include "vectors.h"

namespace mmhook::test {
namespace {

std::string text_of(const json::Value& v) { return v.is_string() ? v.text : json::write(v); }

// Resolves a JSON Pointer (no escapes needed by the cases) in `root`.
const json::Value* at_pointer(const json::Value& root, std::string_view ptr) {
  const json::Value* v = &root;
  std::size_t i = 0;
  while (i < ptr.size() && v) {
    std::size_t j = ptr.find('/', i + 1);
    if (j == std::string_view::npos) j = ptr.size();
    std::string tok(ptr.substr(i + 1, j - i - 1));
    if (v->is_object()) v = v->find(tok);
    else if (v->is_array() && !tok.empty() && tok.find_first_not_of("0123456789") == std::string::npos && std::stoul(tok) < v->array.size())
      v = &v->array[std::stoul(tok)];
    else v = nullptr;
    i = j;
  }
  return v;
}

std::optional<CaseResult> run(const VectorCase& c) {
  const json::Value& ex = c.expected;
  CheckRequest req;
  req.content_type = "application/json";
  if (const json::Value* s = c.input.find("settings")) req.settings = settings_from_json(json::write(*s));
  RestOptions o = rest_options_from_json(json::write(*c.input.find("options")));
  RestFollowUp r = rest_follow_up(text_of(*c.input.find("payload")), req, o);
  std::string codes;
  for (const Diagnostic& d : r.diagnostics) codes += d.code + " ";
  auto has = [&](const std::string& code) {
    for (const Diagnostic& d : r.diagnostics)
      if (d.code == code) return true;
    return false;
  };
  if (const json::Value* cs = ex.find("codes"))
    for (const json::Value& x : cs->array)
      if (!has(x.text)) return fail("missing code " + x.text + " in " + codes);
  if (const json::Value* cs = ex.find("absent_codes"))
    for (const json::Value& x : cs->array)
      if (has(x.text)) return fail("unexpected code " + x.text);
  if (ex.find("no_request")) {
    if (r.request || !r.command.empty()) return fail("a request was built");
    return pass();
  }
  if (!r.request) return fail("no request: " + codes);
  if (const json::Value* u = ex.find("url"); u && r.request->url != u->text) return fail("url " + r.request->url);
  if (const json::Value* a = ex.find("authorization"); a && r.request->headers.front().second != a->text)
    return fail("authorization " + r.request->headers.front().second);
  if (const json::Value* b = ex.find("body"); b && r.request->body != b->text) return fail("body " + r.request->body);
  if (const json::Value* l = ex.find("command_lacks"); l && r.command.find(l->text) != std::string::npos)
    return fail("command has " + l->text);
  json::Value body = parse_json_for_test(r.request->body);
  if (const json::Value* ps = ex.find("pointers")) {
    for (const json::Member& m : ps->object) {
      const json::Value* got = at_pointer(body, m.key);
      if (!got) return fail("no " + m.key + " in " + r.request->body);
      if (json::write(*got) != json::write(m.value)) return fail(m.key + " is " + json::write(*got));
    }
  }
  if (const json::Value* ps = ex.find("absent_pointers"))
    for (const json::Value& p : ps->array)
      if (at_pointer(body, p.text)) return fail(p.text + " present in " + r.request->body);
  return pass();
}

const bool registered = register_vector_handler("rest.json", run);

}  // namespace
}  // namespace mmhook::test
