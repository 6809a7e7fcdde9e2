// emoticons.json: handleEmoticons (token placeholders) and matchEmoticons.
#include "render/text_format.h"
#include "render/markdown.h"
#include "vectors.h"

namespace {

using namespace mmhook;
using namespace mmhook::test;

std::optional<CaseResult> handle(const VectorCase& c) {
  const json::Value* fn = c.input.find("function");
  const json::Value* args = c.input.find("args");
  if (!fn || !args || !args->is_array() || args->array.empty()) return std::nullopt;
  const std::string& text = args->array[0].text;
  if (fn->text == "Emoticons.handleEmoticons") {
    bool as_emoji = !(args->array.size() > 2 && args->array[2].kind == json::Kind::boolean && !args->array[2].boolean);
    std::string got = detail::tokenize_emoticons(text, true, as_emoji);
    return got == c.expected.text ? pass() : fail("got " + got);
  }
  if (fn->text == "Emoticons.matchEmoticons") {
    // the web app first strips markdown (code, link targets) with a text-only renderer
    std::string cleaned = markdown_mentionable_text(text);
    std::vector<std::string> got = detail::match_emoticons_in(cleaned);
    if (c.expected.is_null()) return got.empty() ? pass() : fail("expected no match, got " + got.front());
    if (!c.expected.is_array() || c.expected.array.size() != got.size()) return fail("count " + std::to_string(got.size()));
    for (std::size_t i = 0; i < got.size(); ++i)
      if (got[i] != c.expected.array[i].text) return fail("item " + std::to_string(i) + ": " + got[i]);
    return pass();
  }
  return std::nullopt;
}

const bool reg = register_vector_handler("emoticons.json", handle);

}  // namespace
