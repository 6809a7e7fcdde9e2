#include "render/mobile_blocks.h"

#include <vector>

namespace mmhook::detail {
namespace {

std::size_t first_nonspace(std::string_view line, std::size_t pos) {
  while (pos < line.size() && line[pos] == ' ') ++pos;
  return pos;
}

// The 0-based column where the content of the item starting at (line, col) begins (marker width + padding).
std::size_t item_content_column(std::string_view line, std::size_t col) {
  std::size_t p = col;
  while (p < line.size() && line[p] >= '0' && line[p] <= '9') ++p;
  ++p;  // the bullet or the ordered delimiter
  if (p > line.size()) return line.size();
  std::size_t spaces = first_nonspace(line, p) - p;
  if (spaces == 0 || spaces > 4 || p + spaces == line.size()) return p + 1;
  return p + spaces;
}

// Where the lines of `text` start.
std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  return starts;
}

std::string_view line_at(std::string_view text, const std::vector<std::size_t>& starts, int line) {
  if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return {};
  std::size_t b = starts[line - 1];
  std::size_t e = text.find('\n', b);
  return text.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
}

// For a line of a paragraph directly in an item: the byte length of the container prefix the mobile parser consumes
// when the line does not continue the item and has no indent after that prefix (it then starts a new paragraph);
// npos when the line continues the paragraph on mobile too.
std::size_t mobile_break_prefix(std::string_view text, const std::vector<std::size_t>& starts, cmark_node* item, int line_no) {
  std::vector<cmark_node*> chain;
  for (cmark_node* n = item; n && cmark_node_get_type(n) != CMARK_NODE_DOCUMENT; n = cmark_node_parent(n)) chain.push_back(n);
  std::string_view line = line_at(text, starts, line_no);
  std::size_t pos = 0;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    cmark_node* c = *it;
    cmark_node_type t = cmark_node_get_type(c);
    if (t == CMARK_NODE_BLOCK_QUOTE) {
      std::size_t j = first_nonspace(line, pos);
      if (j - pos > 3 || j >= line.size() || line[j] != '>') break;
      pos = j + 1;
      if (pos < line.size() && line[pos] == ' ') ++pos;
    } else if (t == CMARK_NODE_ITEM) {
      std::string_view marker_line = line_at(text, starts, cmark_node_get_start_line(c));
      int col = cmark_node_get_start_column(c);
      std::size_t content = item_content_column(marker_line, col > 0 ? static_cast<std::size_t>(col - 1) : 0);
      if (first_nonspace(line, pos) < content) break;
      if (c == item) return std::string_view::npos;  // matched every container: an ordinary continuation line
      pos = content;
    } else if (t != CMARK_NODE_LIST) {
      return std::string_view::npos;
    }
  }
  return first_nonspace(line, pos) == pos ? pos : std::string_view::npos;
}

// The lines (1-based, ascending) where a break must be inserted, with their prefix lengths: at most one per paragraph.
std::vector<std::pair<int, std::size_t>> find_breaks(cmark_node* doc, std::string_view text, const std::vector<std::size_t>& starts) {
  std::vector<std::pair<int, std::size_t>> breaks;
  CmarkIter iter(cmark_iter_new(doc));
  if (!iter) return breaks;
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(iter.get());
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH) continue;
    cmark_node* parent = cmark_node_parent(n);
    if (!parent || cmark_node_get_type(parent) != CMARK_NODE_ITEM) continue;
    for (int l = cmark_node_get_start_line(n) + 1; l <= cmark_node_get_end_line(n); ++l) {
      std::size_t prefix = mobile_break_prefix(text, starts, parent, l);
      if (prefix != std::string_view::npos) { breaks.emplace_back(l, prefix); break; }
    }
  }
  return breaks;
}

// src with a kMobileBreak line (behind the line's container prefix) before each break line, built in one pass so
// that many breaks cost linear time.
std::string with_breaks(const std::string& src, const std::vector<std::size_t>& starts,
                        const std::vector<std::pair<int, std::size_t>>& breaks) {
  std::string out;
  std::size_t extra = 0;
  for (const auto& b : breaks) extra += b.second + kMobileBreak.size() + 1;
  out.reserve(src.size() + extra);
  std::size_t copied = 0;
  for (const auto& [line, prefix] : breaks) {
    const std::size_t at = starts[line - 1];
    out.append(src, copied, at - copied);
    out.append(src, at, prefix);
    out.append(kMobileBreak);
    out.push_back('\n');
    copied = at;
  }
  out.append(src, copied, std::string::npos);
  return out;
}

}  // namespace

CmarkNode parse_mobile_document(std::string& src) {
  CmarkNode doc = parse_document(src.data(), src.size());
  // Each round moves lines out of items; a moved line can only meet a new item later in the text, so few rounds
  // are needed; the cap bounds the work for hostile input.
  for (int round = 0; doc && round < 16; ++round) {
    std::vector<std::size_t> starts = line_starts(src);
    auto breaks = find_breaks(doc.get(), src, starts);
    if (breaks.empty()) break;
    src = with_breaks(src, starts, breaks);
    doc = parse_document(src.data(), src.size());
  }
  return doc;
}

}  // namespace mmhook::detail
