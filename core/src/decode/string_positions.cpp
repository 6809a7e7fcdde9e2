// Decoded-string index -> body offset (see payload.h): JSON escapes, Go's UTF-8 repair and form percent-encoding
// undone one character at a time.
#include "decode/payload.h"

namespace mmhook {
namespace {

int hex_digit(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::size_t utf8_len(unsigned cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

}  // namespace

StringPositions::StringPositions(const TextSource& src, std::size_t value_offset)
    : src_(src), start_(value_offset), pos_(value_offset), char_at_(value_offset) {
  if (src_.kind == TextSource::Kind::none || value_offset >= src_.body.size()) return;
  if (src_.kind == TextSource::Kind::raw) {
    ok_ = true;
    return;
  }
  unsigned char c = 0;
  std::size_t at = 0;
  ok_ = next_raw(c, at) && c == '"';
  char_at_ = pos_;
}

bool StringPositions::next_raw(unsigned char& c, std::size_t& at) {
  const std::string_view b = src_.body;
  if (pos_ >= b.size()) return false;
  at = pos_;
  c = static_cast<unsigned char>(b[pos_]);
  if (src_.kind != TextSource::Kind::form) {
    ++pos_;
    return true;
  }
  if (c == '&') return false;  // the form value ends here
  if (c == '+') {
    c = ' ';
    ++pos_;
  } else if (c == '%' && pos_ + 2 < b.size() && hex_digit(static_cast<unsigned char>(b[pos_ + 1])) >= 0 &&
             hex_digit(static_cast<unsigned char>(b[pos_ + 2])) >= 0) {
    c = static_cast<unsigned char>(hex_digit(static_cast<unsigned char>(b[pos_ + 1])) * 16 +
                                   hex_digit(static_cast<unsigned char>(b[pos_ + 2])));
    pos_ += 3;
  } else {
    ++pos_;
  }
  return true;
}

bool StringPositions::step() {
  if (done_) return false;
  unsigned char c = 0;
  std::size_t at = 0;
  if (!next_raw(c, at) || c == '"') {
    done_ = true;
    return false;
  }
  std::size_t width = 1;
  if (c == '\\') {
    unsigned char e = 0;
    if (!next_raw(e, at)) {
      done_ = true;
      return false;
    }
    if (e == 'u') {
      auto read4 = [&](unsigned& v) {
        v = 0;
        for (int k = 0; k < 4; ++k) {
          unsigned char h = 0;
          if (!next_raw(h, at) || hex_digit(h) < 0) return false;
          v = v * 16 + static_cast<unsigned>(hex_digit(h));
        }
        return true;
      };
      unsigned cp = 0;
      if (!read4(cp)) {
        done_ = true;
        return false;
      }
      width = 3;  // U+FFFD for a lone surrogate
      if (cp < 0xD800 || cp > 0xDFFF) {
        width = utf8_len(cp);
      } else if (cp < 0xDC00) {
        // A high surrogate pairs with a following \uDC00-\uDFFF escape; otherwise only it is replaced.
        const std::size_t save = pos_;
        unsigned char b1 = 0, b2 = 0;
        unsigned lo = 0;
        if (next_raw(b1, at) && b1 == '\\' && next_raw(b2, at) && b2 == 'u' && read4(lo) && lo >= 0xDC00 && lo <= 0xDFFF)
          width = 4;
        else
          pos_ = save;
      }
    }
  } else if (c >= 0x80) {
    // Go's UTF-8 check: a valid sequence keeps its bytes, each invalid byte becomes U+FFFD (3 bytes).
    const std::size_t save = pos_;
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    unsigned cp = n == 4 ? (c & 0x07u) : n == 3 ? (c & 0x0Fu) : (c & 0x1Fu);
    bool valid = n > 0 && c <= 0xF4;
    for (std::size_t k = 1; valid && k < n; ++k) {
      unsigned char t = 0;
      if (!next_raw(t, at) || (t & 0xC0) != 0x80) valid = false;
      else cp = (cp << 6) | (t & 0x3Fu);
    }
    if (valid && ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))))
      valid = false;
    if (valid) {
      width = n;
    } else {
      pos_ = save;
      width = 3;
    }
  }
  decoded_ += width;
  char_at_ = pos_;
  return true;
}

std::size_t StringPositions::at(std::size_t index) {
  if (!ok_) return start_;
  if (src_.kind == TextSource::Kind::raw) {
    const std::size_t off = start_ + index;
    return off <= src_.body.size() ? off : start_;
  }
  if (index < decoded_) {  // backwards: restart from the opening quote
    StringPositions fresh(src_, start_);
    *this = fresh;
  }
  while (decoded_ < index && step()) {
  }
  return char_at_;
}

}  // namespace mmhook
