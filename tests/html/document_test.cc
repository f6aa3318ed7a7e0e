// Focus: Document::Parse gives the tree a user of Gumbo expects (shape,
// decoded text and attributes, names), maps every lifted script to its
// element, and stays up on hostile input.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

#include "gleaner/html.h"

namespace gleaner::html {
namespace {

// The first element with tag `tag` in document order, or kNoNode.
NodeId Find(const Document& doc, std::string_view tag, size_t nth = 0) {
  for (NodeId id = 0; id < doc.size(); ++id) {
    if (doc.node(id).type == NodeType::kElement && doc.tag_name(id) == tag && nth-- == 0) {
      return id;
    }
  }
  return kNoNode;
}

// Checks the link invariants on every node.
void ExpectConsistent(const Document& doc) {
  ASSERT_GT(doc.size(), 0u);
  EXPECT_EQ(doc.node(0).type, NodeType::kDocument);
  for (NodeId id = 0; id < doc.size(); ++id) {
    const Node& n = doc.node(id);
    if (id != 0) {
      ASSERT_LT(n.parent, id);
      EXPECT_EQ(n.depth, doc.node(n.parent).depth + 1);
    }
    if (n.next_sibling != kNoNode) {
      ASSERT_GT(n.next_sibling, id);
      EXPECT_EQ(doc.node(n.next_sibling).prev_sibling, id);
      EXPECT_EQ(doc.node(n.next_sibling).parent, n.parent);
    }
    if (n.first_child != kNoNode) {
      EXPECT_EQ(n.first_child, id + 1);  // pre-order
      EXPECT_EQ(doc.node(n.first_child).prev_sibling, kNoNode);
      EXPECT_EQ(doc.node(n.last_child).next_sibling, kNoNode);
    }
  }
}

TEST(DocumentTest, TreeShapeLinksAndDepth) {
  Document doc = Document::Parse(
      "<!DOCTYPE html><html><head><title>T</title></head>"
      "<body><div id=a><p>x</p>y<br></div></body></html>");
  ExpectConsistent(doc);
  ASSERT_NE(doc.html(), kNoNode);
  EXPECT_TRUE(doc.IsElement(doc.html(), Tag::kHtml));
  EXPECT_TRUE(doc.IsElement(doc.head(), Tag::kHead));
  EXPECT_TRUE(doc.IsElement(doc.body(), Tag::kBody));
  EXPECT_EQ(doc.node(doc.html()).depth, 1u);
  NodeId div = Find(doc, "div");
  ASSERT_NE(div, kNoNode);
  EXPECT_EQ(doc.node(div).parent, doc.body());
  NodeId p = doc.node(div).first_child;
  EXPECT_TRUE(doc.IsElement(p, Tag::kP));
  NodeId y = doc.node(p).next_sibling;
  EXPECT_EQ(doc.text(y), "y");
  EXPECT_TRUE(doc.IsElement(doc.node(div).last_child, Tag::kBr));
  EXPECT_EQ(doc.SubtreeEnd(div), static_cast<NodeId>(doc.size()));
  EXPECT_EQ(doc.SubtreeEnd(p), y);
  EXPECT_EQ(doc.TextContent(doc.head()), "T");
}

TEST(DocumentTest, EntitiesDecodedInTextAndAttributes) {
  Document doc = Document::Parse(
      "<p title=\"a&amp;b &lt;c&gt; &quot;\">x &amp; y&nbsp;z &#x4e2d;&#25991; &copy</p>");
  NodeId p = Find(doc, "p");
  EXPECT_EQ(doc.attr(p, "title"), "a&b <c> \"");
  EXPECT_EQ(doc.text(doc.node(p).first_child), "x & y\xC2\xA0z 中文 ©");
}

TEST(DocumentTest, NamesAreLowerCaseAndUnknownTagsKeepTheirName) {
  Document doc = Document::Parse(
      "<DIV CLASS=\"x\" Data-Foo=1><my-Widget>w</my-Widget><picture></picture><ruby>r</ruby>"
      "<svg viewBox=\"0 0 1 1\"><path d=M0/></svg></DIV>");
  NodeId div = Find(doc, "div");
  ASSERT_EQ(doc.attributes(div).size(), 2u);
  EXPECT_EQ(doc.attributes(div)[0].name, "class");
  EXPECT_EQ(doc.attributes(div)[1].name, "data-foo");
  EXPECT_TRUE(doc.has_attr(div, "data-foo"));
  EXPECT_FALSE(doc.has_attr(div, "id"));
  EXPECT_EQ(doc.attr(div, "id"), "");
  NodeId w = Find(doc, "my-widget");
  ASSERT_NE(w, kNoNode);
  EXPECT_EQ(doc.node(w).tag, Tag::kOther);
  EXPECT_EQ(doc.TextContent(w), "w");
  EXPECT_TRUE(doc.IsElement(Find(doc, "picture"), Tag::kPicture));  // unknown to Gumbo 0.10.1
  EXPECT_EQ(doc.node(Find(doc, "ruby")).tag, Tag::kOther);
  NodeId svg = Find(doc, "svg");
  EXPECT_EQ(doc.attr(svg, "viewbox"), "0 0 1 1");
  EXPECT_NE(Find(doc, "path"), kNoNode);
  EXPECT_EQ(TagName(Tag::kFigcaption), "figcaption");
  EXPECT_EQ(TagName(Tag::kOther), "");
}

TEST(DocumentTest, HasClassMatchesWholeWords) {
  Document doc = Document::Parse("<div class=\" main  article-body\tx\">t</div>");
  NodeId div = Find(doc, "div");
  EXPECT_TRUE(doc.HasClass(div, "main"));
  EXPECT_TRUE(doc.HasClass(div, "article-body"));
  EXPECT_TRUE(doc.HasClass(div, "x"));
  EXPECT_FALSE(doc.HasClass(div, "article"));
  EXPECT_FALSE(doc.HasClass(div, ""));
}

TEST(DocumentTest, TextContentCollapsesWhitespaceAndBreaksBlocks) {
  Document doc = Document::Parse(
      "<body><div>  Hello\n\t<b>big</b>world </div><p>一\u3000二&nbsp;&nbsp;三</p>"
      "a<br>b<span>c</span><script>var x;</script><style>p{}</style>"
      "<template>hidden</template><li>d</li><table><tr><td>e</td><td>f</td></tr></table></body>");
  EXPECT_EQ(doc.TextContent(doc.body()), "Hello bigworld 一 二 三 a bc d e f");
  EXPECT_EQ(doc.TextContent(doc.root()), "Hello bigworld 一 二 三 a bc d e f");
}

TEST(DocumentTest, ScriptsAreLiftedAndMappedToTheirElements) {
  const std::string page =
      "<html><head><script src=\"a.js\"></script>"
      "<script type=\"Application/LD+JSON\" id=ld>{\"headline\":\"<b>x</b> &amp; y\"}</script>"
      "</head><body><table><script>var t=1;</script><div><script>var f=2;</script></div></table>"
      "<svg><script>svg()</script></svg>"
      "<!-- <script>commented()</script> --></body></html><script>after()</script>";
  Document doc = Document::Parse(page);
  ExpectConsistent(doc);
  const auto& scripts = doc.scripts();
  ASSERT_EQ(scripts.size(), 5u);
  EXPECT_EQ(scripts[0].src, "a.js");
  EXPECT_EQ(scripts[0].text, "");
  EXPECT_EQ(scripts[1].type, "application/ld+json");
  EXPECT_EQ(scripts[1].id, "ld");
  EXPECT_EQ(scripts[1].text, "{\"headline\":\"<b>x</b> &amp; y\"}");  // raw, as the spec reads it
  EXPECT_EQ(scripts[2].text, "var t=1;");
  EXPECT_EQ(scripts[3].text, "var f=2;");  // foster-parented before the table
  EXPECT_EQ(scripts[4].text, "after()");
  for (const Script& s : scripts) {
    ASSERT_NE(s.node, kNoNode) << s.text;
    EXPECT_TRUE(doc.IsElement(s.node, Tag::kScript));
    EXPECT_EQ(doc.node(s.node).first_child, kNoNode);  // the body stays lifted
  }
  EXPECT_EQ(doc.attr(scripts[1].node, "id"), "ld");
  EXPECT_EQ(doc.node(scripts[0].node).parent, doc.head());
  // The <div> holding the second table script moved before the table.
  EXPECT_LT(scripts[3].node, scripts[2].node);
}

TEST(DocumentTest, ScriptsWithoutPrescanComeFromTheTree) {
  ParseOptions off;
  off.prescan = false;
  Document doc = Document::Parse("<script type=x id=i>a<b</script><p>t</p>", off);
  ASSERT_EQ(doc.scripts().size(), 1u);
  EXPECT_EQ(doc.scripts()[0].text, "a<b");
  EXPECT_EQ(doc.scripts()[0].type, "x");
  EXPECT_EQ(doc.scripts()[0].id, "i");
  EXPECT_TRUE(doc.IsElement(doc.scripts()[0].node, Tag::kScript));
}

TEST(DocumentTest, PrescanOnAndOffGiveTheSameTextAndScripts) {
  const std::string page = R"(<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>新闻 | Example</title>
<style>body { font: 14px/1.5 sans-serif } .a > .b { color: red }</style>
<script>window.__INITIAL_STATE__ = {"a": "</div>", "b": [1, 2]};</script>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"标题 & more"}</script>
<!--[if lt IE 9]><script src="html5shiv.js"></script><![endif]-->
</head><body class="article">
<div id="nav"><a href="/">首页</a> | <a href="/news/">新闻</a></div>
<!-- main content starts -->
<div class="content"><h1>标题 &amp; more</h1>
<p class="info">2025年3月14日 08:56 来源:新华社</p>
<p>第一段。<!-- inline comment --> 继续。</p>
<script>document.write('<p>not text</p>'); var s = "<!--"; </script>
<p>Second &lt;paragraph&gt; with <b>bold</b> and&nbsp;nbsp.</p>
<table><tr><td>cell 1<td>cell 2</table>
<style>.x{}</style><noscript><img src="pixel.gif"></noscript>
</div><div class="footer">© 2025<script>var y=1</script></div>
</body></html>)";
  ParseOptions off;
  off.prescan = false;
  Document on_doc = Document::Parse(page);
  Document off_doc = Document::Parse(page, off);
  ExpectConsistent(on_doc);
  EXPECT_EQ(on_doc.TextContent(on_doc.body()), off_doc.TextContent(off_doc.body()));
  EXPECT_NE(on_doc.TextContent(on_doc.body()).find("第一段。 继续。"), std::string::npos);
  ASSERT_EQ(on_doc.scripts().size(), off_doc.scripts().size());
  for (size_t i = 0; i < on_doc.scripts().size(); ++i) {
    EXPECT_EQ(on_doc.scripts()[i].text, off_doc.scripts()[i].text) << i;
    EXPECT_EQ(on_doc.scripts()[i].type, off_doc.scripts()[i].type) << i;
    EXPECT_NE(on_doc.scripts()[i].node, kNoNode) << i;
  }
}

TEST(DocumentTest, ViewsSurviveAMove) {
  Document a = Document::Parse("<p id=x>t</p>");  // tiny: arena must not be SSO
  NodeId p = Find(a, "p");
  std::string_view id = a.attr(p, "id");
  Document b = std::move(a);
  EXPECT_EQ(id.data(), b.attr(p, "id").data());
  EXPECT_EQ(b.attr(p, "id"), "x");
}

TEST(DocumentTest, EmptyAndNulInput) {
  Document empty = Document::Parse("");
  ExpectConsistent(empty);
  EXPECT_NE(empty.body(), kNoNode);
  EXPECT_EQ(empty.TextContent(empty.root()), "");
  using namespace std::string_literals;
  Document nul = Document::Parse("<p a=\"\0\">x\0y</p>\0"s);
  ExpectConsistent(nul);
  EXPECT_EQ(nul.TextContent(nul.body()), "xy");
  EXPECT_EQ(nul.attr(Find(nul, "p"), "a"), "\xEF\xBF\xBD");
}

TEST(DocumentTest, LeadingByteOrderMarkIsNotText) {
  Document doc = Document::Parse("\xEF\xBB\xBF<html><head><title>t</title></head><body>b</body>");
  EXPECT_EQ(doc.TextContent(doc.body()), "b");
  EXPECT_NE(Find(doc, "title"), kNoNode);
  EXPECT_EQ(doc.node(Find(doc, "title")).parent, doc.head());
}

// Caps at limit-1, limit, limit+1 bytes; never cut inside a UTF-8 sequence.
TEST(DocumentTest, InputTruncatedAtMaxBytesOnACharacterBoundary) {
  const std::string page = "<p>" + std::string("中中中中");  // 3 + 12 bytes
  for (size_t max : {size_t{14}, size_t{15}, size_t{16}, size_t{8}, size_t{7}}) {
    ParseOptions o;
    o.max_input_bytes = max;
    Document doc = Document::Parse(page, o);
    std::string want;
    for (size_t n = 3; n + 3 <= std::min(max, page.size()); n += 3) want += "中";
    EXPECT_EQ(doc.TextContent(doc.body()), want) << max;
  }
}

TEST(DocumentTest, FiftyMegabytePageWithoutNewlinesIsTruncatedAt32MB) {
  std::string page = "<p>a</p><script>";
  page.reserve(50u << 20);
  while (page.size() < (50u << 20)) page += "中";  // 3-byte characters, no newline
  Document doc = Document::Parse(page);
  ASSERT_EQ(doc.scripts().size(), 1u);
  size_t body = doc.scripts()[0].text.size();
  EXPECT_LE(body + 16, size_t{32} << 20);
  EXPECT_GT(body + 16, (size_t{32} << 20) - 3);
  EXPECT_EQ(body % 3, 0u);  // whole characters only
  EXPECT_EQ(doc.TextContent(doc.body()), "a");
}

std::string Nested(const std::string& open, const std::string& close, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += open;
  s += "deep";
  for (int i = 0; i < n; ++i) s += close;
  return s;
}

uint32_t MaxDepth(const Document& doc) {
  uint32_t d = 0;
  for (const Node& n : doc.nodes()) d = std::max(d, n.depth);
  return d;
}

TEST(DocumentTest, HundredThousandNestedElementsParseWithoutOverflow) {
  for (const auto& [open, close] : std::vector<std::pair<std::string, std::string>>{
           {"<div>", "</div>"}, {"<b>", "</b>"}, {"<span>", "</span>"}, {"<svg>", "</svg>"}}) {
    Document doc = Document::Parse(Nested(open, close, 100000));
    ExpectConsistent(doc);
    EXPECT_LE(MaxDepth(doc), 520u) << open;
    EXPECT_EQ(doc.TextContent(doc.body()), "deep") << open;
  }
}

// Without the pre-scan's depth cap Gumbo builds the whole 100 000-deep
// tree; the copy, TextContent and freeing must not recurse on it.
TEST(DocumentTest, DeepGumboTreeWithoutPrescanIsCopiedIteratively) {
  ParseOptions off;
  off.prescan = false;
  Document doc = Document::Parse(Nested("<span>", "</span>", 100000), off);
  EXPECT_GT(MaxDepth(doc), 100000u);
  EXPECT_EQ(doc.TextContent(doc.body()), "deep");
  auto sel = Selector::Parse("body span span > span:only-child");
  ASSERT_TRUE(sel.ok());
  EXPECT_EQ(sel->SelectAll(doc).size(), 99998u);
}

TEST(DocumentTest, AMillionAttributesOnOneElement) {
  std::string page = "<div";
  for (int i = 0; i < 1000000; ++i) page += " a" + std::to_string(i);
  page += " id=last>x</div>";
  Document doc = Document::Parse(page);
  NodeId div = Find(doc, "div");
  ASSERT_NE(div, kNoNode);
  EXPECT_EQ(doc.attributes(div).size(), 128u);
  EXPECT_EQ(doc.attributes(div)[0].name, "a0");
  EXPECT_EQ(doc.TextContent(div), "x");
}

// Unclosed formatting elements with distinct attributes are cloned at every
// block; the first parse blows its memory budget and the retry flattens them.
TEST(DocumentTest, FormattingElementBlowupIsContained) {
  std::string page = "<div>";
  for (int i = 0; i < 1000; ++i) page += "<b id=" + std::to_string(i) + ">";
  page += "</div>";
  for (int i = 0; i < 3000; ++i) page += "<p>x</p>";
  Document doc = Document::Parse(page);
  ExpectConsistent(doc);
  EXPECT_LT(doc.size(), 100000u);
  EXPECT_EQ(doc.TextContent(doc.body()).size(), 3000u * 2 - 1);
}

TEST(DocumentTest, RandomBytesAndTagSoupNeverCrash) {
  std::mt19937 rng(20250314);
  const std::vector<std::string> pieces = {
      "<", ">", "</", "<!--", "-->", "<script>", "</script>", "<style>", "</style>", "<svg>",
      "</svg>", "<![CDATA[", "]]>", "<div", " a=\"", "'", "\"", "<p>", "<table>", "<td>", "<b>",
      "</b>", "&amp;", "&#x", "<title>", "</title>", "<textarea>", "<plaintext>", "<math>",
      "<mi>", "<select>", "<template>", std::string(1, '\0'), "\xE4\xB8", "\xFF", "<!DOCTYPE", "<?", "x", " "};
  for (int round = 0; round < 60; ++round) {
    std::string page;
    if (round % 2 == 0) {
      for (int i = 0; i < 2000; ++i) page += pieces[rng() % pieces.size()];
    } else {
      for (int i = 0; i < 20000; ++i) page.push_back(static_cast<char>(rng()));
    }
    Document on = Document::Parse(page);
    ExpectConsistent(on);
    ParseOptions off;
    off.prescan = false;
    Document plain = Document::Parse(page, off);
    ExpectConsistent(plain);
    for (const Script& s : on.scripts()) {
      if (s.node != kNoNode) {
        EXPECT_TRUE(on.IsElement(s.node, Tag::kScript));
      }
    }
  }
}

}  // namespace
}  // namespace gleaner::html
