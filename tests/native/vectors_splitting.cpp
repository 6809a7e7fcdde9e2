// splitting.json: splitWebhookPost on message + attachment texts + other props.
#include <string>

#include "translate/split.h"
#include "translate/stored.h"
#include "vectors.h"

namespace mmhook::test {
namespace {

json::Value expand_value(const json::Value& v) {
  if (v.is_object() && v.find("$repeat")) return json::Value::from_string(expand_repeat(v));
  return v;
}

std::optional<CaseResult> run(const VectorCase& c) {
  const json::Value& in = c.input;
  const json::Value* max = in.find("max_post_size");
  const json::Value* msg = in.find("message");
  if (!max || !msg) return std::nullopt;
  json::Value base = json::Value::make_object();
  if (const json::Value* other = in.find("other_props"))
    for (const auto& m : other->object) base.set(m.key, expand_value(m.value));
  std::vector<json::Value> atts;
  if (const json::Value* texts = in.find("attachment_texts")) {
    for (const auto& t : texts->array) {
      Attachment a;
      a.text.value = expand_repeat(t);
      atts.push_back(stored_attachment(a));
    }
  }
  SplitResult r = split_webhook_post(expand_repeat(*msg), base, std::move(atts), static_cast<std::int64_t>(max->number));
  const json::Value& ex = c.expected;
  if (ex.is_object()) {
    if (r.ok()) return fail("expected a split error, got " + std::to_string(r.posts.size()) + " posts");
    return pass();
  }
  if (!r.ok()) return fail("unexpected split error");
  if (ex.array.size() != r.posts.size())
    return fail("expected " + std::to_string(ex.array.size()) + " posts, got " + std::to_string(r.posts.size()));
  for (std::size_t i = 0; i < r.posts.size(); ++i) {
    const json::Value& e = ex.array[i];
    const SplitPost& p = r.posts[i];
    auto want_msg = static_cast<std::size_t>(e.find("message_runes")->number);
    if (json::rune_count(p.message) != want_msg)
      return fail("post " + std::to_string(i) + " message runes " + std::to_string(json::rune_count(p.message)));
    const json::Value* texts = e.find("attachment_text_runes");
    if (texts->array.size() != p.attachments.array.size()) return fail("post " + std::to_string(i) + " attachment count");
    for (std::size_t k = 0; k < texts->array.size(); ++k) {
      std::size_t got = json::rune_count(p.attachments.array[k].find("text")->text);
      if (got != static_cast<std::size_t>(texts->array[k].number))
        return fail("post " + std::to_string(i) + " attachment " + std::to_string(k) + " text runes " + std::to_string(got));
    }
    for (const auto& m : e.object) {
      if (m.key.rfind("props_json_runes", 0) != 0) continue;
      std::size_t got = go_json_runes(split_props(base, p));
      if (got != static_cast<std::size_t>(m.value.number))
        return fail("post " + std::to_string(i) + " props runes " + std::to_string(got) + " want " + m.value.text);
    }
  }
  return pass();
}

const bool reg = register_vector_handler("splitting.json", run);

}  // namespace
}  // namespace mmhook::test
