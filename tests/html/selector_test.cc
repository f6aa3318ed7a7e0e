// Focus: the CSS selector subset matches what a browser's querySelectorAll
// would on the same page, rejects what it does not support with a message
// naming the offset, and stays fast on hostile selectors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gleaner/html.h"

namespace gleaner::html {
namespace {

// Every element carries a short `k` attribute so rows can name matches.
const char kPage[] = R"(<html><head><title k=t>T</title></head><body k=body>
<div k=d1 id=main class="content article">
  <h1 k=h1 class=title>Title</h1>
  <p k=p1 class="info">2025年3月14日 <span k=s1 class=source>来源:新华社</span></p>
  <p k=p2 lang=en-US data-x="alpha beta">one</p>
  <p k=p3 class=last><a k=a1 href="https://example.com/a.html" rel="nofollow">a</a></p>
  <ul k=ul><li k=li1>1</li><li k=li2>2</li><li k=li3 class=item>3</li><li k=li4>4</li><li k=li5>5</li></ul>
</div>
<div k=d2 class="footer"><div k=d3><span k=s2 class="source x">s</span></div></div>
</body></html>)";

std::string Keys(const Document& doc, const std::vector<NodeId>& ids) {
  std::string out;
  for (NodeId id : ids) {
    if (!out.empty()) out += ",";
    out += std::string(doc.attr(id, "k"));
  }
  return out;
}

struct Row {
  const char* id;
  const char* css;
  const char* want;  // matched k attributes in document order
};

TEST(SelectorTest, TableOfMatches) {
  Document doc = Document::Parse(kPage);
  const Row rows[] = {
      {"type-1", "p", "p1,p2,p3"},
      {"type-2-case", "P", "p1,p2,p3"},
      {"type-3-none", "article", ""},
      {"universal", "ul > *", "li1,li2,li3,li4,li5"},
      {"class-1", ".source", "s1,s2"},
      {"class-2-two", ".source.x", "s2"},
      {"class-3-partial-word", ".sourc", ""},
      {"id-1", "#main", "d1"},
      {"id-2-with-type", "div#main.content", "d1"},
      {"id-3-case-sensitive", "#Main", ""},
      {"attr-exists", "[data-x]", "p2"},
      {"attr-equals", "[k=li3]", "li3"},
      {"attr-equals-quoted", "[href=\"https://example.com/a.html\"]", "a1"},
      {"attr-word", "[data-x~=beta]", "p2"},
      {"attr-word-partial", "[data-x~=bet]", ""},
      {"attr-prefix", "a[href^='https://']", "a1"},
      {"attr-suffix", "[href$=\".html\"]", "a1"},
      {"attr-contains", "[href*=example]", "a1"},
      {"attr-dash", "[lang|=en]", "p2"},
      {"attr-ci", "[rel=NOFOLLOW i]", "a1"},
      {"attr-empty-prefix-never", "[href^='']", ""},
      {"descendant", "div .source", "s1,s2"},
      {"descendant-2", "#main span", "s1"},
      {"child", "div > span", "s2"},
      {"child-none", "#main > span", ""},
      {"mixed", "body > div p > .source", "s1"},
      {"mixed-backtrack", "div > div span", "s2"},
      {"deep-descendant", "html body div div span", "s2"},
      {"first-child", "li:first-child", "li1"},
      {"last-child", "li:last-child", "li5"},
      {"only-child", "span:only-child", "s1,s2"},
      {"nth-1", "li:nth-child(2)", "li2"},
      {"nth-odd", "li:nth-child(odd)", "li1,li3,li5"},
      {"nth-even", "li:nth-child(even)", "li2,li4"},
      {"nth-an+b", "li:nth-child(3n+1)", "li1,li4"},
      {"nth-neg", "li:nth-child(-n+2)", "li1,li2"},
      {"nth-spaces", "li:nth-child( 2n + 1 )", "li1,li3,li5"},
      {"nth-zero", "li:nth-child(0)", ""},
      {"not-class", "li:not(.item)", "li1,li2,li4,li5"},
      {"not-type", "#main > :not(p):not(ul)", "h1"},
      {"group", "h1, .footer, title", "t,h1,d2"},
      {"group-dedup", "p.info, .info", "p1"},
      {"escape", "[k=\\6c i3]", "li3"},
      {"non-ascii-value", "span:not([k=s2])", "s1"},
  };
  for (const Row& r : rows) {
    auto sel = Selector::Parse(r.css);
    ASSERT_TRUE(sel.ok()) << r.id << ": " << sel.error().message;
    EXPECT_EQ(sel->text(), r.css);
    std::vector<NodeId> all = sel->SelectAll(doc);
    EXPECT_EQ(Keys(doc, all), r.want) << r.id;
    NodeId first = sel->SelectFirst(doc);
    EXPECT_EQ(first, all.empty() ? kNoNode : all.front()) << r.id;
    for (NodeId id : all) EXPECT_TRUE(sel->Matches(doc, id)) << r.id;
  }
}

TEST(SelectorTest, ScopeLimitsTheSearchAndIncludesTheScope) {
  Document doc = Document::Parse(kPage);
  auto footer = Selector::Parse(".footer").value().SelectFirst(doc);
  ASSERT_NE(footer, kNoNode);
  auto spans = Selector::Parse("span").value();
  EXPECT_EQ(Keys(doc, spans.SelectAll(doc, footer)), "s2");
  auto divs = Selector::Parse("div").value();
  EXPECT_EQ(Keys(doc, divs.SelectAll(doc, footer)), "d2,d3");
  EXPECT_FALSE(spans.Matches(doc, doc.root()));
  EXPECT_FALSE(spans.Matches(doc, static_cast<NodeId>(doc.size())));
}

struct BadRow {
  const char* css;
  const char* offset;  // "at offset N" expected in the message
};

TEST(SelectorTest, ParseErrorsNameTheSelectorAndOffset) {
  const BadRow rows[] = {
      {"", "at offset 0"},
      {"div >", "at offset 5"},
      {"> div", "at offset 0"},
      {"div,", "at offset 4"},
      {"a,,b", "at offset 2"},
      {".", "at offset 1"},
      {"#", "at offset 1"},
      {"[", "at offset 1"},
      {"[href", "at offset 5"},
      {"[href=]", "at offset 6"},
      {"[href=\"x]", "at offset 9"},
      {"[href!=x]", "at offset 5"},
      {"a:hover", "at offset 7"},
      {"p::before", "at offset 2"},
      {"li:nth-child(x)", "at offset 13"},
      {"li:nth-child(2n+)", "at offset 16"},
      {"li:nth-child(2", "at offset 14"},
      {"li:nth-child(99999999999)", "at offset"},
      {"p:not(a b)", "at offset 8"},
      {"p:not(:not(a))", "at offset 10"},
      {"a + b", "at offset 2"},
      {"a ~ b", "at offset 2"},
      {"div$", "at offset 3"},
  };
  for (const BadRow& r : rows) {
    auto sel = Selector::Parse(r.css);
    ASSERT_FALSE(sel.ok()) << r.css;
    EXPECT_EQ(sel.error().code, Code::kInvalidInput) << r.css;
    EXPECT_NE(sel.error().message.find(std::string("\"") + r.css + "\""), std::string::npos)
        << sel.error().message;
    EXPECT_NE(sel.error().message.find(r.offset), std::string::npos) << sel.error().message;
  }
}

TEST(SelectorTest, CapsOnSelectorSize) {
  std::string chain = "div";
  for (int i = 1; i < 32; ++i) chain += " div";
  EXPECT_TRUE(Selector::Parse(chain).ok());             // 32 compounds
  EXPECT_FALSE(Selector::Parse(chain + " div").ok());   // 33
  EXPECT_FALSE(Selector::Parse(std::string(5000, 'a')).ok());
}

// A long chain of descendant steps on a deep page must stay cheap: the
// matcher carries sets of positions instead of backtracking.
TEST(SelectorTest, HostileSelectorOnDeepPageFinishes) {
  std::string page;
  for (int i = 0; i < 200; ++i) page += "<div class=a>";
  Document doc = Document::Parse(page);
  std::string steps;
  for (int i = 0; i < 30; ++i) steps += (i % 2 == 0) ? " > .a" : " div";
  // Every element matches on the right; only the leftmost step fails.
  auto miss = Selector::Parse("p" + steps);
  ASSERT_TRUE(miss.ok()) << miss.error().message;
  EXPECT_TRUE(miss->SelectAll(doc).empty());
  auto hit = Selector::Parse("div" + steps);
  ASSERT_TRUE(hit.ok());
  EXPECT_EQ(hit->SelectAll(doc).size(), 200u - 30u);
}

}  // namespace
}  // namespace gleaner::html
