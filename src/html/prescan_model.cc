// The pre-scan's estimate of the tree builder's stack of open elements:
// enough to know when a start tag is in SVG/MathML (where <script> is not a
// script and CDATA sections exist) and to bound nesting depth.
#include <algorithm>

#include "html_internal.h"

namespace gleaner::html::internal {

namespace {

constexpr TagKey kA = Key("a"), kNobr = Key("nobr"), kP = Key("p"),
                 kLi = Key("li"), kDt = Key("dt"), kDd = Key("dd"),
                 kOption = Key("option"), kOptgroup = Key("optgroup"),
                 kTr = Key("tr"), kTd = Key("td"), kTh = Key("th"),
                 kThead = Key("thead"), kTbody = Key("tbody"),
                 kTfoot = Key("tfoot"), kSelect = Key("select"),
                 kSvg = Key("svg"), kMath = Key("math"), kFont = Key("font"),
                 kHtml = Key("html"), kHead = Key("head"), kBody = Key("body"),
                 kMi = Key("mi"), kMo = Key("mo"), kMn = Key("mn"),
                 kMs = Key("ms"), kMtext = Key("mtext"), kDesc = Key("desc"),
                 kTitle = Key("title"), kForeignObject = Key("foreignobject"),
                 kAnnotationXml = Key("annotation-xml");

bool In(TagKey key, std::initializer_list<TagKey> set) {
  return std::find(set.begin(), set.end(), key) != set.end();
}

// Void elements never go on the stack.
bool IsVoid(TagKey k) {
  static constexpr TagKey kVoid[] = {
      Key("area"), Key("base"), Key("br"), Key("col"), Key("embed"),
      Key("hr"), Key("img"), Key("input"), Key("link"), Key("meta"),
      Key("param"), Key("source"), Key("track"), Key("wbr"), Key("keygen"),
      Key("basefont"), Key("bgsound"), Key("frame"), Key("image"),
      Key("isindex"), Key("menuitem")};
  return std::find(std::begin(kVoid), std::end(kVoid), k) != std::end(kVoid);
}

// Start tags that close an open <p> ("close a p element" in the spec).
bool ClosesP(TagKey k) {
  static constexpr TagKey kSet[] = {
      Key("address"), Key("article"), Key("aside"), Key("blockquote"),
      Key("center"), Key("details"), Key("dialog"), Key("dir"), Key("div"),
      Key("dl"), Key("fieldset"), Key("figcaption"), Key("figure"),
      Key("footer"), Key("form"), Key("h1"), Key("h2"), Key("h3"),
      Key("h4"), Key("h5"), Key("h6"), Key("header"), Key("hgroup"),
      Key("hr"), Key("main"), Key("menu"), Key("nav"), Key("ol"), Key("p"),
      Key("pre"), Key("section"), Key("summary"), Key("table"), Key("ul"),
      Key("listing"), Key("li"), Key("dd"), Key("dt")};
  return std::find(std::begin(kSet), std::end(kSet), k) != std::end(kSet);
}

bool IsHeading(TagKey k) {
  return In(k, {Key("h1"), Key("h2"), Key("h3"), Key("h4"), Key("h5"), Key("h6")});
}

// Start tags that end foreign content (the spec's list as of Gumbo 0.10.1).
bool IsBreakout(TagKey k) {
  static constexpr TagKey kSet[] = {
      Key("b"), Key("big"), Key("blockquote"), Key("body"), Key("br"),
      Key("center"), Key("code"), Key("dd"), Key("div"), Key("dl"),
      Key("dt"), Key("em"), Key("embed"), Key("h1"), Key("h2"), Key("h3"),
      Key("h4"), Key("h5"), Key("h6"), Key("head"), Key("hr"), Key("i"),
      Key("img"), Key("li"), Key("listing"), Key("menu"), Key("meta"),
      Key("nobr"), Key("ol"), Key("p"), Key("pre"), Key("ruby"), Key("s"),
      Key("small"), Key("span"), Key("strong"), Key("strike"), Key("sub"),
      Key("sup"), Key("table"), Key("tt"), Key("u"), Key("ul"), Key("var")};
  return std::find(std::begin(kSet), std::end(kSet), k) != std::end(kSet);
}

bool EqualsCi(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

// The value of attribute `lower_name`, or nullptr-data view when absent.
bool FindAttr(std::string_view input, std::span<const RawAttr> attrs,
              std::string_view lower_name, std::string_view* value) {
  for (const RawAttr& a : attrs) {
    if (EqualsCi(input.substr(a.name_begin, a.name_size), lower_name)) {
      *value = input.substr(a.value_begin, a.value_size);
      return true;
    }
  }
  return false;
}

}  // namespace

OpenElements::OpenElements(uint32_t max_depth) : max_depth_(max_depth) {
  counts_.resize(64);
}

size_t OpenElements::SlotOf(TagKey key) const {
  size_t mask = counts_.size() - 1;
  size_t i = static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 40) & mask;
  while (counts_[i].first != 0 && counts_[i].first != key) i = (i + 1) & mask;
  return i;  // the key's slot, or the empty slot where it would go
}

uint32_t& OpenElements::CountOf(TagKey key) {
  size_t i = SlotOf(key);
  if (counts_[i].first == key) return counts_[i].second;
  if (2 * (count_used_ + 1) > counts_.size()) {  // keep the load under 1/2
    std::vector<std::pair<TagKey, uint32_t>> old(counts_.size() * 2, {0, 0});
    old.swap(counts_);
    for (const auto& [k, c] : old) {
      if (k != 0) counts_[SlotOf(k)] = {k, c};
    }
    i = SlotOf(key);
  }
  ++count_used_;
  counts_[i] = {key, 0};
  return counts_[i].second;
}

uint32_t OpenElements::Count(TagKey key) const {
  size_t i = SlotOf(key);
  return counts_[i].first == key ? counts_[i].second : 0;
}

void OpenElements::Push(TagKey key, Ns ns, bool dropped) {
  stack_.push_back({key, ns, dropped});
  ++CountOf(key);
  if (!dropped) ++live_;
}

void OpenElements::Pop() {
  const Entry& e = stack_.back();
  --CountOf(e.key);
  if (!e.dropped) --live_;
  stack_.pop_back();
}

void OpenElements::PopWhileTopIn(std::initializer_list<TagKey> keys) {
  while (!stack_.empty() && In(stack_.back().key, keys)) Pop();
}

void OpenElements::PopTo(TagKey key) {
  while (!stack_.empty()) {
    bool last = stack_.back().key == key;
    Pop();
    if (last) return;
  }
}

bool OpenElements::PushChecked(TagKey key, Ns ns) {
  // Live depth plus the implied <html> and <body>.
  if (live_ + 2 >= max_depth_) {
    Push(key, this->ns(), /*dropped=*/true);
    return false;
  }
  Push(key, ns, /*dropped=*/false);
  return true;
}

bool OpenElements::Start(TagKey key, bool self_closing, std::string_view input,
                         std::span<const RawAttr> attrs, Content* content) {
  *content = Content::kNormal;
  if (ns() != Ns::kHtml) {
    std::string_view unused;
    bool breakout = IsBreakout(key) ||
                    (key == kFont && (FindAttr(input, attrs, "color", &unused) ||
                                      FindAttr(input, attrs, "face", &unused) ||
                                      FindAttr(input, attrs, "size", &unused)));
    if (!breakout) return StartForeign(key, self_closing, input, attrs);
    while (!stack_.empty() && ns() != Ns::kHtml) Pop();
  }
  return StartHtml(key, self_closing, content);
}

bool OpenElements::StartForeign(TagKey key, bool self_closing, std::string_view input,
                                std::span<const RawAttr> attrs) {
  if (self_closing) return true;
  Ns child = ns();
  if (child == Ns::kSvg && In(key, {kForeignObject, kDesc, kTitle})) child = Ns::kHtml;
  if (child == Ns::kMath) {
    if (In(key, {kMi, kMo, kMn, kMs, kMtext})) child = Ns::kHtml;
    if (key == kAnnotationXml) {
      std::string_view enc;
      if (FindAttr(input, attrs, "encoding", &enc) &&
          (EqualsCi(enc, "text/html") || EqualsCi(enc, "application/xhtml+xml"))) {
        child = Ns::kHtml;
      }
    }
    if (key == kSvg && !stack_.empty() && stack_.back().key == kAnnotationXml) {
      child = Ns::kSvg;
    }
  }
  return PushChecked(key, child);
}

bool OpenElements::StartHtml(TagKey key, bool self_closing, Content* content) {
  if (key == kHtml || key == kHead || key == kBody) return true;  // never nested
  if (key == kSvg || key == kMath) {
    if (self_closing || Count(kSelect) > 0) return true;  // <select> ignores them
    return PushChecked(key, key == kSvg ? Ns::kSvg : Ns::kMath);
  }
  switch (key) {
    case Key("script"): *content = Content::kScript; return true;
    case Key("style"): *content = Content::kStyle; return true;
    case Key("title"):
    case Key("textarea"): *content = Content::kRcData; return true;
    case Key("xmp"):
    case Key("iframe"):
    case Key("noembed"):
    case Key("noframes"): *content = Content::kRawText; return true;
    case Key("plaintext"): *content = Content::kPlainText; return true;
    default: break;
  }
  if (IsVoid(key)) return true;
  // Elements the tree builder closes implicitly; without this a page of
  // unclosed <p>s or <li>s would look deep.
  if (ClosesP(key)) PopWhileTopIn({kP});
  if (IsHeading(key)) {
    PopWhileTopIn({Key("h1"), Key("h2"), Key("h3"), Key("h4"), Key("h5"), Key("h6")});
  }
  if (key == kLi) PopWhileTopIn({kLi});
  if (key == kDt || key == kDd) PopWhileTopIn({kDt, kDd});
  if (key == kOption) PopWhileTopIn({kOption});
  if (key == kOptgroup) PopWhileTopIn({kOption, kOptgroup});
  if (key == kTd || key == kTh) PopWhileTopIn({kTd, kTh});
  if (key == kTr) PopWhileTopIn({kTd, kTh, kTr});
  if (key == kThead || key == kTbody || key == kTfoot) {
    PopWhileTopIn({kTd, kTh, kTr, kThead, kTbody, kTfoot});
  }
  if ((key == kA || key == kNobr) && Count(key) > 0) PopTo(key);  // adoption agency
  return PushChecked(key, Ns::kHtml);
}

bool OpenElements::End(TagKey key) {
  if (key == kHtml || key == kHead || key == kBody) return true;
  if (Count(key) == 0) return true;
  // Pop to the nearest open element of that name; it decides the fate of
  // the end tag.
  while (!stack_.empty()) {
    Entry e = stack_.back();
    Pop();
    if (e.key == key) return !e.dropped;
  }
  return true;
}

}  // namespace gleaner::html::internal
