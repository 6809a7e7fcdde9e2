#include "translate/stored.h"

#include <string_view>
#include <unordered_map>

#include "common/go_format.h"

namespace mmhook {
namespace {

json::Value str(const std::string& s) { return json::Value::from_string(s); }

void put_if(json::Value& obj, const char* key, const Located<std::string>& v) {
  if (!v.value.empty()) obj.object.push_back(json::Member{key, str(v.value), 0});
}

json::Value stored_action(const Action& a) {
  json::Value o = json::Value::make_object();
  put_if(o, "id", a.id);
  put_if(o, "type", a.type);
  put_if(o, "name", a.name);
  if (a.disabled.value) o.object.push_back(json::Member{"disabled", json::Value::from_bool(true), 0});
  put_if(o, "style", a.style);
  put_if(o, "data_source", a.data_source);
  if (a.options && !a.options->empty()) {
    json::Value opts = json::Value::make_array();
    for (const auto& opt : *a.options) {
      if (!opt) {
        opts.array.push_back(json::Value{});
        continue;
      }
      json::Value ov = json::Value::make_object();
      ov.object.push_back(json::Member{"text", str(opt->text), 0});
      ov.object.push_back(json::Member{"value", str(opt->value), 0});
      opts.array.push_back(std::move(ov));
    }
    o.object.push_back(json::Member{"options", std::move(opts), 0});
  }
  put_if(o, "default_option", a.default_option);
  if (a.integration.present) {
    json::Value in = json::Value::make_object();
    if (!a.integration.url.empty()) in.object.push_back(json::Member{"url", str(a.integration.url), 0});
    if (a.integration.context.is_object() && !a.integration.context.object.empty())
      in.object.push_back(json::Member{"context", go_normalise(a.integration.context), 0});
    o.object.push_back(json::Member{"integration", std::move(in), 0});
  }
  put_if(o, "cookie", a.cookie);
  return o;
}

}  // namespace

json::Value go_normalise(const json::Value& v) {
  switch (v.kind) {
    case json::Kind::number: {
      json::Value n;
      n.kind = json::Kind::number;
      n.number = v.number;
      n.text = detail::go_float(v.number);
      n.offset = v.offset;
      return n;
    }
    case json::Kind::array: {
      json::Value a = json::Value::make_array();
      a.offset = v.offset;
      a.array.reserve(v.array.size());
      for (const auto& e : v.array) a.array.push_back(go_normalise(e));
      return a;
    }
    case json::Kind::object: {
      json::Value o = json::Value::make_object();
      o.offset = v.offset;
      o.object.reserve(v.object.size());
      std::unordered_map<std::string_view, std::size_t> last;
      last.reserve(v.object.size());
      for (std::size_t i = 0; i < v.object.size(); ++i) last[v.object[i].key] = i;
      for (std::size_t i = 0; i < v.object.size(); ++i) {
        if (last[v.object[i].key] != i) continue;
        o.object.push_back(json::Member{v.object[i].key, go_normalise(v.object[i].value), v.object[i].key_offset});
      }
      return o;
    }
    default: return v;
  }
}

json::Value stored_attachment(const Attachment& a) {
  json::Value o = json::Value::make_object();
  o.offset = a.offset;
  auto put = [&](const char* k, json::Value v) { o.object.push_back(json::Member{k, std::move(v), 0}); };
  json::Value id;
  id.kind = json::Kind::number;
  id.number = static_cast<double>(a.id);
  id.text = std::to_string(a.id);
  put("id", std::move(id));
  put("fallback", str(a.fallback.value));
  put("color", str(a.color.value));
  put("pretext", str(a.pretext.value));
  put("author_name", str(a.author_name.value));
  put("author_link", str(a.author_link.value));
  put("author_icon", str(a.author_icon.value));
  put("title", str(a.title.value));
  put("title_link", str(a.title_link.value));
  put("text", str(a.text.value));
  if (a.fields && !a.fields->empty()) {
    json::Value fs = json::Value::make_array();
    for (const Field& f : *a.fields) {
      json::Value fo = json::Value::make_object();
      fo.offset = f.offset;
      fo.object.push_back(json::Member{"title", str(f.title.value), 0});
      fo.object.push_back(json::Member{"value", go_normalise(f.value), 0});
      fo.object.push_back(json::Member{"short", json::Value::from_bool(f.is_short), 0});
      fs.array.push_back(std::move(fo));
    }
    put("fields", std::move(fs));
  } else {
    put("fields", json::Value{});
  }
  put("image_url", str(a.image_url.value));
  put("thumb_url", str(a.thumb_url.value));
  put("footer", str(a.footer.value));
  put("footer_icon", str(a.footer_icon.value));
  put("ts", go_normalise(a.ts));
  if (!a.actions.empty()) {
    json::Value as = json::Value::make_array();
    for (const Action& act : a.actions) as.array.push_back(stored_action(act));
    put("actions", std::move(as));
  }
  return o;
}

json::Value stored_attachments(const std::vector<Attachment>& list) {
  json::Value arr = json::Value::make_array();
  arr.array.reserve(list.size());
  for (const Attachment& a : list) arr.array.push_back(stored_attachment(a));
  return arr;
}

void generate_action_ids(json::Value& attachments, std::size_t post_index) {
  if (!attachments.is_array()) return;
  auto digits = [](std::size_t v, std::size_t width) {
    std::string s = std::to_string(v);
    if (s.size() > width) s = s.substr(s.size() - width);
    return std::string(width - s.size(), '0') + s;
  };
  for (std::size_t i = 0; i < attachments.array.size(); ++i) {
    json::Value* actions = attachments.array[i].is_object() ? attachments.array[i].find("actions") : nullptr;
    if (!actions || !actions->is_array()) continue;
    for (std::size_t j = 0; j < actions->array.size(); ++j) {
      json::Value& act = actions->array[j];
      if (!act.is_object()) continue;
      const json::Value* id = act.find("id");
      if (id && id->is_string() && !id->text.empty()) continue;
      std::string gen = "mmhook" + digits(post_index, 4) + digits(i, 8) + digits(j, 8);
      // Keep struct order: id first.
      act.erase("id");
      act.object.insert(act.object.begin(), json::Member{"id", json::Value::from_string(std::move(gen)), 0});
    }
  }
}

}  // namespace mmhook
