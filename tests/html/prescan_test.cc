// Focus: the pre-scan ends every script, style and comment where the HTML
// tokenizer does, keeps what Gumbo must see byte for byte, and caps depth
// and attribute counts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "html_internal.h"

namespace gleaner::html::internal {
namespace {

struct Case {
  const char* id;
  std::string in;
  std::string out;                   // the reduced html
  std::vector<std::string> scripts;  // lifted bodies, in order
};

std::vector<std::string> Bodies(const PrescanOutput& p) {
  std::vector<std::string> v;
  for (const LiftedScript& s : p.scripts) v.push_back(p.script_text.substr(s.text_begin, s.text_size));
  return v;
}

const std::vector<Case>& Cases() {
  using namespace std::string_literals;
  static const std::vector<Case> cases = {
      // scripts
      {"script-1", "<p>a</p><script>if(a<b)x()</script><p>b</p>",
       "<p>a</p><script></script><p>b</p>", {"if(a<b)x()"}},
      {"script-2-gt-in-quoted-attr", "<script data-x=\"a>b\">s</script>",
       "<script data-x=\"a>b\"></script>", {"s"}},
      {"script-3-single-quoted-end-tag-text", "<div title='</script><script>'>t</div>",
       "<div title='</script><script>'>t</div>", {}},
      {"script-4-uppercase-end", "<SCRIPT>a</SCRIPT >b", "<SCRIPT></SCRIPT >b", {"a"}},
      {"script-5-tab-after-name", "<script>a</script\tx=\">\">b", "<script></script\tx=\">\">b", {"a"}},
      {"script-6-longer-name-not-end", "<script>a</scripts>b</script>c",
       "<script></script>c", {"a</scripts>b"}},
      {"script-7-eof-after-name", "<script>a</script", "<script>", {"a</script"}},
      {"script-8-eof-in-body", "<script>abc", "<script>", {"abc"}},
      {"script-9-self-closing-still-script", "<script src=a.js />x</script>y",
       "<script src=a.js /></script>y", {"x"}},
      {"script-10-escaped-ends", "<script><!-- a</script>b", "<script></script>b", {"<!-- a"}},
      {"script-11-double-escaped",
       "<script><!-- document.write(\"<script>x</script>\"); --></script>z",
       "<script></script>z", {"<!-- document.write(\"<script>x</script>\"); -->"}},
      {"script-12-double-escaped-unclosed", "<script><!--<script></script>x</script>y-->",
       "<script></script>y-->", {"<!--<script></script>x"}},
      {"script-13-double-escaped-dashes", "<script><!--<script>--></script>w",
       "<script></script>w", {"<!--<script>-->"}},
      {"script-14-empty-escape", "<script><!--></script>w", "<script></script>w", {"<!-->"}},
      {"script-15-escape-needs-two-dashes", "<script><!-<script></script>x",
       "<script></script>x", {"<!-<script>"}},
      {"script-16-two", "<script>1</script><script>2</script>",
       "<script></script><script></script>", {"1", "2"}},
      {"script-17-double-escape-name-only", "<script><!--<scripts></script>x",
       "<script></script>x", {"<!--<scripts>"}},
      // comments
      {"comment-1", "a<!-- x -->b", "ab", {}},
      {"comment-2-gt-inside", "a<!-- x > y -->b", "ab", {}},
      {"comment-3-abrupt", "a<!-->b", "ab", {}},
      {"comment-4-abrupt-dash", "a<!--->b", "ab", {}},
      {"comment-5-empty", "a<!---->b", "ab", {}},
      {"comment-6-bang", "a<!-- x --!>b", "ab", {}},
      {"comment-7-double-dash-inside", "a<!-- a -- b -->c", "ac", {}},
      {"comment-8-three-dashes", "a<!-- x --->b", "ab", {}},
      {"comment-9-eof", "a<!-- x", "a", {}},
      {"comment-10-conditional", "<!--[if IE]><p>x</p><![endif]-->y", "y", {}},
      {"comment-11-script-inside", "<!-- <script>a</script> -->b", "b", {}},
      {"comment-12-nested-open", "a<!-- <!-- -->b", "ab", {}},
      {"bogus-1-question", "a<?xml version=\"1.0\"?>b", "ab", {}},
      {"bogus-2-bang", "a<!foo>b", "ab", {}},
      {"bogus-3-end-non-letter", "a</ foo>b", "ab", {}},
      {"bogus-4-single-dash", "a<!-x>b", "ab", {}},
      {"bogus-5-eof", "a<?php", "a", {}},
      {"kept-1-doctype", "<!DOCTYPE html><p>", "<!DOCTYPE html><p>", {}},
      {"kept-2-empty-end-tag", "a</>b", "a</>b", {}},
      {"kept-3-lone-lt", "a < b <3", "a < b <3", {}},
      {"kept-4-eof-in-tag", "<div class=\"x", "<div class=\"x", {}},
      {"kept-5-end-tag-eof", "a</", "a</", {}},
      // tags and attributes
      {"tag-1-gt-in-attr", "<div a=\">\"><!--x-->y</div>", "<div a=\">\">y</div>", {}},
      {"tag-2-lt-in-attr", "<div title=\"<!--\">y</div><!--z-->", "<div title=\"<!--\">y</div>", {}},
      {"tag-3-unquoted-slash", "<a href=/x/>y</a>", "<a href=/x/>y</a>", {}},
      {"tag-4-quote-in-name", "<div a\"b=\">\"><!--c--></div>", "<div a\"b=\">\"></div>", {}},
      {"tag-5-end-tag-attrs", "</div a=\"<!--\"><!--x-->", "</div a=\"<!--\">", {}},
      // RCDATA / RAWTEXT
      {"rcdata-1-title", "<title>a<!--b--></title>c", "<title>a<!--b--></title>c", {}},
      {"rcdata-2-textarea", "<textarea><script>x</script></textarea>",
       "<textarea><script>x</script></textarea>", {}},
      {"rawtext-1-style", "<style>p{}</style>x", "<style></style>x", {}},
      {"rawtext-2-style-comment", "<style><!-- </style>x-->", "<style></style>x-->", {}},
      {"rawtext-3-xmp", "<xmp><!-- x --></xmp>", "<xmp><!-- x --></xmp>", {}},
      {"rawtext-4-iframe", "<iframe><script>a</script></iframe>",
       "<iframe><script>a</script></iframe>", {}},
      {"rawtext-5-noembed", "<noembed><!--a--></noembed><!--b-->", "<noembed><!--a--></noembed>", {}},
      {"rawtext-6-noframes", "<noframes><!--a--></NOFRAMES >", "<noframes><!--a--></NOFRAMES >", {}},
      {"rawtext-7-eof", "<style>p{", "<style>", {}},
      {"plaintext-1", "<plaintext><script>a</script><!-- x -->", "<plaintext><script>a</script><!-- x -->", {}},
      {"noscript-1-is-markup", "<noscript><!-- c --><p>x</p></noscript>",
       "<noscript><p>x</p></noscript>", {}},
      // foreign content
      {"svg-1-style-is-element", "<svg><style>a</style></svg>", "<svg><style>a</style></svg>", {}},
      {"svg-2-script-is-element", "<svg><script>a</script></svg>", "<svg><script>a</script></svg>", {}},
      {"svg-3-cdata", "<svg><![CDATA[ <!-- x --> ]]></svg>", "<svg><![CDATA[ <!-- x --> ]]></svg>", {}},
      {"svg-4-foreign-object", "<svg><foreignObject><script>a</script></foreignObject></svg>",
       "<svg><foreignObject><script></script></foreignObject></svg>", {"a"}},
      {"svg-5-closed", "<svg></svg><script>a</script>", "<svg></svg><script></script>", {"a"}},
      {"svg-6-breakout", "<svg><p><script>a</script>", "<svg><p><script></script>", {"a"}},
      {"svg-7-self-closing", "<svg/><script>a</script>", "<svg/><script></script>", {"a"}},
      {"svg-8-closed-by-ancestor", "<div><svg><g></div><script>a</script>",
       "<div><svg><g></div><script></script>", {"a"}},
      {"math-1-mi", "<math><mi><script>a</script></mi></math>",
       "<math><mi><script></script></mi></math>", {"a"}},
      {"math-2-annotation-html", "<math><annotation-xml encoding=\"Text/HTML\"><script>a</script>",
       "<math><annotation-xml encoding=\"Text/HTML\"><script></script>", {"a"}},
      {"select-1-ignores-svg", "<select><svg><script>a</script>",
       "<select><svg><script></script>", {"a"}},
      {"cdata-1-html-is-bogus", "<p><![CDATA[a>b]]>c", "<p>b]]>c", {}},
      // cuts never create tags or entities that were not there
      {"join-1-lt", "a<<!-- -->b", "a<<!---->b", {}},
      {"join-2-amp", "&am<!-- x -->p;", "&am<!---->p;", {}},
      {"join-3-plain", "<p>x<!--c-->y", "<p>xy", {}},
      // whitespace-only runs between tags shrink to one character
      {"ws-1-lines", "<p>a</p>\n   \n<p>b</p>", "<p>a</p>\n<p>b</p>", {}},
      {"ws-2-spaces", "<div>   <span>x</span>  </div>", "<div> <span>x</span> </div>", {}},
      {"ws-3-crlf", "<br>\r\n\t<br>", "<br>\n<br>", {}},
      {"ws-4-pre-kept", "<pre>\n  <b>x</b>\n   </pre>\n\n<p>", "<pre>\n  <b>x</b>\n   </pre>\n<p>", {}},
      {"ws-5-listing-kept", "<listing>  <b>", "<listing>  <b>", {}},
      {"ws-6-text-kept", "<p>a  b</p>  c", "<p>a  b</p>  c", {}},
      {"ws-7-single", "<p> <b>", "<p> <b>", {}},
      {"ws-8-around-comment", "<p>  <!-- c -->  <b>", "<p>  <b>", {}},
      {"ws-9-textarea-kept", "<textarea>  <b>  </textarea>", "<textarea>  <b>  </textarea>", {}},
      {"nul-1", "a\0<!--\0-->b\0<script>\0</script>"s, "a\0b\0<script></script>"s, {"\0"s}},
  };
  return cases;
}

TEST(PrescanTest, TableOfTokenizerCases) {
  for (const Case& c : Cases()) {
    PrescanOutput out;
    Prescan(c.in, PrescanLimits(), &out);
    EXPECT_EQ(out.html, c.out) << c.id;
    EXPECT_EQ(Bodies(out), c.scripts) << c.id;
  }
}

TEST(PrescanTest, ScriptRecordsTagOffsetAndRawAttributes) {
  PrescanOutput out;
  Prescan("<!-- c --><p>x</p><script type=\"Application/LD+JSON\" id=ld src='s.js?a&amp;b'>{}</script>",
          PrescanLimits(), &out);
  ASSERT_EQ(out.scripts.size(), 1u);
  const LiftedScript& s = out.scripts[0];
  EXPECT_EQ(out.html.substr(s.tag_offset, 7), "<script");
  EXPECT_EQ(out.script_text.substr(s.type_begin, s.type_size), "Application/LD+JSON");
  EXPECT_EQ(out.script_text.substr(s.id_begin, s.id_size), "ld");
  EXPECT_EQ(out.script_text.substr(s.src_begin, s.src_size), "s.js?a&amp;b");
}

std::string Nested(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "<div>";
  s += "x";
  for (int i = 0; i < n; ++i) s += "</div>";
  return s;
}

size_t CountOf(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// max_open_elements counts <html> and <body> too: 10 leaves room for 8.
TEST(PrescanTest, DepthCapAtLimitMinusOneLimitAndPlusOne) {
  PrescanLimits limits;
  limits.max_open_elements = 10;
  for (int n : {7, 8, 9}) {
    PrescanOutput out;
    Prescan(Nested(n), limits, &out);
    int kept = n <= 8 ? n : 8;
    EXPECT_EQ(CountOf(out.html, "<div>"), static_cast<size_t>(kept)) << n;
    EXPECT_EQ(CountOf(out.html, "</div>"), static_cast<size_t>(kept)) << n;
    EXPECT_EQ(out.dropped_tags, static_cast<size_t>(n - kept)) << n;
  }
}

TEST(PrescanTest, ImplicitlyClosedElementsDoNotCountAsDepth) {
  PrescanLimits limits;
  limits.max_open_elements = 10;
  std::string page = "<ul>";
  for (int i = 0; i < 50; ++i) page += "<li><p>item";
  page += "</ul><table>";
  for (int i = 0; i < 50; ++i) page += "<tr><td>a<td>b";
  page += "</table>";
  PrescanOutput out;
  Prescan(page, limits, &out);
  EXPECT_EQ(out.dropped_tags, 0u);
  EXPECT_EQ(out.html, page);
}

TEST(PrescanTest, ScriptsAndVoidElementsPastTheDepthCapAreKept) {
  PrescanLimits limits;
  limits.max_open_elements = 4;
  PrescanOutput out;
  Prescan("<div><div><div><img src=a><script>s</script>x</div></div></div>", limits, &out);
  EXPECT_EQ(out.html, "<div><div><img src=a><script></script>x</div></div>");
  EXPECT_EQ(Bodies(out), std::vector<std::string>{"s"});
}

TEST(PrescanTest, AttributeCapAtLimitMinusOneLimitAndPlusOne) {
  PrescanLimits limits;
  limits.max_attributes = 3;
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"<div a b>", "<div a b>"},
      {"<div a b c>", "<div a b c>"},
      {"<div a b c d>", "<div a b c >"},
      {"<div a=1 b='2' c=\"3\"d=4 e/>", "<div a=1 b='2' c=\"3\"/>"},
  };
  for (const auto& [in, want] : rows) {
    PrescanOutput out;
    Prescan(in, limits, &out);
    EXPECT_EQ(out.html, want) << in;
  }
}

TEST(PrescanTest, FlattenModeRewritesFormattingElementsButNotLinks) {
  PrescanLimits limits;
  limits.flatten_formatting = true;
  PrescanOutput out;
  Prescan("<b class=x>1</b><FONT color=red>2</FONT><a href=/>3</a><nobr>4</nobr>", limits, &out);
  EXPECT_EQ(out.html, "<span class=x>1</span><span color=red>2</span><a href=/>3</a><nobr>4</nobr>");
}

TEST(PrescanTest, EmptyAndTinyInputs) {
  for (std::string in : {"", "<", "<!", "<!-", "<!--", "</", "<a", "&", "<script", "<script>"}) {
    PrescanOutput out;
    Prescan(in, PrescanLimits(), &out);
    EXPECT_LE(out.html.size(), in.size()) << in;
  }
}

}  // namespace
}  // namespace gleaner::html::internal
