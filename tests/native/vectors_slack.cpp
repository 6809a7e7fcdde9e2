// slack_translation.json: ProcessSlackText, ProcessMessageAttachments, the message and attachment link regexes.
#include <map>

#include "translate/slack.h"
#include "vectors.h"

namespace {

using namespace mmhook;
using namespace mmhook::test;

// Placeholder ids like {BasicUser.Id} are not [a-zA-Z0-9]+; they stand for real 26-char ids.
constexpr std::string_view kFixtureId = "basicuser0000000000000000a";

std::string substitute(std::string s, const std::map<std::string, std::string>& ids) {
  for (const auto& [placeholder, id] : ids) {
    std::size_t p;
    while ((p = s.find(placeholder)) != std::string::npos) s.replace(p, placeholder.size(), id);
  }
  return s;
}

UserLookup lookup_from(const json::Value& input, std::map<std::string, std::string>& ids) {
  std::map<std::string, std::string> users;
  if (const json::Value* k = input.find("known_users"); k && k->is_object()) {
    for (const json::Member& m : k->object) {
      std::string id = m.key;
      if (!id.empty() && id.front() == '{') {
        ids[id] = std::string(kFixtureId);
        id = std::string(kFixtureId);
      }
      users[id] = m.value.text;
    }
  }
  return [users](std::string_view id) -> std::optional<std::string> {
    auto it = users.find(std::string(id));
    if (it == users.end()) return std::nullopt;
    return it->second;
  };
}

std::string str(const json::Value* v) { return v && v->is_string() ? v->text : std::string(); }

std::optional<CaseResult> handle(const VectorCase& c) {
  std::map<std::string, std::string> ids;
  UserLookup users = lookup_from(c.input, ids);
  const json::Value* fn = c.input.find("function");
  std::string function = str(fn);
  if (function == "ProcessSlackText") {
    std::string got = process_slack_text(str(c.input.find("text")), users);
    return got == c.expected.text ? pass() : fail("got " + got);
  }
  if (function == "CreateWebhookPost.message") {
    std::string got = convert_message_links(process_slack_text(str(c.input.find("text")), users));
    return got == c.expected.text ? pass() : fail("got " + got);
  }
  if (function == "ProcessMessageAttachments") {
    const json::Value* list = c.input.find("attachments");
    if (!list || !list->is_array() || !c.expected.is_array()) return fail("malformed case");
    std::vector<Attachment> atts;
    for (const json::Value& a : list->array) {
      Attachment at;
      at.pretext.value = substitute(str(a.find("pretext")), ids);
      at.text.value = substitute(str(a.find("text")), ids);
      at.title.value = substitute(str(a.find("title")), ids);
      if (const json::Value* fs = a.find("fields"); fs && fs->is_array()) {
        at.fields.emplace();
        for (const json::Value& f : fs->array) {
          Field field;
          field.title.value = str(f.find("title"));
          if (const json::Value* v = f.find("value")) field.value = json::Value::from_string(substitute(v->text, ids));
          at.fields->push_back(std::move(field));
        }
      }
      atts.push_back(std::move(at));
    }
    process_attachments(atts, users);
    if (atts.size() != c.expected.array.size()) return fail("attachment count");
    for (std::size_t i = 0; i < atts.size(); ++i) {
      const json::Value& e = c.expected.array[i];
      if (atts[i].pretext.value != str(e.find("pretext"))) return fail("pretext: " + atts[i].pretext.value);
      if (atts[i].text.value != str(e.find("text"))) return fail("text: " + atts[i].text.value);
      if (atts[i].title.value != str(e.find("title"))) return fail("title: " + atts[i].title.value);
      const json::Value* ef = e.find("fields");
      for (std::size_t k = 0; ef && atts[i].fields && k < atts[i].fields->size(); ++k) {
        const Field& f = (*atts[i].fields)[k];
        if (f.title.value != str(ef->array[k].find("title"))) return fail("field title");
        if (f.value.text != str(ef->array[k].find("value"))) return fail("field value: " + f.value.text);
      }
    }
    return pass();
  }
  if (function.empty() && c.expected.is_object()) {
    std::string text = str(c.input.find("text"));
    for (const json::Member& m : c.expected.object) {
      std::string got;
      if (m.key.rfind("post_message", 0) == 0) got = convert_message_links(process_slack_text(text, users));
      else if (m.key.rfind("attachment text", 0) == 0) {
        std::vector<Attachment> atts(1);
        atts[0].text.value = text;
        atts[0].fields.emplace(1);
        (*atts[0].fields)[0].value = json::Value::from_string(text);
        process_attachments(atts, users);
        parse_attachment_links(atts);
        got = atts[0].text.value;
        if ((*atts[0].fields)[0].value.text != got) return fail("field value differs from text");
      } else if (m.key.rfind("attachment title", 0) == 0) {
        std::vector<Attachment> atts(1);
        atts[0].title.value = text;
        process_attachments(atts, users);
        parse_attachment_links(atts);
        got = atts[0].title.value;
      } else if (m.key.rfind("attachment fallback", 0) == 0) {
        got = text;  // never translated: nothing in the pipeline touches these fields
      } else {
        return fail("unknown expectation key " + m.key);
      }
      if (got != m.value.text) return fail(m.key + ": got " + got);
    }
    return pass();
  }
  return std::nullopt;
}

const bool reg = register_vector_handler("slack_translation.json", handle);

}  // namespace
