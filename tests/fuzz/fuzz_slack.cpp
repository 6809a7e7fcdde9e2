// Slack translation on arbitrary text: the hand-written link scanners against a naive reference of the two Go
// regexes, announcement expansion against literal replacement, the attachment pipeline, and the rendered result.
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "html_check.h"
#include "render/markdown.h"
#include "translate/slack.h"

namespace {

// Reference for `<([^A]+)\|([^B]+)>` -> `[$2]($1)`, leftmost-first, non-overlapping. Both classes exclude '|'
// (first) and '>' (second), so each group is the maximal run; quadratic at worst, fine for fuzz-sized inputs.
std::string reference_links(std::string_view s, std::string_view not_in_url, std::string_view not_in_label) {
  std::string out;
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    if (s[i] == '<') {
      std::size_t j = i + 1;
      while (j < n && not_in_url.find(s[j]) == std::string_view::npos) ++j;
      if (j > i + 1 && j < n && s[j] == '|') {
        std::size_t k = j + 1;
        while (k < n && not_in_label.find(s[k]) == std::string_view::npos) ++k;
        if (k > j + 1 && k < n && s[k] == '>') {
          out += '[';
          out.append(s.substr(j + 1, k - j - 1));
          out += "](";
          out.append(s.substr(i + 1, j - i - 1));
          out += ')';
          i = k + 1;
          continue;
        }
      }
    }
    out += s[i];
    ++i;
  }
  return out;
}

std::string reference_announcements(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    bool done = false;
    for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"<!channel>", "@channel"},
                            {"<!here>", "@here"}, {"<!all>", "@all"}}) {
      if (s.substr(i, from.size()) == from) { out += to; i += from.size(); done = true; break; }
    }
    if (!done) out += s[i++];
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mmhook;
  const std::string_view text = fuzz::as_view(data, size);
  using std::string_view_literals::operator""sv;
  const std::string_view msg_url = "\n<|>"sv, msg_label = "|\n>"sv, att_url = "<|"sv, att_label = ">"sv;

  const std::string msg = convert_message_links(text);
  MMHOOK_FUZZ_REQUIRE(msg == reference_links(text, msg_url, msg_label), "convert_message_links differs from the Go regex",
                      std::string(text));
  const std::string att = convert_attachment_links(text);
  MMHOOK_FUZZ_REQUIRE(att == reference_links(text, att_url, att_label), "convert_attachment_links differs from the Go regex",
                      std::string(text));
  const std::string ann = expand_announcements(text);
  MMHOOK_FUZZ_REQUIRE(ann == reference_announcements(text), "expand_announcements differs from literal replacement",
                      std::string(text));
  const std::string processed = process_slack_text(text);
  MMHOOK_FUZZ_REQUIRE(processed == ann, "process_slack_text without a user directory changed more than announcements",
                      std::string(text));

  // A directory that knows ids starting with 'u': the result must not depend on anything but the text.
  const UserLookup users = [](std::string_view id) -> std::optional<std::string> {
    if (!id.empty() && id[0] == 'u') return "user." + std::string(id.substr(1));
    return std::nullopt;
  };
  const std::string with_users = process_slack_text(text, users);
  MMHOOK_FUZZ_REQUIRE(with_users == process_slack_text(text, users), "process_slack_text is not deterministic", std::string(text));

  // The attachment pipeline as the server runs it.
  std::vector<Attachment> atts(1);
  Attachment& a = atts[0];
  a.pretext.value = a.text.value = a.title.value = a.footer.value = std::string(text);
  a.pretext.present = a.text.present = a.title.present = a.footer.present = true;
  Field f;
  f.title.value = std::string(text);
  f.title.present = true;
  f.value = json::Value::from_string(std::string(text));
  a.fields = std::vector<Field>{f};
  process_attachments(atts);
  parse_attachment_links(atts);
  const std::string att_expected = reference_links(ann, att_url, att_label);
  MMHOOK_FUZZ_REQUIRE(atts.size() == 1, "process_attachments dropped a non-empty attachment", std::string(text));
  MMHOOK_FUZZ_REQUIRE(atts[0].text.value == att_expected, "attachment text translation differs", std::string(text));
  MMHOOK_FUZZ_REQUIRE(atts[0].pretext.value == att_expected, "attachment pretext translation differs", std::string(text));
  MMHOOK_FUZZ_REQUIRE(atts[0].title.value == ann, "attachment title must get announcements only", std::string(text));
  MMHOOK_FUZZ_REQUIRE(atts[0].footer.value == std::string(text), "attachment footer must not be translated", std::string(text));

  // The translated message renders inside the allow-list.
  MarkdownOptions opt;
  const std::string html = render_markdown(reference_links(processed, msg_url, msg_label), opt);
  const std::string v = fuzz::html_violation(html);
  MMHOOK_FUZZ_REQUIRE(v.empty(), "HTML of a translated message outside the allow-list", v);
  return 0;
}
