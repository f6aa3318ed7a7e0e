// selector_internal: the compiled form of a Selector, shared by the parser
// (selector_parse.cc) and the matcher (selector.cc).
#ifndef GLEANER_SRC_HTML_SELECTOR_INTERNAL_H_
#define GLEANER_SRC_HTML_SELECTOR_INTERNAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "gleaner/html.h"

namespace gleaner::html {

// Bounds that keep matching cheap whatever a rules file says: matching is
// O(compounds x depth) per element.
inline constexpr size_t kMaxSelectorBytes = 4096;
inline constexpr size_t kMaxCompoundsPerChain = 32;

struct AttrTest {
  enum class Op : uint8_t {
    kExists,    // [a]
    kEquals,    // [a=v]
    kWord,      // [a~=v]  v is one of the whitespace-separated words
    kPrefix,    // [a^=v]
    kSuffix,    // [a$=v]
    kContains,  // [a*=v]
    kDashPrefix // [a|=v]  v, or v followed by '-'
  };
  std::string name;  // lower case
  Op op = Op::kExists;
  std::string value;
  bool ignore_case = false;  // [a=v i]
};

struct Pseudo {
  enum class Kind : uint8_t { kFirstChild, kLastChild, kOnlyChild, kNthChild };
  Kind kind = Kind::kFirstChild;
  int64_t a = 0, b = 0;  // :nth-child(an+b)
};

// A compound selector (type, ids, classes, attributes, pseudo-classes that
// all apply to one element) and how it relates to the compound on its left.
struct Selector::Compound {
  enum class Combinator : uint8_t { kNone, kDescendant, kChild };
  Combinator combinator = Combinator::kNone;  // kNone for the leftmost
  bool any_tag = true;
  Tag tag = Tag::kOther;
  std::string tag_name;  // lower case; used when tag == kOther
  std::vector<std::string> ids;
  std::vector<std::string> classes;
  std::vector<AttrTest> attrs;
  std::vector<Pseudo> pseudos;
  std::vector<Compound> nots;  // :not(x); each without combinators or :not
};

namespace internal {

// Parses `css` into groups of compound chains; on error returns a message
// naming the offset and what was expected there.
Status ParseSelectorGroups(std::string_view css,
                           std::vector<std::vector<Selector::Compound>>* groups);

}  // namespace internal
}  // namespace gleaner::html

#endif  // GLEANER_SRC_HTML_SELECTOR_INTERNAL_H_
