// The mobile dialect (Dialect::mobile): cmark-gfm parses with @mattermost/commonmark's block differences
// (render/mobile_blocks.h), this file walks the AST and writes the HTML. Linked into native builds and the tools
// module only: the check module links wasm/mobile_absent.cpp instead, so cmark-gfm stays out of it.
#include <cstring>

#include "render/cmark_handles.h"
#include "render/html.h"
#include "render/markdown.h"
#include "render/mobile_blocks.h"
#include "render/normalize_text.h"
#include "render/text_format.h"

namespace mmhook {

namespace {

using detail::append_attr;
using detail::append_escaped;

constexpr std::string_view kEscapeMarker = "\xEE\x80\x80";  // U+E000, stands for a '\' before an emoticon

bool starts_emoticon(std::string_view s) {
  static constexpr std::string_view forms[] = {":)", ":-)", ";)", ";-)", ":o", ":O", ":-o", ":-O", ":]", ":-]", ":d", ":D", ":-d",
                                               ":-D", "x-d", "X-D", "x-D", "X-d", ":p", ":P", ":-p", ":-P", ":[", ":-[", ":@",
                                               ":-@", ":(", ":-(", ":`(", ":'(", ":\xE2\x80\x99(", ":/", ":-/", ":s", ":S",
                                               ":-s", ":-S", ":|", ":-|", ":$", ":-$", ":-x", ":-X", "<3", "</3"};
  for (std::string_view f : forms)
    if (s.substr(0, f.size()) == f) return true;
  return false;
}

// Rewrites "](dest with spaces "title")" to "](<dest with spaces> "title")" (marked accepts spaces, cmark needs
// <>; for the mobile dialect, whose CommonMark parser needs them too, only an image size suffix), outside code. Also marks "\" before emoticons.
// "… =WxH" (also =W, =Wx, =xH): the image size suffix both apps' parsers read after a destination.
bool has_size_suffix(std::string_view content) {
  std::size_t sp = content.rfind(' ');
  if (sp == std::string_view::npos || sp + 1 >= content.size() || content[sp + 1] != '=') return false;
  bool digit = false, x = false;
  for (char ch : content.substr(sp + 2)) {
    if (ch >= '0' && ch <= '9') digit = true;
    else if (ch == 'x' && !x) x = true;
    else return false;
  }
  return digit;
}

void rewrite_line(std::string& out, std::string_view line, bool links = true) {
  bool in_code = false;
  std::size_t next_close = 0;
  bool have_close = false;
  std::size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == '`') {
      std::size_t j = i;
      while (j < line.size() && line[j] == '`') ++j;
      out.append(line.substr(i, j - i));
      in_code = !in_code;
      i = j;
      continue;
    }
    if (!in_code && c == '\\' && i + 1 < line.size() && starts_emoticon(line.substr(i + 1))) {
      out.append(kEscapeMarker);
      ++i;
      continue;
    }
    if (!in_code && c == ']' && i + 1 < line.size() && line[i + 1] == '(' && (i + 2 >= line.size() || line[i + 2] != '<')) {
      if (!have_close || next_close < i + 2) {
        next_close = line.find(')', i + 2);
        have_close = true;
      }
      std::size_t close = next_close;
      if (close != std::string_view::npos) {
        std::string_view content = line.substr(i + 2, close - i - 2);
        if ((links || has_size_suffix(content)) && content.find_first_of("<>()[]") == std::string_view::npos &&
            content.find(' ') != std::string_view::npos) {
          std::string_view dest = content, title;
          if (content.size() >= 2 && content.back() == '"') {
            std::size_t q = content.rfind(" \"", content.size() - 2);
            if (q != std::string_view::npos) {
              dest = content.substr(0, q);
              title = content.substr(q);
            }
          }
          while (!dest.empty() && dest.front() == ' ') dest.remove_prefix(1);
          while (!dest.empty() && dest.back() == ' ') dest.remove_suffix(1);
          if (dest.find(' ') != std::string_view::npos) {
            out.append("](<");
            out.append(dest);
            out.push_back('>');
            out.append(title);
            out.push_back(')');
            i = close + 1;
            continue;
          }
        }
      }
    }
    out.push_back(c);
    ++i;
  }
}

// The web app's preprocessing (render/normalize_text.h) plus the rewrites above.
std::string preprocess(std::string_view text, Dialect dialect = Dialect::web) {
  const std::string norm = detail::normalize_message_text(text, false);
  std::string out;
  out.reserve(norm.size() + 16);
  bool fenced = false;
  std::string_view fence;
  std::string_view rest = norm;
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    std::string_view trimmed = line;
    std::size_t lead = 0;
    while (lead < trimmed.size() && lead < 4 && trimmed[lead] == ' ') ++lead;
    trimmed.remove_prefix(lead);
    bool fence_line = lead < 4 && (trimmed.substr(0, 3) == "```" || trimmed.substr(0, 3) == "~~~");
    if (fenced) {
      out.append(line);
      if (fence_line && trimmed.substr(0, 3) == fence) fenced = false;
    } else if (fence_line) {
      fenced = true;
      fence = trimmed.substr(0, 3);
      out.append(line);
    } else if (line.find_first_of("\\]") != std::string_view::npos) {
      rewrite_line(out, line, dialect != Dialect::mobile);
    } else {
      out.append(line);
    }
    if (nl == std::string_view::npos) break;
    out.push_back('\n');
    rest.remove_prefix(nl + 1);
  }
  return out;
}

detail::TextFormatOptions text_options(const MarkdownOptions& o) { return detail::markdown_text_options(o); }

std::string literal(cmark_node* n) {
  const char* l = cmark_node_get_literal(n);
  return l ? std::string(l) : std::string();
}

// Replaces escape markers by the backslashes they stand for (code keeps its text verbatim).
std::string restore_backslashes(std::string s) {
  std::size_t m;
  while ((m = s.find(kEscapeMarker)) != std::string::npos) s.replace(m, kEscapeMarker.size(), "\\");
  return s;
}

void plain_text_of(cmark_node* node, std::string& out) {
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    cmark_node_type t = cmark_node_get_type(c);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_HTML_INLINE) out += restore_backslashes(literal(c));
    else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) out.push_back(' ');
    else plain_text_of(c, out);
  }
}

// Raw inline HTML becomes text (escaped later like any text), merged with neighbouring text runs.
void html_inline_to_text(cmark_node* root) {
  detail::CmarkIter iter(cmark_iter_new(root));
  std::vector<cmark_node*> html;
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(iter.get());
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE) html.push_back(n);
  }
  iter.reset();
  for (cmark_node* n : html) {
    cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
    if (!t) continue;
    cmark_node_set_literal(t, cmark_node_get_literal(n));
    cmark_node_insert_before(n, t);
    cmark_node_free(n);
  }
  cmark_consolidate_text_nodes(root);
}

bool is_type(cmark_node* n, const char* name) {
  const char* t = cmark_node_get_type_string(n);
  return t && std::strcmp(t, name) == 0;
}

bool image_only_paragraph(cmark_node* p) {
  cmark_node* c = cmark_node_first_child(p);
  return c && !cmark_node_next(c) && cmark_node_get_type(c) == CMARK_NODE_IMAGE;
}

bool tight_item_paragraph(cmark_node* p) {
  cmark_node* item = cmark_node_parent(p);
  if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM) return false;
  cmark_node* list = cmark_node_parent(item);
  return list && cmark_node_get_list_tight(list);
}

class Renderer {
 public:
  Renderer(const MarkdownOptions& o, bool link_only, bool link_only_emoji)
      : o_(o), t_(text_options(o)), link_only_(link_only), link_only_emoji_(link_only_emoji) {}

  void render(cmark_node* doc, std::string& out) {
    html_inline_to_text(doc);
    detail::CmarkIter iter(cmark_iter_new(doc));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(iter.get());
      bool skip = link_only_ ? link_only_node(n, ev == CMARK_EVENT_ENTER, out) : full_node(n, ev == CMARK_EVENT_ENTER, out);
      if (skip) cmark_iter_reset(iter.get(), n, CMARK_EVENT_EXIT);
    }
  }

 private:
  void text(std::string& out, std::string_view s) {
    if (link_only_) {
      if (link_only_emoji_) {
        detail::TextFormatOptions t = t_;
        t.at_mentions = t.emails = t.hashtags = false;
        t.channel_names = nullptr;
        t.mention_keys.clear();
        detail::format_text(out, s, t, in_link_ > 0);
      } else {
        append_escaped(out, restore_backslashes(std::string(s)));
      }
      return;
    }
    detail::format_text(out, s, t_, in_link_ > 0);
  }

  // True for the enter and exit events of a link node met while another link is open: such a node writes no tags.
  bool nested_link(cmark_node* n, bool enter) {
    if (enter) {
      if (in_link_ == 0) return false;
      flattened_.push_back(n);
      return true;
    }
    if (!flattened_.empty() && flattened_.back() == n) {
      flattened_.pop_back();
      return true;
    }
    return false;
  }

  void open_link(std::string& out, const std::string& url, const char* title, bool link_only) {
    std::string href = detail::normalize_href(url);
    if (auto safe = detail::safe_href(href, t_.href_schemes)) {
      out += "<a class=\"theme markdown__link\"";
      append_attr(out, "href", *safe);
      out += link_only ? "" : " rel=\"noreferrer\"";
      out += " target=\"_blank\"";
      if (title && *title) append_attr(out, "title", title);
      out += ">";
    } else {
      out += "<a class=\"theme markdown__link mm-link--blocked\"";
      append_attr(out, "title", href);
      out += ">";
    }
  }

  // Returns true to skip the node's children.
  bool full_node(cmark_node* n, bool enter, std::string& out) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_DOCUMENT: return false;
      case CMARK_NODE_BLOCK_QUOTE: out += enter ? "<blockquote>" : "</blockquote>"; return false;
      case CMARK_NODE_LIST: list_node(n, enter, out); return false;
      case CMARK_NODE_ITEM: item_node(n, enter, out); return false;
      case CMARK_NODE_CODE_BLOCK: {
        std::string code = restore_backslashes(literal(n));
        if (!code.empty() && code.back() == '\n') code.pop_back();
        const char* info = cmark_node_get_fence_info(n);
        detail::append_code_block(out, code, info ? info : "", o_);
        return true;
      }
      case CMARK_NODE_HTML_BLOCK: {
        std::string raw = literal(n);
        while (!raw.empty() && raw.back() == '\n') raw.pop_back();
        if (o_.dialect == Dialect::mobile && raw == detail::kMobileBreak) return true;
        out += "<p class=\"mm-raw-html\">";
        append_escaped(out, raw);
        out += "</p>";
        return true;
      }
      case CMARK_NODE_PARAGRAPH:
        if (tight_item_paragraph(n)) out += enter ? "<span>" : "</span>";
        else if (o_.inline_img_container && image_only_paragraph(n))
          out += enter ? "<div class=\"markdown-inline-img__container\">" : "</div>";
        else out += enter ? "<p>" : "</p>";
        return false;
      case CMARK_NODE_HEADING: {
        int level = cmark_node_get_heading_level(n);
        if (level < 1 || level > 6) level = 1;
        out += enter ? "<h" : "</h";
        out.push_back(static_cast<char>('0' + level));
        out += enter ? " class=\"markdown__heading\">" : ">";
        return false;
      }
      case CMARK_NODE_THEMATIC_BREAK: out += "<hr>"; return false;
      case CMARK_NODE_TEXT: text(out, literal(n)); return false;
      case CMARK_NODE_SOFTBREAK: out += "\n"; return false;
      case CMARK_NODE_LINEBREAK: out += "<br>"; return false;
      case CMARK_NODE_CODE:
        out += "<span class=\"codespan__pre-wrap\"><code>";
        append_escaped(out, restore_backslashes(literal(n)));
        out += "</code></span>";
        return false;
      case CMARK_NODE_HTML_INLINE: text(out, literal(n)); return false;
      case CMARK_NODE_EMPH: out += enter ? "<em>" : "</em>"; return false;
      case CMARK_NODE_STRONG: out += enter ? "<strong>" : "</strong>"; return false;
      case CMARK_NODE_LINK: return link_node(n, enter, out);
      case CMARK_NODE_IMAGE: return image_node(n, out);
      default: break;
    }
    return extension_node(n, enter, out);
  }

  void list_node(cmark_node* n, bool enter, std::string& out) {
    if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
      if (enter) {
        out += "<ol class=\"markdown__list\"";
        int start = cmark_node_get_list_start(n);
        if (start != 1) append_attr(out, "start", std::to_string(start));
        out += ">";
      } else {
        out += "</ol>";
      }
    } else {
      out += enter ? "<ul class=\"markdown__list\">" : "</ul>";
    }
  }

  void item_node(cmark_node* n, bool enter, std::string& out) {
    if (enter) {
      if (is_type(n, "tasklist")) {
        out += "<li class=\"task-list-item\"><input type=\"checkbox\" disabled";
        if (cmark_gfm_extensions_get_tasklist_item_checked(n)) out += " checked";
        out += "> ";
      } else {
        out += "<li>";
      }
    } else {
      out += "</li>";
    }
  }

  // Returns true to skip the link's children.
  bool link_node(cmark_node* n, bool enter, std::string& out) {
    const char* u = cmark_node_get_url(n);
    std::string url = u ? u : "";
    if (o_.unsafe_links) {
      if (!enter) {
        out += " : ";
        append_escaped(out, url);
      }
      return false;
    }
    if (!detail::is_url_safe(url)) return false;  // children shown as text
    if (nested_link(n, enter)) return false;      // a link inside a link: children as text (no <a> in <a>)
    if (enter) {
      open_link(out, url, cmark_node_get_title(n), false);
      ++in_link_;
    } else {
      out += "</a>";
      --in_link_;
    }
    return false;
  }

  // An image, or its alt text where the source is refused; its children are never walked.
  bool image_node(cmark_node* n, std::string& out) {
    std::string alt;
    plain_text_of(n, alt);
    const char* u = cmark_node_get_url(n);
    ImageDimensions dim = parse_image_dimensions(u ? u : "");
    std::optional<std::string> src = o_.unsafe_links ? std::nullopt : detail::safe_img_src(dim.href);
    bool svg = dim.href.find(".svg") != std::string::npos;
    if (!src || (svg && !o_.enable_svgs)) {
      out += "<span class=\"markdown-inline-img--broken\">";
      append_escaped(out, alt);
      out += "</span>";
      return true;
    }
    out += "<img";
    append_attr(out, "src", *src);
    append_attr(out, "alt", alt);
    const char* title = cmark_node_get_title(n);
    if (title && *title) append_attr(out, "title", title);
    if (!dim.width.empty()) {
      append_attr(out, "width", dim.width);
      append_attr(out, "height", dim.height);
    }
    out += " class=\"markdown-inline-img\">";
    return true;
  }

  // Strikethrough and table nodes; any other node shows its text content only. Returns true to skip children.
  bool extension_node(cmark_node* n, bool enter, std::string& out) {
    if (is_type(n, "strikethrough")) {
      out += enter ? "<del>" : "</del>";
      return false;
    }
    if (is_type(n, "table")) {
      if (enter) {
        aligns_ = cmark_gfm_extensions_get_table_alignments(n);
        columns_ = cmark_gfm_extensions_get_table_columns(n);
        out += "<div class=\"table-responsive\"><table class=\"markdown__table\">";
      } else {
        out += in_body_ ? "</tbody></table></div>" : "</table></div>";
        in_body_ = false;
      }
      return false;
    }
    if (is_type(n, "table_header") || (is_type(n, "table_row") && cmark_gfm_extensions_get_table_row_is_header(n))) {
      header_row_ = enter;
      out += enter ? "<thead><tr>" : "</tr></thead>";
      cell_ = 0;
      return false;
    }
    if (is_type(n, "table_row")) {
      if (enter && !in_body_) {
        out += "<tbody>";
        in_body_ = true;
      }
      out += enter ? "<tr>" : "</tr>";
      cell_ = 0;
      return false;
    }
    if (is_type(n, "table_cell")) {
      const char* tag = header_row_ ? "th" : "td";
      if (enter) {
        out += "<";
        out += tag;
        char a = (aligns_ && cell_ < columns_) ? static_cast<char>(aligns_[cell_]) : 0;
        if (a == 'l') out += " class=\"align-left\"";
        else if (a == 'c') out += " class=\"align-center\"";
        else if (a == 'r') out += " class=\"align-right\"";
        out += ">";
      } else {
        out += "</";
        out += tag;
        out += ">";
        ++cell_;
      }
      return false;
    }
    // unknown node: render its text content only
    if (enter) {
      std::string s;
      plain_text_of(n, s);
      append_escaped(out, s);
    }
    return true;
  }

  void separator(std::string& out) {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  }

  bool link_only_node(cmark_node* n, bool enter, std::string& out) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_HTML_INLINE: {
        std::string s = literal(n);
        if (in_link_ > 0) {
          text(out, s);
          return false;
        }
        std::size_t pos = 0;
        while (auto m = detail::find_url(s, pos, t_.url_schemes)) {
          text(out, std::string_view(s).substr(pos, m->begin - pos));
          open_link(out, m->href, nullptr, true);
          append_escaped(out, std::string_view(s).substr(m->begin, m->end - m->begin));
          out += "</a>";
          pos = m->end;
        }
        text(out, std::string_view(s).substr(pos));
        return false;
      }
      case CMARK_NODE_CODE: append_escaped(out, restore_backslashes(literal(n))); return false;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: separator(out); return false;
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK: {
        std::string s = restore_backslashes(literal(n));
        while (!s.empty() && s.back() == '\n') s.pop_back();
        separator(out);
        append_escaped(out, s);
        separator(out);
        return true;
      }
      case CMARK_NODE_LINK: {
        const char* u = cmark_node_get_url(n);
        std::string url = u ? u : "";
        if (!detail::is_url_safe(url)) return false;
        if (nested_link(n, enter)) return false;
        if (enter) {
          open_link(out, url, nullptr, true);
          ++in_link_;
        } else {
          out += "</a>";
          --in_link_;
        }
        return false;
      }
      case CMARK_NODE_IMAGE: {
        std::string alt;
        plain_text_of(n, alt);
        append_escaped(out, alt);
        return true;
      }
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
      case CMARK_NODE_ITEM:
      case CMARK_NODE_LIST:
      case CMARK_NODE_BLOCK_QUOTE:
      case CMARK_NODE_THEMATIC_BREAK:
        separator(out);
        return false;
      default: break;
    }
    if (is_type(n, "table")) return true;
    return false;
  }

  const MarkdownOptions& o_;
  detail::TextFormatOptions t_;
  bool link_only_;
  bool link_only_emoji_;
  int in_link_ = 0;
  std::vector<cmark_node*> flattened_;  // nested link nodes being written as plain text
  uint8_t* aligns_ = nullptr;
  uint16_t columns_ = 0;
  uint16_t cell_ = 0;
  bool header_row_ = false;
  bool in_body_ = false;
};

// True for a single line with no markdown syntax and no leading/trailing space: a paragraph of text.
bool is_plain_paragraph(std::string_view t) {
  if (t.empty() || t.front() == ' ' || t.back() == ' ') return false;
  char f = t.front();
  if ((f >= '0' && f <= '9') || std::strchr("#->+=*_|`~<[!:", f)) return false;
  for (unsigned char c : t) {
    if (c == '\n' || c == '\r' || c == '\t' || c == '`' || c == '*' || c == '_' || c == '~' || c == '[' || c == ']' || c == '<' ||
        c == '>' || c == '&' || c == '\\' || c == '|' || c == '$' || c == 0xC2 || c == 0xE2 || c == 0)
      return false;
  }
  return true;
}

}  // namespace

namespace detail {

std::string render_mobile_markdown(std::string_view text, const MarkdownOptions& opt) {
  if (opt.dialect != Dialect::mobile) {
    MarkdownOptions mobile = opt;
    mobile.dialect = Dialect::mobile;
    return render_mobile_markdown(text, mobile);
  }
  std::string out;
  bool jumbo = opt.jumbo && detail::is_emoji_only(text);
  if (jumbo) out += "<span class=\"all-emoji\">";
  if (is_plain_paragraph(text)) {
    out += "<p>";
    detail::format_text(out, text, text_options(opt));
    out += "</p>";
  } else {
    std::string src = preprocess(text, opt.dialect);
    detail::CmarkNode doc = opt.dialect == Dialect::mobile ? detail::parse_mobile_document(src)
                                                           : detail::parse_document(src.data(), src.size());
    if (doc) {
      Renderer r(opt, false, false);
      r.render(doc.get(), out);
    } else {
      out += "<p>";
      append_escaped(out, text);
      out += "</p>";
    }
  }
  if (jumbo) out += "</span>";
  return out;
}

// The former cmark-gfm link-only renderer, kept for the native test comparing it with render_link_only.
std::string render_link_only_cmark(std::string_view text, const MarkdownOptions& opt, bool format_emoji) {
  std::string out;
  std::string src = preprocess(text);
  detail::CmarkNode doc = detail::parse_document(src.data(), src.size());
  if (!doc) {
    append_escaped(out, text);
    return out;
  }
  Renderer r(opt, true, format_emoji);
  r.render(doc.get(), out);
  std::size_t b = 0, e = out.size();
  while (b < e && out[b] == ' ') ++b;
  while (e > b && (out[e - 1] == ' ' || out[e - 1] == '\n')) --e;
  return out.substr(b, e - b);
}

}  // namespace detail

std::string markdown_mentionable_text(std::string_view text) {
  std::string out;
  std::string src = preprocess(text);
  detail::CmarkNode doc = detail::parse_document(src.data(), src.size());
  if (!doc) return std::string(text);
  detail::CmarkIter iter(cmark_iter_new(doc.get()));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(iter.get());
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_HTML_INLINE: out += restore_backslashes(literal(n)); break;
      case CMARK_NODE_CODE:
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK: break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: out.push_back(' '); break;
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
      case CMARK_NODE_ITEM:
        if (ev == CMARK_EVENT_EXIT) out.push_back(' ');
        break;
      default: break;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace mmhook
