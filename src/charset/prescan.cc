// prescan: the BOM sniff and WHATWG's "prescan a byte stream to determine
// its encoding" (HTML Standard 13.2.3.2), step for step, over a caller-set
// number of bytes instead of 1024.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "charset_internal.h"
#include "gleaner/charset.h"

namespace gleaner::charset {
namespace internal {
namespace {

bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlpha(unsigned char c) { return IsUpper(c) || (c >= 'a' && c <= 'z'); }
char Lower(unsigned char c) { return static_cast<char>(IsUpper(c) ? c + 0x20 : c); }

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view lower) {
  if (s.size() - pos < lower.size()) return false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (Lower(static_cast<unsigned char>(s[pos + i])) != lower[i]) return false;
  }
  return true;
}

struct Attribute {
  std::string name;
  std::string value;
};

// "Extracting a character encoding from a meta element" over a content
// attribute's value: the label after "charset=", or nullopt.
std::optional<std::string_view> CharsetFromContent(std::string_view s) {
  size_t pos = 0;
  while (true) {
    pos = s.find("charset", pos);  // the value is already lower case
    if (pos == std::string_view::npos) return std::nullopt;
    pos += 7;
    while (pos < s.size() && IsAsciiWhitespace(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos < s.size() && s[pos] == '=') break;
  }
  ++pos;
  while (pos < s.size() && IsAsciiWhitespace(static_cast<unsigned char>(s[pos]))) ++pos;
  if (pos >= s.size()) return std::nullopt;
  const char c = s[pos];
  if (c == '"' || c == '\'') {
    const size_t end = s.find(c, pos + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return s.substr(pos + 1, end - pos - 1);
  }
  size_t end = pos;
  while (end < s.size() && s[end] != ';' &&
         !IsAsciiWhitespace(static_cast<unsigned char>(s[end]))) {
    ++end;
  }
  return s.substr(pos, end - pos);
}

// Walks the bytes with the spec's position pointer. Running off the end
// anywhere ends the prescan with no result, as the spec says.
class Prescanner {
 public:
  explicit Prescanner(std::string_view s) : s_(s) {}

  std::string Run() {
    while (true) {
      // Only a '<' starts anything; every other byte is "next byte".
      pos_ = s_.find('<', pos_);
      if (pos_ == std::string_view::npos) return {};
      if (s_.compare(pos_, 4, "<!--") == 0) {
        // The "-->" may reuse the dashes of "<!--": "<!-->" is a comment.
        const size_t end = s_.find("-->", pos_ + 2);
        if (end == std::string_view::npos) return {};
        pos_ = end + 2;
      } else if (StartsWithNoCase(s_, pos_, "<meta") && pos_ + 5 < s_.size() &&
                 IsSpaceOrSlash(At(pos_ + 5))) {
        pos_ += 6;
        std::optional<std::string> label = Meta();
        if (label) return *label;
      } else if (IsAlpha(At(pos_ + 1)) || (At(pos_ + 1) == '/' && IsAlpha(At(pos_ + 2)))) {
        SkipTag();
      } else if (At(pos_ + 1) == '!' || At(pos_ + 1) == '/' || At(pos_ + 1) == '?') {
        const size_t end = s_.find('>', pos_ + 1);
        if (end == std::string_view::npos) return {};
        pos_ = end;
      }
      ++pos_;  // "next byte"
    }
  }

 private:
  // The byte at i, or 0 past the end (0 matches no test above).
  unsigned char At(size_t i) const {
    return i < s_.size() ? static_cast<unsigned char>(s_[i]) : 0;
  }
  bool AtEnd() const { return pos_ >= s_.size(); }
  static bool IsSpaceOrSlash(unsigned char c) { return IsAsciiWhitespace(c) || c == '/'; }

  void SkipTag() {
    while (!AtEnd() && !IsAsciiWhitespace(At(pos_)) && At(pos_) != '>') ++pos_;
    while (GetAttribute()) {
    }
  }

  // The attribute loop of a <meta>: returns the label when this meta
  // declares a known encoding, else nullopt (and the scan goes on).
  std::optional<std::string> Meta() {
    std::vector<std::string> seen;  // names; only the first of each counts
    bool got_pragma = false;
    std::optional<bool> need_pragma;
    std::optional<std::string> charset;
    while (std::optional<Attribute> attr = GetAttribute()) {
      if (std::find(seen.begin(), seen.end(), attr->name) != seen.end()) continue;
      seen.push_back(attr->name);
      if (attr->name == "http-equiv") {
        if (attr->value == "content-type") got_pragma = true;
      } else if (attr->name == "content") {
        const std::optional<std::string_view> label = CharsetFromContent(attr->value);
        if (label && LookupLabel(*label) && !charset) {
          charset = std::string(TrimAsciiWhitespace(*label));
          need_pragma = true;
        }
      } else if (attr->name == "charset") {
        charset = std::string(TrimAsciiWhitespace(attr->value));
        need_pragma = false;
      }
    }
    // A tag cut off by the limit does not count: its next attribute might
    // have changed the answer.
    if (AtEnd()) return std::nullopt;
    if (!need_pragma || (*need_pragma && !got_pragma)) return std::nullopt;
    if (!charset || !LookupLabel(*charset)) return std::nullopt;
    return charset;
  }

  // "Get an attribute". Leaves pos_ on the byte after the attribute (or on
  // the '>' that ends the tag, or at the end).
  std::optional<Attribute> GetAttribute() {
    while (!AtEnd() && IsSpaceOrSlash(At(pos_))) ++pos_;
    if (AtEnd() || At(pos_) == '>') return std::nullopt;
    Attribute attr;
    while (true) {  // the name
      if (AtEnd()) return std::nullopt;
      const unsigned char c = At(pos_);
      if (c == '=' && !attr.name.empty()) {
        ++pos_;
        return Value(std::move(attr));
      }
      if (IsAsciiWhitespace(c)) break;
      if (c == '/' || c == '>') return attr;
      attr.name += Lower(c);
      ++pos_;
    }
    while (!AtEnd() && IsAsciiWhitespace(At(pos_))) ++pos_;  // "spaces"
    if (AtEnd() || At(pos_) != '=') return attr;
    ++pos_;
    return Value(std::move(attr));
  }

  std::optional<Attribute> Value(Attribute attr) {
    while (!AtEnd() && IsAsciiWhitespace(At(pos_))) ++pos_;
    if (AtEnd()) return std::nullopt;
    const unsigned char quote = At(pos_);
    if (quote == '"' || quote == '\'') {
      const size_t end = s_.find(static_cast<char>(quote), pos_ + 1);
      if (end == std::string_view::npos) return std::nullopt;
      for (size_t i = pos_ + 1; i < end; ++i) attr.value += Lower(At(i));
      pos_ = end + 1;
      return attr;
    }
    if (quote == '>') return attr;
    while (!AtEnd() && !IsAsciiWhitespace(At(pos_)) && At(pos_) != '>') {
      attr.value += Lower(At(pos_));
      ++pos_;
    }
    if (AtEnd()) return std::nullopt;
    return attr;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<Bom> SniffBom(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) return Bom{Enc::kUtf8, 3};
  if (bytes.size() >= 2 && bytes.compare(0, 2, "\xFE\xFF") == 0) return Bom{Enc::kUtf16Be, 2};
  if (bytes.size() >= 2 && bytes.compare(0, 2, "\xFF\xFE") == 0) return Bom{Enc::kUtf16Le, 2};
  return std::nullopt;
}

}  // namespace internal

std::string PrescanMeta(std::string_view bytes, size_t limit) {
  return internal::Prescanner(bytes.substr(0, limit)).Run();
}

}  // namespace gleaner::charset
