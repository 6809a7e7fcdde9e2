// Whole-post HTML (spec §6.1–§6.6): header, message, priority, card, attachments, actions.
#include "render/render.h"

#include "render/html.h"
#include "render/emoji.h"
#include "render/markdown.h"

namespace mmhook {

using detail::append_attr;
using detail::append_escaped;

std::vector<std::vector<std::size_t>> field_table_layout(const std::vector<bool>& is_short) {
  std::vector<std::vector<std::size_t>> tables;
  std::vector<std::size_t> row;
  bool last_long = false;
  for (std::size_t i = 0; i < is_short.size(); ++i) {
    if (row.size() == 2 || !is_short[i] || last_long) {
      tables.push_back(std::move(row));
      row.clear();
      last_long = false;
    }
    row.push_back(i);
    last_long = !is_short[i];
  }
  if (!row.empty()) tables.push_back(std::move(row));
  return tables;
}

std::string truncate_footer(std::string_view text, std::size_t max) {
  std::size_t count = 0, cut = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (count == max - 1) cut = i;
    ++count;
  }
  if (count <= max) return std::string(text);
  return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";
}

namespace {

const json::Value* member(const json::Value& o, std::string_view key) { return o.is_object() ? o.find(key) : nullptr; }
std::string_view str(const json::Value& o, std::string_view key) {
  const json::Value* v = member(o, key);
  return v && v->is_string() ? std::string_view(v->text) : std::string_view{};
}
bool truthy_string(const json::Value& o, std::string_view key) {
  const json::Value* v = member(o, key);
  return v && ((v->is_string() && v->text == "true") || (v->kind == json::Kind::boolean && v->boolean));
}

void img(std::string& out, std::string_view cls, const std::string& src, std::string_view alt = "") {
  out += "<img";
  append_attr(out, "class", cls);
  append_attr(out, "src", src);
  append_attr(out, "alt", alt);
  out += ">";
}

struct Ctx {
  const ServerSettings& settings;
  MarkdownOptions md;
};

void render_avatar(std::string& out, const Post& post) {
  out += "<div class=\"mm-post__avatar\">";
  if (post.icon_emoji) {
    std::string name = *post.icon_emoji;
    if (name.size() >= 2 && name.front() == ':' && name.back() == ':') name = name.substr(1, name.size() - 2);
    if (auto e = find_emoji(name)) {
      out += "<span class=\"mm-post__avatar-emoji emoticon\"";
      append_attr(out, "title", ":" + name + ":");
      out += ">";
      out.append(e->text);
      out += "</span></div>";
      return;
    }
  }
  if (post.icon_url) {
    if (auto src = detail::safe_img_src(*post.icon_url)) {
      img(out, "mm-post__avatar-img", *src);
      out += "</div>";
      return;
    }
  }
  out += "<span class=\"mm-post__avatar-placeholder\" aria-hidden=\"true\"></span></div>";
}

void render_header(std::string& out, const Post& post, const Ctx& c, bool has_card) {
  out += "<div class=\"mm-post__header\"><span class=\"mm-post__name\">";
  append_escaped(out, post.username);
  out += "</span>";
  if (post.bot_tag) out += "<span class=\"mm-post__bot-tag\">BOT</span>";
  out += "<time class=\"mm-post__time\" data-role=\"post-time\"></time>";
  if (c.settings.post_priority && post.priority) {
    const std::string& p = post.priority->priority;
    if (p == "urgent") out += "<span class=\"mm-post__priority mm-post__priority--urgent\">Urgent</span>";
    else if (p == "important") out += "<span class=\"mm-post__priority mm-post__priority--important\">Important</span>";
  }
  if (has_card)
    out += "<button type=\"button\" class=\"mm-post__card-icon\" data-role=\"card-toggle\" title=\"View additional info\" "
           "aria-label=\"View additional info\">i</button>";
  out += "</div>";
}

// `ref`: "<attachment index>:<action index>" in props.attachments (digits only), so a front end maps a control to
// its action without counting drawn controls.
void render_action(std::string& out, const json::Value& a, const Ctx& c, const std::string& ref) {
  std::string_view name = str(a, "name");
  if (name.empty()) return;
  std::string_view type = str(a, "type");
  std::string_view tooltip = str(a, "tooltip");
  if (type == "select") {
    out += "<select class=\"mm-action-select\" disabled";
    append_attr(out, "data-action-ref", ref);
    append_attr(out, "aria-label", name);
    out += "><option>";
    std::string_view source = str(a, "data_source");
    std::string_view def = str(a, "default_option");
    const json::Value* opts = member(a, "options");
    std::string_view shown = name;
    if (source == "users") shown = "Select a user";
    else if (source == "channels") shown = "Select a channel";
    if (opts && opts->is_array()) {
      for (const json::Value& o : opts->array) if (!def.empty() && str(o, "value") == def) shown = str(o, "text");
    }
    append_escaped(out, shown);
    out += "</option>";
    if (opts && opts->is_array()) {
      for (const json::Value& o : opts->array) {
        if (!o.is_object()) continue;
        out += "<option";
        append_attr(out, "value", str(o, "value"));
        out += ">";
        append_escaped(out, str(o, "text"));
        out += "</option>";
      }
    }
    out += "</select>";
    return;
  }
  std::string_view style = str(a, "style");
  out += "<button type=\"button\" class=\"mm-action-button";
  static constexpr std::string_view named[] = {"good", "success", "warning", "danger", "default", "primary"};
  bool is_named = false;
  for (std::string_view n : named) is_named |= style == n;
  if (is_named) { out += " mm-action-button--"; out.append(style == "success" ? std::string_view("good") : style); }
  out += "\" disabled";
  append_attr(out, "data-action-ref", ref);
  if (!is_named && detail::is_hex_color(style)) append_attr(out, "style", "color:" + std::string(style));
  if (!tooltip.empty()) append_attr(out, "title", tooltip);
  out += ">";
  out += render_plain_text(name, c.md, true);
  out += "</button>";
}

void render_fields(std::string& out, const json::Value& fields, const Ctx& c) {
  std::vector<const json::Value*> list;
  std::vector<bool> shorts;
  for (const json::Value& f : fields.array) {
    if (!f.is_object()) continue;
    list.push_back(&f);
    const json::Value* s = member(f, "short");
    shorts.push_back(s && s->kind == json::Kind::boolean && s->boolean);
  }
  if (list.empty()) return;
  for (const auto& table : field_table_layout(shorts)) {
    out += "<table class=\"mm-attachment__fields\"><thead><tr>";
    for (std::size_t i : table) {
      out += shorts[i] ? "<th class=\"mm-attachment__field-title mm-attachment__field--short\">" : "<th class=\"mm-attachment__field-title\">";
      out += render_plain_text(str(*list[i], "title"), c.md, false);
      out += "</th>";
    }
    out += "</tr></thead><tbody><tr>";
    for (std::size_t i : table) {
      out += "<td class=\"mm-attachment__field-value\">";
      const json::Value* v = member(*list[i], "value");
      if (v && v->is_string()) out += render_markdown(v->text, c.md);
      else if (v && !v->is_null()) out += render_markdown(json::write(*v), c.md);
      out += "</td>";
    }
    out += "</tr></tbody></table>";
  }
}

void render_attachment(std::string& out, const json::Value& a, const Ctx& c, std::size_t index) {
  if (!a.is_object()) return;
  out += "<div class=\"mm-attachment\">";
  if (std::string_view pre = str(a, "pretext"); !pre.empty()) {
    out += "<div class=\"mm-attachment__pretext\">";
    out += render_markdown(pre, c.md);
    out += "</div>";
  }
  std::string_view author = str(a, "author_name"), author_icon = str(a, "author_icon"), title = str(a, "title"),
                   thumb = str(a, "thumb_url"), text = str(a, "text"), image = str(a, "image_url"), footer = str(a, "footer");
  const json::Value* fields = member(a, "fields");
  const json::Value* actions = member(a, "actions");
  bool has_fields = fields && fields->is_array() && !fields->array.empty();
  bool has_actions = actions && actions->is_array() && !actions->array.empty();
  bool box = !author.empty() || !author_icon.empty() || !title.empty() || !thumb.empty() || !text.empty() || !image.empty() ||
             has_fields || !footer.empty() || has_actions;
  if (box) {
    detail::ColorChoice color = detail::validate_color(str(a, "color"));
    out += "<div class=\"mm-attachment__container";
    if (!color.named.empty()) { out += " mm-attachment__container--"; out += color.named; }
    out += "\"";
    if (!color.hex.empty()) append_attr(out, "style", "border-left-color:" + color.hex);
    out += "><div class=\"mm-attachment__body";
    std::optional<std::string> thumb_src = detail::safe_img_src(thumb);
    if (thumb_src) out += " mm-attachment__body--has-thumb";
    out += "\">";
    if (!author.empty() || !author_icon.empty()) {
      out += "<div class=\"mm-attachment__author\">";
      std::optional<std::string> link;
      if (detail::is_url_safe(str(a, "author_link"))) link = detail::safe_href(str(a, "author_link"));
      if (link) {
        out += "<a class=\"mm-attachment__author-link\"";
        append_attr(out, "href", *link);
        out += " rel=\"noopener noreferrer\" target=\"_blank\">";
      }
      if (auto src = detail::safe_img_src(author_icon)) img(out, "mm-attachment__author-icon", *src);
      out += "<span class=\"mm-attachment__author-name\">";
      append_escaped(out, author);
      out += "</span>";
      if (link) out += "</a>";
      out += "</div>";
    }
    if (!title.empty()) {
      out += "<h1 class=\"mm-attachment__title\">";
      std::optional<std::string> link;
      std::string_view tl = str(a, "title_link");
      if (!tl.empty() && detail::is_url_safe(tl)) link = detail::safe_href(tl, c.md.custom_url_schemes);
      if (link) {
        out += "<a class=\"mm-attachment__title-link\"";
        append_attr(out, "href", *link);
        out += " rel=\"noopener noreferrer\" target=\"_blank\">";
        append_escaped(out, title);
        out += "</a>";
      } else {
        out += render_link_only(title, c.md, true);
      }
      out += "</h1>";
    }
    if (!text.empty()) {
      out += "<div class=\"mm-attachment__text\" data-role=\"attachment-text\">";
      out += render_markdown(text, c.md);
      out += "</div>";
    }
    if (auto src = detail::safe_img_src(image)) {
      out += "<div class=\"mm-attachment__image\">";
      img(out, "mm-attachment__image-img", *src);
      out += "</div>";
    }
    if (has_fields) render_fields(out, *fields, c);
    if (!footer.empty()) {
      out += "<div class=\"mm-attachment__footer\">";
      if (auto src = detail::safe_img_src(str(a, "footer_icon"))) img(out, "mm-attachment__footer-icon", *src);
      out += "<div class=\"mm-attachment__footer-text\">";
      out += render_markdown(truncate_footer(footer), c.md);
      out += "</div></div>";
    }
    if (has_actions) {
      out += "<div class=\"mm-attachment__actions\">";
      for (std::size_t j = 0; j < actions->array.size(); ++j)
        render_action(out, actions->array[j], c, std::to_string(index) + ":" + std::to_string(j));
      out += "</div>";
    }
    out += "</div>";
    if (thumb_src) {
      out += "<div class=\"mm-attachment__thumb\">";
      img(out, "mm-attachment__thumb-img", *thumb_src);
      out += "</div>";
    }
    out += "</div>";
  }
  out += "</div>";
}

}  // namespace

std::string render_post(const Post& post, const ServerSettings& settings, Dialect dialect) {
  Ctx c{settings, MarkdownOptions::from(settings)};
  c.md.dialect = dialect;
  const json::Value& props = post.props;
  if (truthy_string(props, "mentionHighlightDisabled")) c.md.mention_highlight = false;
  if (truthy_string(props, "unsafe_links")) c.md.unsafe_links = true;
  if (const json::Value* cm = member(props, "channel_mentions"); cm && cm->is_object()) {
    for (const json::Member& m : cm->object) {
      std::string_view display = str(m.value, "display_name");
      c.md.channel_names[m.key] = display.empty() ? m.key : std::string(display);
    }
  }
  const json::Value* card = member(props, "card");
  bool has_card = card && card->is_string() && !card->text.empty();

  std::string out;
  out.reserve(post.message.size() * 2 + 512);
  out += "<div class=\"mm-post\" data-role=\"post\">";
  render_avatar(out, post);
  out += "<div class=\"mm-post__content\">";
  render_header(out, post, c, has_card);
  if (!post.message.empty()) {
    MarkdownOptions body = c.md;
    body.jumbo = true;
    out += "<div class=\"mm-post__body post-message__text\" data-role=\"message\">";
    out += render_markdown(post.message, body);
    out += "</div>";
  }
  if (const json::Value* atts = member(props, "attachments"); atts && atts->is_array() && !atts->array.empty()) {
    out += "<div class=\"mm-post__attachments\">";
    for (std::size_t i = 0; i < atts->array.size(); ++i) render_attachment(out, atts->array[i], c, i);
    out += "</div>";
  }
  if (settings.post_priority && post.priority && post.priority->requested_ack.value_or(false))
    out += "<div class=\"mm-post__ack\"><button type=\"button\" class=\"mm-post__ack-button\" disabled>Acknowledge</button></div>";
  out += "</div>";
  if (has_card) {
    out += "<aside class=\"mm-post__card\" data-role=\"card-panel\" hidden><div class=\"mm-post__card-body\">";
    out += render_markdown(card->text, c.md);
    out += "</div><div class=\"mm-post__card-footer\">Message by <span class=\"mm-post__name\">";
    append_escaped(out, post.username);
    out += "</span></div></aside>";
  }
  out += "</div>";
  return out;
}

}  // namespace mmhook
