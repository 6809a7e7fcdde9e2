// Reads pasted POSIX shell text (XCU 2.3 token recognition, 2.2 quoting, 2.7.4 here-documents, bash's $'...')
// into simple commands, pipelines and { } / ( ) groups, then "runs" them: printf, echo and cat are emulated,
// files written with > are remembered, and each curl gets its arguments, standard input and those files.
// No expansion is performed: $var, $(...) and `...` stay literal and are reported.
#include <cstdint>
#include <memory>
#include <string>

#include "command/shell_parse.h"
#include "command/shell_quote.h"
#include "common/utf8.h"

namespace mmhook::detail {
namespace {

enum class T : std::uint8_t { word, newline, pipe, and_if, or_if, semi, amp, lparen, rparen, redir };

struct Token {
  T kind = T::word;
  std::string text;             // word value after quote removal, or the operator
  std::size_t offset = 0;
  std::size_t end = 0;          // one past the last source byte
  bool quoted = false;          // the word contained quoting
  int fd = -1;                  // io number of a redirection
  std::string target;           // redirection operand
  std::optional<std::string> content;   // here-document / here-string text
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_op_char(char c) { return c == '|' || c == '&' || c == ';' || c == '(' || c == ')' || c == '<' || c == '>'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
bool is_octal(char c) { return c >= '0' && c <= '7'; }
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Lexer {
 public:
  Lexer(std::string_view s, Diagnostics& d) : s_(s), d_(d) {}

  std::vector<Token> run() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (is_blank(c)) {
        ++i_;
      } else if (c == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {
        i_ += 2;
      } else if (c == '\n') {
        push_op(T::newline, "\n", 1);
        read_heredoc_bodies();
      } else if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (is_op_char(c)) {
        read_operator();
      } else {
        Token w;
        read_word(w);
        toks_.push_back(std::move(w));
      }
    }
    if (!pending_.empty()) read_heredoc_bodies();
    return std::move(toks_);
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  Diagnostics& d_;
  std::vector<Token> toks_;
  std::vector<std::size_t> pending_;   // redirection tokens waiting for their here-document body
  std::size_t warnings_ = 0;

  void warn_expansion(std::size_t at, std::string what) {
    if (warnings_++ < 20) d_.add(Code::command_expansion, "", at, {what});
  }

  void push_op(T kind, std::string_view text, std::size_t len) {
    Token t;
    t.kind = kind;
    t.text = std::string(text);
    t.offset = i_;
    i_ += len;
    t.end = i_;
    toks_.push_back(std::move(t));
  }

  // $name, ${...}, $(...), $1, $?, ... at s_[at] == '$' (outside single quotes).
  void check_dollar(std::size_t at) {
    if (at + 1 >= s_.size()) return;
    char n = s_[at + 1];
    if (is_name_start(n) || n == '{' || n == '(' || (n >= '0' && n <= '9') || n == '@' || n == '*' || n == '#' ||
        n == '?' || n == '$' || n == '!' || n == '-') {
      std::size_t e = at + 2;
      if (is_name_start(n)) while (e < s_.size() && is_name_char(s_[e])) ++e;
      warn_expansion(at, "\"" + std::string(s_.substr(at, e - at)) + "\"");
    }
  }

  // bash history expansion (interactive shells): ! followed by something other than blank, newline, = or (.
  void check_bang(std::size_t at, bool in_double) {
    if (at + 1 >= s_.size()) return;
    char n = s_[at + 1];
    if (is_blank(n) || n == '\n' || n == '=' || n == '(' || (in_double && n == '"')) return;
    warn_expansion(at, "\"" + std::string(s_.substr(at, 2)) + "\" (history expansion in interactive bash)");
  }

  void unterminated(std::size_t at, std::string_view kind) {
    d_.add(Code::command_unterminated_quote, "", at, {kind});
  }

  void read_single(std::string& out) {
    std::size_t open = i_++;
    std::size_t close = s_.find('\'', i_);
    if (close == std::string_view::npos) {
      unterminated(open, "single");
      close = s_.size();
    }
    out.append(s_.substr(i_, close - i_));
    i_ = close < s_.size() ? close + 1 : close;
  }

  void read_double(std::string& out) {
    std::size_t open = i_++;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_];
      if (c == '\\' && i_ + 1 < s_.size()) {
        char n = s_[i_ + 1];
        if (n == '\n') {
          i_ += 2;
        } else if (n == '$' || n == '`' || n == '"' || n == '\\') {
          out.push_back(n);
          i_ += 2;
        } else {
          out.push_back('\\');
          ++i_;
        }
        continue;
      }
      if (c == '$') check_dollar(i_);
      else if (c == '`') warn_expansion(i_, "a `command` substitution");
      else if (c == '!') check_bang(i_, true);
      out.push_back(c);
      ++i_;
    }
    if (i_ >= s_.size()) unterminated(open, "double");
    else ++i_;
  }

  // bash/zsh ANSI-C quoting $'...' (i_ at the quote after $).
  void read_ansi_c(std::string& out) {
    std::size_t open = i_ - 1;
    ++i_;
    while (i_ < s_.size() && s_[i_] != '\'') {
      char c = s_[i_];
      if (c != '\\' || i_ + 1 >= s_.size()) {
        out.push_back(c);
        ++i_;
        continue;
      }
      char e = s_[i_ + 1];
      i_ += 2;
      switch (e) {
        case 'a': out.push_back('\a'); break;
        case 'b': out.push_back('\b'); break;
        case 'e': case 'E': out.push_back('\x1B'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'v': out.push_back('\v'); break;
        case '\\': case '\'': case '"': case '?': out.push_back(e); break;
        case 'c':
          if (i_ < s_.size()) out.push_back(static_cast<char>(s_[i_++] & 0x1F));
          break;
        case 'x': case 'u': case 'U': {
          std::size_t max = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          std::uint32_t v = 0;
          std::size_t k = 0;
          for (; k < max && i_ < s_.size() && hex_digit(s_[i_]) >= 0; ++k) v = v * 16 + static_cast<std::uint32_t>(hex_digit(s_[i_++]));
          if (k == 0) {
            out.push_back('\\');
            out.push_back(e);
          } else if (e == 'x') {
            out.push_back(static_cast<char>(v));
          } else if (v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) {
            append_utf8(out, v);
          }
          break;
        }
        default:
          if (is_octal(e)) {
            std::uint32_t v = static_cast<std::uint32_t>(e - '0');
            for (int k = 0; k < 2 && i_ < s_.size() && is_octal(s_[i_]); ++k) v = v * 8 + static_cast<std::uint32_t>(s_[i_++] - '0');
            out.push_back(static_cast<char>(v & 0xFF));
          } else {
            out.push_back('\\');
            out.push_back(e);
          }
      }
    }
    if (i_ >= s_.size()) unterminated(open, "$'...'");
    else ++i_;
  }

  void read_word(Token& w) {
    w.kind = T::word;
    w.offset = i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (is_blank(c) || c == '\n' || is_op_char(c)) break;
      if (c == '\\') {
        if (i_ + 1 >= s_.size()) {
          ++i_;
          break;
        }
        if (s_[i_ + 1] != '\n') {
          w.text.push_back(s_[i_ + 1]);
          w.quoted = true;
        }
        i_ += 2;
      } else if (c == '\'') {
        w.quoted = true;
        read_single(w.text);
      } else if (c == '"') {
        w.quoted = true;
        read_double(w.text);
      } else if (c == '$' && i_ + 1 < s_.size() && s_[i_ + 1] == '\'') {
        w.quoted = true;
        ++i_;
        read_ansi_c(w.text);
      } else if (c == '$' && i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
        w.quoted = true;
        ++i_;
        read_double(w.text);
      } else {
        if (c == '$') check_dollar(i_);
        else if (c == '`') warn_expansion(i_, "a `command` substitution");
        else if (c == '!') check_bang(i_, false);
        w.text.push_back(c);
        ++i_;
      }
    }
    w.end = i_;
  }

  void read_operator() {
    std::string_view rest = s_.substr(i_);
    auto starts = [&](std::string_view p) { return rest.substr(0, p.size()) == p; };
    if (starts("||")) return push_op(T::or_if, "||", 2);
    if (starts("|&")) return push_op(T::pipe, "|", 2);
    if (starts("|")) return push_op(T::pipe, "|", 1);
    if (starts("&&")) return push_op(T::and_if, "&&", 2);
    if (starts(";")) return push_op(T::semi, ";", starts(";;") ? 2 : 1);
    if (starts("(")) return push_op(T::lparen, "(", 1);
    if (starts(")")) return push_op(T::rparen, ")", 1);
    static constexpr std::string_view kRedirs[] = {"&>>", "&>", "<<<", "<<-", "<<", "<&", "<>", "<", ">>", ">&", ">|", ">"};
    for (std::string_view op : kRedirs) {
      if (starts(op)) return read_redirection(op);
    }
    push_op(T::amp, "&", 1);   // lone '&'
  }

  void read_redirection(std::string_view op) {
    Token r;
    r.kind = T::redir;
    r.text = std::string(op);
    r.offset = i_;
    // An unquoted all-digit word right before the operator is its io number (2>/dev/null).
    if (!toks_.empty() && toks_.back().kind == T::word && toks_.back().end == i_ && !toks_.back().quoted &&
        !toks_.back().text.empty() && toks_.back().text.size() < 4 &&
        toks_.back().text.find_first_not_of("0123456789") == std::string::npos) {
      r.fd = 0;
      for (char d : toks_.back().text) r.fd = r.fd * 10 + (d - '0');
      r.offset = toks_.back().offset;
      toks_.pop_back();
    }
    i_ += op.size();
    while (i_ < s_.size() && is_blank(s_[i_])) ++i_;
    Token operand;
    if (i_ < s_.size() && s_[i_] != '\n' && !is_op_char(s_[i_])) read_word(operand);
    r.target = operand.text;
    r.quoted = operand.quoted;
    r.end = i_;
    if (op == "<<<") {
      r.content = operand.text + "\n";
    } else if (op == "<<" || op == "<<-") {
      pending_.push_back(toks_.size());
    }
    toks_.push_back(std::move(r));
  }

  // Reads the bodies of pending here-documents, starting at the line after the operator's line.
  void read_heredoc_bodies() {
    for (std::size_t idx : pending_) {
      Token& r = toks_[idx];
      const bool strip_tabs = r.text == "<<-";
      std::string body;
      bool found = false;
      while (i_ < s_.size()) {
        std::size_t nl = s_.find('\n', i_);
        std::size_t end = nl == std::string_view::npos ? s_.size() : nl;
        std::string_view line = s_.substr(i_, end - i_);
        std::size_t line_start = i_;
        i_ = nl == std::string_view::npos ? s_.size() : nl + 1;
        if (strip_tabs) {
          std::size_t t = line.find_first_not_of('\t');
          if (t == std::string_view::npos) t = line.size();
          line = line.substr(t);
          line_start += t;
        }
        if (line == r.target) {
          found = true;
          break;
        }
        if (r.quoted) {
          body.append(line);
        } else {
          append_unquoted_heredoc_line(body, line, line_start);
        }
        if (nl != std::string_view::npos) body.push_back('\n');
      }
      if (!found) d_.add(Code::command_heredoc_unterminated, "", r.offset, {"\"" + r.target + "\""});
      r.content = std::move(body);
    }
    pending_.clear();
  }

  // An unquoted-delimiter here-document: \$ \` \\ lose their backslash; $ and ` would expand.
  void append_unquoted_heredoc_line(std::string& body, std::string_view line, std::size_t at) {
    for (std::size_t k = 0; k < line.size(); ++k) {
      char c = line[k];
      if (c == '\\' && k + 1 < line.size() && (line[k + 1] == '$' || line[k + 1] == '`' || line[k + 1] == '\\')) {
        body.push_back(line[++k]);
        continue;
      }
      if (c == '$') check_dollar(at + k);
      else if (c == '`') warn_expansion(at + k, "a `command` substitution");
      body.push_back(c);
    }
  }
};

// --- commands ---------------------------------------------------------------------------------------------

struct Command;
using Pipeline = std::vector<Command>;
using List = std::vector<Pipeline>;

struct Command {
  std::size_t offset = 0;
  std::vector<const Token*> words;
  std::vector<const Token*> redirs;
  std::unique_ptr<List> group;   // { ... } or ( ... )
};

constexpr int kMaxDepth = 32;

class Parser {
 public:
  explicit Parser(const std::vector<Token>& t) : t_(t) {}
  List parse() { return parse_list(0, nullptr); }

 private:
  const std::vector<Token>& t_;
  std::size_t p_ = 0;

  bool at_end() const { return p_ >= t_.size(); }
  bool is_word(std::string_view w) const {
    return !at_end() && t_[p_].kind == T::word && !t_[p_].quoted && t_[p_].text == w;
  }
  bool is_separator() const {
    if (at_end()) return false;
    T k = t_[p_].kind;
    return k == T::newline || k == T::semi || k == T::amp || k == T::and_if || k == T::or_if;
  }

  // Parses pipelines until the closing word/operator `close` ("}" or ")") or the end.
  List parse_list(int depth, const char* close) {
    List list;
    while (!at_end()) {
      if (is_separator()) {
        ++p_;
        continue;
      }
      if (close && ((close[0] == '}' && is_word("}")) || (close[0] == ')' && t_[p_].kind == T::rparen))) {
        ++p_;
        return list;
      }
      if (!close && t_[p_].kind == T::rparen) {   // stray ')'
        ++p_;
        continue;
      }
      std::size_t before = p_;
      list.push_back(parse_pipeline(depth));
      if (p_ == before) ++p_;   // always progress
    }
    return list;
  }

  Pipeline parse_pipeline(int depth) {
    Pipeline pl;
    if (is_word("!")) ++p_;
    pl.push_back(parse_command(depth));
    while (!at_end() && t_[p_].kind == T::pipe) {
      ++p_;
      while (!at_end() && t_[p_].kind == T::newline) ++p_;
      pl.push_back(parse_command(depth));
    }
    return pl;
  }

  Command parse_command(int depth) {
    Command c;
    c.offset = at_end() ? 0 : t_[p_].offset;
    if (depth < kMaxDepth && (is_word("{") || (!at_end() && t_[p_].kind == T::lparen))) {
      const char* close = is_word("{") ? "}" : ")";
      ++p_;
      c.group = std::make_unique<List>(parse_list(depth + 1, close));
    }
    while (!at_end()) {
      const Token& tok = t_[p_];
      if (tok.kind == T::word) {
        if (c.group) break;
        c.words.push_back(&tok);
      } else if (tok.kind == T::redir) {
        c.redirs.push_back(&tok);
      } else {
        break;
      }
      ++p_;
    }
    return c;
  }
};

// --- running ----------------------------------------------------------------------------------------------

Input known(std::string bytes) {
  Input in;
  in.bytes = std::move(bytes);
  return in;
}
Input unknown(std::string why) {
  Input in;
  in.unknown_reason = std::move(why);
  return in;
}

std::string_view basename(std::string_view w) {
  std::size_t slash = w.find_last_of("/\\");
  return slash == std::string_view::npos ? w : w.substr(slash + 1);
}

class Runner {
 public:
  Runner(Diagnostics& d, std::size_t budget) : d_(d), total_(budget), budget_(budget) {}
  ShellRun result;

  Input run_list(const List& list, const Input& in) {
    // Every pipeline runs (a later one may be the curl); the output is known only if every part is.
    std::string out;
    std::optional<std::string> why;
    for (const Pipeline& pl : list) {
      Input o = run_pipeline(pl, in);
      if (o.bytes) out += *o.bytes;
      else if (!why) why = o.unknown_reason;
    }
    return why ? unknown(*why) : known(std::move(out));
  }

 private:
  Diagnostics& d_;
  std::size_t total_;    // bytes of emulated output allowed in all
  std::size_t budget_;   // bytes of emulated output left
  bool over_ = false;
  std::map<std::string, std::string> files_;

  // Charges emulated output against the budget; past it the output becomes unknown.
  Input charge(Input out, std::size_t at) {
    if (!out.bytes) return out;
    if (out.bytes->size() <= budget_) {
      budget_ -= out.bytes->size();
      return out;
    }
    if (!over_) d_.add(Code::command_too_large, "", at, {std::to_string(total_)});
    over_ = true;
    budget_ = 0;
    return unknown("it is too large to emulate");
  }

  // Standard input is passed by reference: a group of many commands must not copy it for each one.
  Input run_pipeline(const Pipeline& pl, const Input& in) {
    Input cur;
    const Input* src = &in;
    for (const Command& c : pl) {
      cur = run_command(c, *src);
      src = &cur;
    }
    return pl.empty() ? known("") : cur;
  }

  Input run_command(const Command& c, const Input& given) {
    std::optional<std::string> out_file;
    bool append = false;
    Input redirected;
    const Input* in_ptr = &given;
    for (const Token* r : c.redirs) {
      const std::string& op = r->text;
      if (r->content) {
        redirected = known(*r->content);
        in_ptr = &redirected;
      } else if (op == "<" && (r->fd < 0 || r->fd == 0)) {
        auto it = files_.find(r->target);
        redirected = it != files_.end() ? known(it->second) : unknown("it comes from the file \"" + r->target + "\"");
        in_ptr = &redirected;
      } else if ((op == ">" || op == ">|" || op == ">>" || op == "&>" || op == "&>>") && (r->fd < 0 || r->fd == 1)) {
        out_file = r->target;
        append = op == ">>" || op == "&>>";
      }
    }
    const Input& in = *in_ptr;
    Input out = c.group ? run_list(*c.group, in) : charge(run_simple(c, in), c.offset);
    if (out_file) {
      if (out.bytes) {
        std::string& f = files_[*out_file];
        if (!append) f.clear();
        f += *out.bytes;
      } else {
        files_.erase(*out_file);
      }
      return known("");
    }
    return out;
  }

  Input run_simple(const Command& c, const Input& in) {
    std::size_t first = 0;
    auto skippable = [](const std::string& w) {
      if (w == "$" || w == "sudo" || w == "time" || w == "command" || w == "exec" || w == "builtin" || w == "nohup")
        return true;
      std::size_t eq = w.find('=');
      return eq != std::string::npos && eq > 0 && is_name_start(w[0]) &&
             w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == eq;
    };
    while (first < c.words.size() && skippable(c.words[first]->text)) ++first;
    if (first >= c.words.size()) return known("");
    std::vector<std::string> argv;
    for (std::size_t k = first; k < c.words.size(); ++k) argv.push_back(c.words[k]->text);
    std::string_view name = basename(argv[0]);
    if (name == "curl" || name == "curl.exe") {
      Invocation inv;
      inv.offset = c.words[first]->offset;
      for (std::size_t k = first + 1; k < c.words.size(); ++k) inv.args.push_back(Arg{c.words[k]->text, c.words[k]->offset});
      inv.budget = total_;
      if (result.curls.empty()) {   // only the first curl is read: copy its input and files only
        inv.input = in;
        inv.files = files_;
      }
      result.curls.push_back(std::move(inv));
      return unknown("it is the output of another curl command");
    }
    if (name == "printf") {
      std::string why;
      std::optional<std::string> o = emulate_printf(argv, why, budget_ + 1);
      return o ? known(std::move(*o)) : unknown(why);
    }
    if (name == "echo") return known(emulate_echo(argv));
    if (name == "true" || name == ":") return known("");
    if (name == "cat") {
      std::string out;
      bool any = false;
      for (std::size_t k = 1; k < argv.size(); ++k) {
        if (argv[k] == "-u") continue;
        any = true;
        if (argv[k] == "-") {
          if (!in.bytes) return in;
          out += *in.bytes;
        } else if (auto it = files_.find(argv[k]); it != files_.end()) {
          if (out.size() + it->second.size() > budget_) return known(std::string(budget_ + 1, ' '));   // charge() reports
          out += it->second;
        } else {
          return unknown("it comes from the file \"" + argv[k] + "\"");
        }
      }
      if (!any) return in;
      return known(std::move(out));
    }
    return unknown("it comes from \"" + std::string(name) + "\", which is not emulated here");
  }
};

}  // namespace

ShellRun run_posix(std::string_view text, Diagnostics& diags) {
  std::vector<Token> tokens = Lexer(text, diags).run();
  List list = Parser(tokens).parse();
  Runner runner(diags, output_budget(text.size()));
  runner.run_list(list, unknown("nothing is piped or redirected into it"));
  return std::move(runner.result);
}

}  // namespace mmhook::detail
