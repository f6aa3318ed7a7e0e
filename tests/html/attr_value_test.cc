// Focus: long attribute values lifted past Gumbo come back exactly as Gumbo
// would have decoded them, and values we cannot decode exactly stay with
// Gumbo.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "gleaner/html.h"
#include "html_internal.h"

namespace gleaner::html {
namespace {

struct DecodeRow {
  const char* id;
  std::string raw;
  bool ok;
  std::string want;
};

TEST(AttrValueTest, DecodeTable) {
  using namespace std::string_literals;
  const DecodeRow rows[] = {
      {"plain", "https://example.com/a.html", true, "https://example.com/a.html"},
      {"amp", "a&amp;b&lt;c&gt;d&quot;e&apos;f&nbsp;", true, "a&b<c>d\"e'f\xC2\xA0"},
      {"query", "/s?a=1&b=2&c3=x", true, "/s?a=1&b=2&c3=x"},
      {"lone-amp", "a & b &", true, "a & b &"},
      {"amp-punct", "a&-b&.", true, "a&-b&."},
      {"numeric", "&#65;&#x4e2d;&#X6587;", true, "A中文"},
      {"utf8", "中文 – ü 🙂", true, "中文 – ü 🙂"},
      {"tab-lf-ff", "a\tb\nc\fd", true, "a\tb\nc\fd"},
      {"named-other", "&copy;", false, ""},
      {"legacy-no-semicolon", "&copy 2025", false, ""},
      {"amp-no-semicolon-end", "a&amp", false, ""},
      {"numeric-no-semicolon", "&#65 x", false, ""},
      {"numeric-c1", "&#128;", false, ""},
      {"numeric-zero", "&#0;", false, ""},
      {"numeric-cr", "&#13;", false, ""},
      {"numeric-too-big", "&#x110000;", false, ""},
      {"numeric-huge", "&#99999999999;", false, ""},
      {"nul", "a\0b"s, false, ""},
      {"cr", "a\r\nb", false, ""},
      {"control", "a\x01z", false, ""},
      {"del", "a\x7Fz", false, ""},
      {"c1-raw", "a\xC2\x85z", false, ""},
      {"noncharacter", "a\xEF\xB7\x90z", false, ""},
      {"invalid-utf8", "a\xFFz", false, ""},
      {"truncated-utf8", "a\xE4\xB8", false, ""},
      {"surrogate-utf8", "a\xED\xA0\x80z", false, ""},
      {"overlong-utf8", "a\xC0\xAFz", false, ""},
  };
  for (const DecodeRow& r : rows) {
    std::string out;
    bool ok = internal::DecodeAttrValue(r.raw, &out);
    EXPECT_EQ(ok, r.ok) << r.id;
    EXPECT_EQ(ok, internal::DecodeAttrValue(r.raw, nullptr)) << r.id;
    if (r.ok) {
      EXPECT_EQ(out, r.want) << r.id;
    }
  }
}

TEST(AttrValueTest, LongValuesAreLiftedShortOnesAndEndTagsAreNot) {
  internal::PrescanLimits limits;
  limits.min_lifted_attr_bytes = 8;
  internal::PrescanOutput out;
  internal::Prescan("<a href=\"/a/b/c/d.html\" title=short data-x=unquoted-long "
                    "alt='&copy; not decodable'></a x=\"end-tag-attr\">",
                    limits, &out);
  EXPECT_EQ(out.html, "<a href=\"\x01\" title=short data-x=\x01 alt='&copy; not decodable'>"
                      "</a x=\"end-tag-attr\">");
  ASSERT_EQ(out.attrs.size(), 2u);
  EXPECT_EQ(out.html[out.attrs[0].value_offset], '"');
  EXPECT_EQ(out.html[out.attrs[1].value_offset], '\x01');
}

TEST(AttrValueTest, LiftingThresholdAtLimitMinusOneLimitAndPlusOne) {
  internal::PrescanLimits limits;
  limits.min_lifted_attr_bytes = 4;
  for (const auto& [value, lifted] : std::vector<std::pair<std::string, bool>>{
           {"abc", false}, {"abcd", true}, {"abcde", true}}) {
    internal::PrescanOutput out;
    internal::Prescan("<p a=\"" + value + "\">", limits, &out);
    EXPECT_EQ(out.attrs.size(), lifted ? 1u : 0u) << value;
  }
}

// Parses with and without the pre-scan and compares every attribute.
void ExpectSameAttributes(const std::string& page) {
  ParseOptions off;
  off.prescan = false;
  Document a = Document::Parse(page);
  Document b = Document::Parse(page, off);
  std::vector<std::string> va, vb;
  for (NodeId id = 0; id < a.size(); ++id) {
    for (const Attribute& x : a.attributes(id)) va.push_back(std::string(x.name) + "=" + std::string(x.value));
  }
  for (NodeId id = 0; id < b.size(); ++id) {
    for (const Attribute& x : b.attributes(id)) vb.push_back(std::string(x.name) + "=" + std::string(x.value));
  }
  EXPECT_EQ(va, vb);
}

TEST(AttrValueTest, DocumentValuesMatchGumboForTrickyLongValues) {
  using namespace std::string_literals;
  const std::string pad(60, 'x');
  const std::vector<std::string> values = {
      "https://example.com/a?b=1&amp;c=2&d=3", "&copy; 2025", "&#x4e2d;&#25991;", "&#128;",
      "a\0b"s, "a\r\nb", "\xFF\xFE", "中文 & more", "&notit=1", "&not it", "\xEF\xB7\x90",
      "{\"a\":\"<b>\",\"c\":[1,2]}", "&#65", "&lt;&gt;&amp;&quot;"};
  std::string page = "<body>";
  for (const std::string& v : values) {
    page += "<p data-q=\"" + pad + v + "\" data-s='" + v + pad + "' data-u=" + pad + ">t</p>";
  }
  page += "<svg><path d=\"" + pad + "M0 0L1 1\"/></svg><a href=" + pad + "&amp;x>l</a>";
  ExpectSameAttributes(page);
  Document doc = Document::Parse(page);
  NodeId a = kNoNode;
  for (NodeId id = 0; id < doc.size(); ++id) {
    if (doc.IsElement(id, Tag::kA)) a = id;
  }
  ASSERT_NE(a, kNoNode);
  EXPECT_EQ(doc.attr(a, "href"), pad + "&x");
}

TEST(AttrValueTest, RandomLongValuesMatchGumbo) {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {
      "a", "Z", "9", " ", "&", "&amp;", "&lt", "&lt;", "&#", "&#x", "&#x4e2d;", "&#1;",
      "&b=", "=", ";", "中", "\xE4", "\t", "\n", "\r", "'", "<", ">", "/", "?", "&nbsp",
      std::string(1, '\0'), "\x01", "\xC2\xA0", "&quot;"};
  for (int round = 0; round < 40; ++round) {
    std::string page = "<div>";
    for (int e = 0; e < 30; ++e) {
      std::string v;
      while (v.size() < 60) v += pieces[rng() % pieces.size()];
      // Double quotes end the value; keep them out.
      for (char& c : v) {
        if (c == '"') c = 'q';
      }
      page += "<span title=\"" + v + "\">s</span>";
    }
    ExpectSameAttributes(page);
  }
}

}  // namespace
}  // namespace gleaner::html
