#include "translate/split.h"

#include "common/json_size.h"
#include "common/utf8.h"

namespace mmhook {
namespace {

// Runes of {base..., "attachments":[a1,...,an]} given the parts' rune counts.
std::size_t props_runes(std::size_t base_runes, bool base_empty, std::size_t count, std::size_t sum) noexcept {
  if (count == 0) return base_runes;
  return base_runes + (base_empty ? 0 : 1) + 14 /* "attachments": */ + 2 + sum + (count - 1);
}

}  // namespace

std::size_t rune_prefix_bytes(std::string_view s, std::size_t n) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  for (std::size_t r = 0; r < n && i < s.size(); ++r) i += utf8_rune_len(p, i, s.size());
  return i;
}

std::size_t go_json_runes(const json::Value& v) {
  return json::written_size(v, true).runes;
}

json::Value split_props(const json::Value& base_props, const SplitPost& post) {
  json::Value props = base_props.is_object() ? base_props : json::Value::make_object();
  if (!post.attachments.array.empty()) props.set("attachments", post.attachments);
  return props;
}

SplitResult split_webhook_post(std::string_view message, const json::Value& base_props,
                               std::vector<json::Value> attachments, std::int64_t max_post_size) {
  SplitResult res;
  const std::size_t max = max_post_size < 1 ? 1 : static_cast<std::size_t>(max_post_size);
  const std::size_t base_runes = go_json_runes(base_props.is_object() ? base_props : json::Value::make_object());
  const bool base_empty = !base_props.is_object() || base_props.object.empty();
  if (base_runes > kPostPropsMaxUserRunes) {
    res.error = SplitError::props_too_large;
    res.error_runes = base_runes;
    return res;
  }

  std::string_view rest = message;
  std::size_t offset = 0;
  std::size_t remaining = json::rune_count(rest);
  while (remaining > max) {
    std::size_t cut = rune_prefix_bytes(rest, max);
    SplitPost p;
    p.message = std::string(rest.substr(0, cut));
    p.message_rune_offset = offset;
    res.posts.push_back(std::move(p));
    rest.remove_prefix(cut);
    offset += max;
    remaining -= max;
  }
  SplitPost last;
  last.message = std::string(rest);
  last.message_rune_offset = offset;
  res.posts.push_back(std::move(last));
  const std::size_t total_runes = offset + remaining;

  std::size_t count = 0, sum = 0;  // attachments in the last split and the sum of their JSON runes
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    json::Value& att = attachments[i];
    std::size_t r = go_json_runes(att);
    for (;;) {
      std::size_t rc = props_runes(base_runes, base_empty, count + 1, sum + r);
      if (rc <= kPostPropsMaxUserRunes) {
        res.posts.back().attachments.array.push_back(std::move(att));
        ++count;
        sum += r;
        break;
      }
      if (count > 0) {
        SplitPost p;
        p.message_rune_offset = total_runes;
        res.posts.push_back(std::move(p));
        res.events.push_back(SplitEvent{SplitEvent::Kind::moved, i, res.posts.size() - 1, 0});
        count = 0;
        sum = 0;
        continue;
      }
      const std::size_t need = rc - kPostPropsMaxUserRunes;
      json::Value* text = att.is_object() ? att.find("text") : nullptr;
      const std::size_t text_runes = (text && text->is_string()) ? json::rune_count(text->text) : 0;
      if (text_runes < need) {
        res.error = SplitError::attachment_too_large;
        res.error_attachment = i;
        res.error_runes = need;
        res.posts.clear();
        res.events.clear();
        return res;
      }
      if (text) text->text.resize(rune_prefix_bytes(text->text, text_runes - need));
      res.events.push_back(SplitEvent{SplitEvent::Kind::truncated, i, res.posts.size() - 1, need});
      r = go_json_runes(att);
      res.posts.back().attachments.array.push_back(std::move(att));
      ++count;
      sum += r;
      break;
    }
  }
  return res;
}

}  // namespace mmhook
