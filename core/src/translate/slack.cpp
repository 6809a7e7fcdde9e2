// Slack-compatibility translation (spec §4): announcement expansion, user ids, and the two link regexes.
#include "translate/slack.h"

#include <cstddef>

namespace mmhook {

namespace {

bool is_id_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// next[i] = smallest j >= i with stop(text[j]), or text.size(); computed right to left (linear).
template <class Stop>
std::vector<std::size_t> next_stop_table(std::string_view text, Stop stop) {
  std::vector<std::size_t> next(text.size() + 1, text.size());
  for (std::size_t i = text.size(); i-- > 0;) next[i] = stop(static_cast<unsigned char>(text[i])) ? i : next[i + 1];
  return next;
}

void append_link(std::string& out, std::string_view url, std::string_view label) {
  out.push_back('[');
  out.append(label);
  out.append("](");
  out.append(url);
  out.push_back(')');
}

}  // namespace

std::string expand_announcements(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '!') {
      std::string_view rest = text.substr(i);
      std::string_view word;
      if (rest.substr(0, 10) == "<!channel>") word = "@channel";
      else if (rest.substr(0, 7) == "<!here>") word = "@here";
      else if (rest.substr(0, 6) == "<!all>") word = "@all";
      if (!word.empty()) {
        out.append(word);
        i += word.size() + 2;  // "<!" + name + ">" is one longer than "@" + name
        continue;
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

std::string replace_user_ids(std::string_view text, const UserLookup& users) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '<' && i + 2 < text.size() && text[i + 1] == '@') {
      std::size_t j = i + 2;
      while (j < text.size() && is_id_char(static_cast<unsigned char>(text[j]))) ++j;
      if (j > i + 2 && j < text.size() && text[j] == '>') {
        std::optional<std::string> name;
        if (users) name = users(text.substr(i + 2, j - i - 2));
        if (name) {
          out.push_back('@');
          out.append(*name);
        } else {
          out.append(text.substr(i, j + 1 - i));
        }
        i = j + 1;
        continue;
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

std::string process_slack_text(std::string_view text) { return process_slack_text(text, UserLookup{}); }

std::string process_slack_text(std::string_view text, const UserLookup& users) {
  return replace_user_ids(expand_announcements(text), users);
}

namespace {
// Replaces each <g1|g2> by a Markdown link: group 1 runs to the first g1_stop byte, which must be '|'; group 2 to the
// first g2_stop byte, which must be '>'. Group 1 cannot contain '<', so attempts at successive '<' scan disjoint
// runs; group 2's run end comes from a precomputed table, keeping the scan linear.
template <class Stop1, class Stop2>
std::string replace_slack_links(std::string_view text, Stop1 g1_stop, Stop2 g2_stop) {
  if (text.find('|') == std::string_view::npos) return std::string(text);
  const std::vector<std::size_t> g2_end = next_stop_table(text, g2_stop);
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t copied = 0, i = 0;
  while (i < text.size()) {
    if (text[i] != '<') { ++i; continue; }
    std::size_t j = i + 1;
    while (j < text.size() && !g1_stop(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i + 1 || j >= text.size() || text[j] != '|') { ++i; continue; }
    std::size_t k = g2_end[j + 1];
    if (k == j + 1 || k >= text.size() || text[k] != '>') { ++i; continue; }
    out.append(text.substr(copied, i - copied));
    append_link(out, text.substr(i + 1, j - i - 1), text.substr(j + 1, k - j - 1));
    i = copied = k + 1;
  }
  out.append(text.substr(copied));
  return out;
}
}  // namespace

// <([^\n<\|>]+)\|([^\|\n>]+)>
std::string convert_message_links(std::string_view text) {
  return replace_slack_links(
      text, [](unsigned char c) { return c == '\n' || c == '<' || c == '|' || c == '>'; },
      [](unsigned char c) { return c == '|' || c == '\n' || c == '>'; });
}

// <([^<\|]+)\|([^>]+)>: group 1 ends at the first '<' or '|'; group 2 runs to the next '>'.
std::string convert_attachment_links(std::string_view text) {
  return replace_slack_links(
      text, [](unsigned char c) { return c == '<' || c == '|'; }, [](unsigned char c) { return c == '>'; });
}

void process_attachments(std::vector<Attachment>& attachments) { process_attachments(attachments, UserLookup{}); }

void process_attachments(std::vector<Attachment>& attachments, const UserLookup& users) {
  for (Attachment& a : attachments) {
    a.pretext.value = process_slack_text(a.pretext.value, users);
    a.text.value = process_slack_text(a.text.value, users);
    a.title.value = process_slack_text(a.title.value, users);
    if (a.fields) {
      for (Field& f : *a.fields) {
        if (f.value.is_string()) f.value.text = process_slack_text(f.value.text, users);
      }
    }
  }
}

void parse_attachment_links(std::vector<Attachment>& attachments) {
  for (Attachment& a : attachments) {
    a.text.value = convert_attachment_links(a.text.value);
    a.pretext.value = convert_attachment_links(a.pretext.value);
    if (a.fields) {
      for (Field& f : *a.fields) {
        if (f.value.is_string()) f.value.text = convert_attachment_links(f.value.text);
      }
    }
  }
}

}  // namespace mmhook
