// Parses the CSS selector subset of gleaner/html.h (Selectors Level 3
// syntax for what it covers, CSS Syntax 3 identifiers, strings, escapes).
#include <string>

#include "gleaner/utf8.h"
#include "html_internal.h"
#include "selector_internal.h"

namespace gleaner::html::internal {

namespace {

using Compound = Selector::Compound;

bool IsWs(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsHex(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}
bool IsNameStart(char c) {
  return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsName(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-'; }

// CSS escapes may name any number; what UTF-8 cannot carry becomes U+FFFD.
void AppendEscaped(uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = utf8::kReplacement;
  utf8::Append(cp, out);
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return s;
}

class Parser {
 public:
  explicit Parser(std::string_view css) : s_(css) {}

  Status Run(std::vector<std::vector<Compound>>* groups) {
    for (;;) {
      SkipWs();
      std::vector<Compound> chain;
      GLEANER_TRY(Chain(&chain));
      groups->push_back(std::move(chain));
      SkipWs();
      if (AtEnd()) return Status::Ok();
      if (Peek() != ',') return Fail("expected ',' or a combinator");
      ++pos_;
    }
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }
  bool SkipWs() {
    size_t start = pos_;
    while (!AtEnd() && IsWs(s_[pos_])) ++pos_;
    return pos_ != start;
  }
  Error Fail(std::string_view what) const {
    return MakeError(Code::kInvalidInput,
                     "invalid CSS selector \"" + std::string(s_) + "\" at offset " +
                         std::to_string(pos_) + ": " + std::string(what));
  }

  Status Chain(std::vector<Compound>* chain) {
    Compound first;
    GLEANER_TRY(ParseCompound(&first, /*in_not=*/false));
    chain->push_back(std::move(first));
    for (;;) {
      bool ws = SkipWs();
      if (AtEnd() || Peek() == ',') return Status::Ok();
      Compound::Combinator comb = Compound::Combinator::kDescendant;
      if (Peek() == '>') {
        comb = Compound::Combinator::kChild;
        ++pos_;
        SkipWs();
      } else if (Peek() == '+' || Peek() == '~') {
        return Fail("sibling combinators are not supported");
      } else if (!ws) {
        return Fail("unexpected character");
      }
      if (chain->size() == kMaxCompoundsPerChain) return Fail("too many compound selectors");
      Compound next;
      next.combinator = comb;
      GLEANER_TRY(ParseCompound(&next, false));
      chain->push_back(std::move(next));
    }
  }

  Status ParseCompound(Compound* c, bool in_not) {
    size_t start = pos_;
    if (Peek() == '*') {
      ++pos_;
    } else if (StartsIdent()) {
      std::string name;
      GLEANER_TRY(Ident(&name));
      c->any_tag = false;
      c->tag_name = Lower(std::move(name));
      c->tag = TagFromName(c->tag_name);
    }
    for (;;) {
      char ch = Peek();
      if (ch == '#' || ch == '.') {
        ++pos_;
        if (!StartsIdent()) return Fail(ch == '#' ? "expected an id" : "expected a class name");
        std::string name;
        GLEANER_TRY(Ident(&name));
        (ch == '#' ? c->ids : c->classes).push_back(std::move(name));
      } else if (ch == '[') {
        GLEANER_TRY(Attribute(c));
      } else if (ch == ':') {
        GLEANER_TRY(PseudoClass(c, in_not));
      } else {
        break;
      }
    }
    if (pos_ == start) return Fail("expected a selector");
    return Status::Ok();
  }

  bool StartsIdent() const {
    char c = Peek();
    if (IsNameStart(c) || (c == '\\' && Peek(1) != '\n' && Peek(1) != '\0')) return true;
    if (c != '-') return false;
    char d = Peek(1);
    return IsNameStart(d) || d == '-' || (d == '\\' && Peek(2) != '\n' && Peek(2) != '\0');
  }

  // An escape after the backslash at pos_.
  void Escape(std::string* out) {
    ++pos_;
    if (IsHex(Peek())) {
      uint32_t cp = 0;
      for (int i = 0; i < 6 && IsHex(Peek()); ++i, ++pos_) {
        char h = static_cast<char>(s_[pos_] | 0x20);
        cp = cp * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : h - 'a' + 10);
      }
      if (IsWs(Peek())) ++pos_;
      AppendEscaped(cp, out);
    } else if (!AtEnd()) {
      out->push_back(s_[pos_++]);
    } else {
      utf8::Append(utf8::kReplacement, out);
    }
  }

  Status Ident(std::string* out) {
    while (!AtEnd()) {
      char c = s_[pos_];
      if (c == '\\') {
        if (Peek(1) == '\n') break;
        Escape(out);
      } else if (IsName(c)) {
        out->push_back(c);
        ++pos_;
      } else {
        break;
      }
    }
    if (out->empty()) return Fail("expected a name");
    return Status::Ok();
  }

  Status String(std::string* out) {
    char quote = s_[pos_++];
    while (!AtEnd()) {
      char c = s_[pos_];
      if (c == quote) {
        ++pos_;
        return Status::Ok();
      }
      if (c == '\n') break;
      if (c == '\\') {
        if (Peek(1) == '\n') {
          pos_ += 2;
          continue;
        }
        Escape(out);
        continue;
      }
      out->push_back(c);
      ++pos_;
    }
    return Fail("unterminated string");
  }

  Status Attribute(Compound* c) {
    ++pos_;  // '['
    SkipWs();
    AttrTest test;
    if (!StartsIdent()) return Fail("expected an attribute name");
    GLEANER_TRY(Ident(&test.name));
    test.name = Lower(std::move(test.name));
    SkipWs();
    if (Peek() != ']') {
      GLEANER_TRY(AttrOperator(&test.op));
      SkipWs();
      if (Peek() == '"' || Peek() == '\'') {
        GLEANER_TRY(String(&test.value));
      } else if (StartsIdent() || (Peek() >= '0' && Peek() <= '9')) {
        while (!AtEnd() && (IsName(Peek()) || Peek() == '\\')) {
          if (Peek() == '\\') {
            Escape(&test.value);
          } else {
            test.value.push_back(s_[pos_++]);
          }
        }
      } else {
        return Fail("expected an attribute value");
      }
      SkipWs();
      if (Peek() == 'i' || Peek() == 'I' || Peek() == 's' || Peek() == 'S') {
        test.ignore_case = (Peek() | 0x20) == 'i';
        ++pos_;
        SkipWs();
      }
    }
    if (Peek() != ']') return Fail("expected ']'");
    ++pos_;
    if (test.ignore_case) test.value = Lower(std::move(test.value));
    c->attrs.push_back(std::move(test));
    return Status::Ok();
  }

  Status AttrOperator(AttrTest::Op* op) {
    char c = Peek();
    if (c == '=') {
      *op = AttrTest::Op::kEquals;
      ++pos_;
      return Status::Ok();
    }
    if (Peek(1) != '=') return Fail("expected ']' or an attribute operator");
    switch (c) {
      case '~': *op = AttrTest::Op::kWord; break;
      case '^': *op = AttrTest::Op::kPrefix; break;
      case '$': *op = AttrTest::Op::kSuffix; break;
      case '*': *op = AttrTest::Op::kContains; break;
      case '|': *op = AttrTest::Op::kDashPrefix; break;
      default: return Fail("expected ']' or an attribute operator");
    }
    pos_ += 2;
    return Status::Ok();
  }

  Status PseudoClass(Compound* c, bool in_not) {
    ++pos_;  // ':'
    if (Peek() == ':') return Fail("pseudo-elements are not supported");
    std::string name;
    if (!StartsIdent()) return Fail("expected a pseudo-class name");
    GLEANER_TRY(Ident(&name));
    name = Lower(std::move(name));
    Pseudo p;
    if (name == "first-child") {
      p.kind = Pseudo::Kind::kFirstChild;
    } else if (name == "last-child") {
      p.kind = Pseudo::Kind::kLastChild;
    } else if (name == "only-child") {
      p.kind = Pseudo::Kind::kOnlyChild;
    } else if (name == "nth-child" && Peek() == '(') {
      ++pos_;
      p.kind = Pseudo::Kind::kNthChild;
      GLEANER_TRY(Nth(&p.a, &p.b));
    } else if (name == "not" && Peek() == '(') {
      if (in_not) return Fail(":not() cannot be nested");
      ++pos_;
      SkipWs();
      Compound inner;
      GLEANER_TRY(ParseCompound(&inner, /*in_not=*/true));
      SkipWs();
      if (Peek() != ')') return Fail("expected ')' after the :not() argument");
      ++pos_;
      c->nots.push_back(std::move(inner));
      return Status::Ok();
    } else {
      return Fail("unsupported pseudo-class ':" + name + "'");
    }
    c->pseudos.push_back(p);
    return Status::Ok();
  }

  Status Number(int64_t* out) {
    if (!(Peek() >= '0' && Peek() <= '9')) return Fail("expected a number");
    int64_t v = 0;
    while (Peek() >= '0' && Peek() <= '9') {
      if (v > 100000000) return Fail("number too large");
      v = v * 10 + (s_[pos_++] - '0');
    }
    *out = v;
    return Status::Ok();
  }

  // An+B ("odd", "even", "3", "2n+1", "-n+3"), then ')'.
  Status Nth(int64_t* a, int64_t* b) {
    SkipWs();
    std::string word;
    if (IsNameStart(Peek()) && (Peek() | 0x20) != 'n') {
      size_t start = pos_;
      GLEANER_TRY(Ident(&word));
      size_t end = pos_;
      pos_ = start;  // errors point at the word
      word = Lower(std::move(word));
      if (word == "odd") {
        *a = 2;
        *b = 1;
      } else if (word == "even") {
        *a = 2;
        *b = 0;
      } else {
        return Fail("expected an+b, odd or even");
      }
      pos_ = end;
    } else {
      int64_t sign = 1;
      if (Peek() == '+' || Peek() == '-') sign = s_[pos_++] == '-' ? -1 : 1;
      int64_t num = 1;
      bool digits = Peek() >= '0' && Peek() <= '9';
      if (digits) GLEANER_TRY(Number(&num));
      if ((Peek() | 0x20) == 'n') {
        ++pos_;
        *a = sign * num;
        *b = 0;
        SkipWs();
        if (Peek() == '+' || Peek() == '-') {
          int64_t sign_b = s_[pos_++] == '-' ? -1 : 1;
          SkipWs();
          GLEANER_TRY(Number(b));
          *b *= sign_b;
        }
      } else {
        if (!digits) return Fail("expected an+b, odd or even");
        *a = 0;
        *b = sign * num;
      }
    }
    SkipWs();
    if (Peek() != ')') return Fail("expected ')' after an+b");
    ++pos_;
    return Status::Ok();
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Status ParseSelectorGroups(std::string_view css, std::vector<std::vector<Compound>>* groups) {
  if (css.size() > kMaxSelectorBytes) {
    return MakeError(Code::kInvalidInput, "invalid CSS selector \"" +
                                              std::string(css.substr(0, 64)) +
                                              "...\": longer than " +
                                              std::to_string(kMaxSelectorBytes) + " bytes");
  }
  return Parser(css).Run(groups);
}

}  // namespace gleaner::html::internal
