// html_internal: pieces of the html module shared between its files (and
// its tests and benchmark); not part of the public contract.
#ifndef GLEANER_SRC_HTML_HTML_INTERNAL_H_
#define GLEANER_SRC_HTML_HTML_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/html.h"

struct GumboInternalOutput;

namespace gleaner::html::internal {

// ---- pre-scan (prescan.cc, prescan_model.cc) ------------------------------

struct PrescanLimits {
  // Start tags that would open an element deeper than this (by the
  // pre-scan's estimate of the open-element stack) are dropped, with their
  // end tags. Gumbo's scope checks walk the whole stack, so depth d costs
  // O(d) per tag: 100 000 nested <div>s take 15 s. Blink caps its DOM depth
  // at 512 for the same reason.
  uint32_t max_open_elements = 512;
  // Attributes past this many on one tag are dropped: Gumbo checks each new
  // attribute against all earlier ones (30 000 attributes take 1.8 s).
  uint32_t max_attributes = 128;
  // Rewrites the formatting elements other than <a> and <nobr> (b, i, font,
  // ...) as <span>. Used only when a first parse blew its memory budget:
  // misnested formatting elements make Gumbo clone them at every block.
  bool flatten_formatting = false;
  // Attribute values at least this long whose decoding needs no entity
  // table (DecodeAttrValue) are lifted out like scripts and put back by the
  // copy: Gumbo spends ~40 ns on every byte it sees. 0: never.
  size_t min_lifted_attr_bytes = 48;
  // Runs of ASCII whitespace between tags become one character ('\n' if
  // the run had a line break), except inside <pre> and <listing>.
  // TextContent is unchanged; whitespace-only text nodes get shorter.
  bool collapse_whitespace = true;
};

// One script lifted out of the input.
struct LiftedScript {
  size_t tag_offset = 0;  // offset of the start tag's '<' in PrescanOutput::html
  // Raw (not entity-decoded) attribute values and the body, as offsets
  // into PrescanOutput::script_text; used when no node maps to the script.
  uint32_t type_begin = 0, type_size = 0;
  uint32_t id_begin = 0, id_size = 0;
  uint32_t src_begin = 0, src_size = 0;
  uint32_t text_begin = 0, text_size = 0;
};

// An attribute value lifted out: in `html` it is one placeholder byte
// (0x01, which Gumbo turns into U+FFFD).
struct LiftedAttr {
  uint32_t value_offset = 0;  // offset in PrescanOutput::html of the value
                              // token: its quote, or its first byte
  uint32_t raw_begin = 0;     // the raw value in the pre-scan's input
  uint32_t raw_size = 0;
};

struct PrescanOutput {
  std::string html;         // the reduced input Gumbo parses
  std::string script_text;  // script bodies and raw attribute values
  std::vector<LiftedScript> scripts;  // in document order
  std::vector<LiftedAttr> attrs;      // by value_offset
  size_t start_tags = 0;    // start tags emitted, for sizing
  size_t dropped_tags = 0;  // start tags dropped by max_open_elements
};

// Copies `in` to out->html without the bodies of <script> and <style>
// elements and without comments, following the HTML tokenizer's rules for
// where each of them ends. Linear time. `out` is cleared first.
void Prescan(std::string_view in, const PrescanLimits& limits, PrescanOutput* out);

// Decodes a raw attribute value exactly as the HTML tokenizer would, if
// that needs no named-entity table; returns false (and leaves *out in an
// unspecified state) otherwise. `out` may be nullptr to only check.
bool DecodeAttrValue(std::string_view raw, std::string* out);

// ---- open-element model used by the pre-scan (prescan_model.cc) -----------

// A tag name, lower-cased, packed into 64 bits: names up to 8 bytes are
// exact, longer ones are hashed with the top bit set.
using TagKey = uint64_t;
constexpr TagKey KeyOf(std::string_view name) {
  auto lower = [](char ch) {
    unsigned char c = static_cast<unsigned char>(ch);
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
  };
  TagKey k = 0;
  if (name.size() <= 8) {
    for (size_t i = 0; i < name.size(); ++i) k |= static_cast<TagKey>(lower(name[i])) << (8 * i);
    return k;
  }
  k = 1469598103934665603ull;  // FNV-1a
  for (char c : name) k = (k ^ lower(c)) * 1099511628211ull;
  return k | (TagKey{1} << 63);
}
constexpr TagKey Key(std::string_view lower_name) { return KeyOf(lower_name); }

enum class Ns : uint8_t { kHtml, kSvg, kMath };

// An attribute as the pre-scan saw it: byte ranges of the input.
struct RawAttr {
  uint32_t name_begin, name_size;
  uint32_t value_begin, value_size;
};

// What the tokenizer does after a start tag: which state the tree builder
// puts it in.
enum class Content : uint8_t {
  kNormal,     // data state
  kScript,     // script data (lifted)
  kStyle,      // RAWTEXT, body dropped
  kRawText,    // RAWTEXT kept: xmp, iframe, noembed, noframes
  kRcData,     // RCDATA kept: title, textarea
  kPlainText,  // everything to EOF is text
};

// A simplified tree builder that only estimates the stack of open elements
// and whether the current node is foreign (SVG/MathML). Its job is to bound
// depth and to know where the tokenizer's rules change. Where it guesses
// wrong (a frameset page, an <svg> the tree builder ignores somewhere other
// than <select>), a script may stay in the tree unlifted or an SVG <script>
// be lifted; the tree then differs from plain Gumbo's only inside it.
class OpenElements {
 public:
  explicit OpenElements(uint32_t max_depth);

  Ns ns() const { return stack_.empty() ? Ns::kHtml : stack_.back().ns; }
  // True inside <pre> or <listing>, where whitespace is content.
  bool InPre() const { return Count(Key("pre")) + Count(Key("listing")) > 0; }

  // A start tag with its attributes (spans into `input`). Returns false
  // when the tag must be dropped (too deep). Sets *content to the tokenizer
  // state that follows the tag.
  bool Start(TagKey key, bool self_closing, std::string_view input,
             std::span<const RawAttr> attrs, Content* content);

  // An end tag. Returns false when it closes a dropped start tag (and so
  // must be dropped too).
  bool End(TagKey key);

 private:
  struct Entry {
    TagKey key;
    Ns ns;  // namespace of this element's content
    bool dropped;
  };
  bool StartHtml(TagKey key, bool self_closing, Content* content);
  bool StartForeign(TagKey key, bool self_closing, std::string_view input,
                    std::span<const RawAttr> attrs);
  bool PushChecked(TagKey key, Ns ns);
  void Push(TagKey key, Ns ns, bool dropped);
  void Pop();
  void PopWhileTopIn(std::initializer_list<TagKey> keys);
  void PopTo(TagKey key);
  uint32_t Count(TagKey key) const;

  uint32_t max_depth_;
  uint32_t live_ = 0;  // entries not dropped
  std::vector<Entry> stack_;
  // Entries per key on the stack, so an end tag with no open element is
  // rejected in O(1) and popping stays amortised linear. Open addressing;
  // key 0 marks an empty slot (no tag name packs to 0).
  std::vector<std::pair<TagKey, uint32_t>> counts_;
  size_t count_used_ = 0;
  size_t SlotOf(TagKey key) const;
  uint32_t& CountOf(TagKey key);  // inserts a zero count when absent
};

// ---- Gumbo (gumbo_run.cc) -------------------------------------------------

// Owns every byte Gumbo allocates during one parse. Freeing the arena frees
// the whole GumboOutput at once, so gumbo_destroy_output (recursive in
// Gumbo 0.10.1: 100 000 nested elements overflow an 8 MB stack) is never
// called. Past `budget_bytes` the parse is abandoned (see RunGumbo).
class GumboArena;

struct GumboRun {
  const GumboInternalOutput* output = nullptr;  // nullptr: budget exceeded
  size_t allocated_bytes = 0;
};

// Parses `html` with Gumbo into `arena` (which must outlive any use of the
// output). Returns output == nullptr when Gumbo needed more than
// budget_bytes. REQUIRES: `html` outlives the output.
class GumboParser {
 public:
  GumboParser();
  ~GumboParser();
  GumboParser(const GumboParser&) = delete;
  GumboParser& operator=(const GumboParser&) = delete;
  GumboRun Parse(std::string_view html, size_t budget_bytes);

 private:
  std::unique_ptr<GumboArena> arena_;
};

// Memory a parse of `html_bytes` may use before it counts as a blow-up:
// far above what any real or merely dense page needs, far below what
// misnested formatting elements reach.
size_t GumboBudget(size_t html_bytes);

// ---- tags (tags.cc) -------------------------------------------------------

// Our Tag for a lower-case tag name; kOther when not one of ours.
Tag TagFromName(std::string_view lower_name);
// Our Tag for a GumboTag value (as int, so this header needs no gumbo.h).
Tag TagFromGumbo(int gumbo_tag);
// True for elements that start a new line when rendered (for TextContent).
bool IsBlockTag(Tag tag);

// ---- text (text.cc) -------------------------------------------------------

// Length of the UTF-8 whitespace character at s[i] (ASCII whitespace,
// U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000),
// or 0 when s[i] does not start one.
size_t WhitespaceLength(std::string_view s, size_t i);

// Cuts `s` to at most `max_bytes`, never inside a UTF-8 sequence.
std::string_view TruncateUtf8(std::string_view s, size_t max_bytes);

}  // namespace gleaner::html::internal

#endif  // GLEANER_SRC_HTML_HTML_INTERNAL_H_
