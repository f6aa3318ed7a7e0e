// Focus: the URL key - canonicalisation, and when <link rel=canonical> is
// trusted (same site, not the home page) and when it is ignored.
#include <gtest/gtest.h>

#include <string>

#include "gleaner/dedup.h"

namespace gleaner::dedup {
namespace {

struct IdentityCase {
  const char* id;
  std::string url;
  std::string canonical;
  std::string want_key;
  bool want_from_canonical;
};

class IdentityTest : public ::testing::TestWithParam<IdentityCase> {};

TEST_P(IdentityTest, Key) {
  const IdentityCase& c = GetParam();
  Article a;
  a.url = c.url;
  a.canonical_url = c.canonical;
  auto id = IdentifyArticle(a);
  ASSERT_TRUE(id.ok()) << c.id;
  EXPECT_EQ(id->key, c.want_key) << c.id;
  EXPECT_EQ(id->from_canonical, c.want_from_canonical) << c.id;
}

INSTANTIATE_TEST_SUITE_P(
    Table, IdentityTest,
    ::testing::Values(
        IdentityCase{"i1-plain", "https://news.example.cn/a/1.html", "",
                     "https://news.example.cn/a/1.html", false},
        IdentityCase{"i2-tracking-and-case", "HTTPS://News.Example.cn:443/a/1.html?utm_source=x#top", "",
                     "https://news.example.cn/a/1.html", false},
        IdentityCase{"i3-same-site-canonical", "https://m.example.cn/a/1.html?from=app",
                     "https://news.example.cn/a/1.html", "https://news.example.cn/a/1.html", true},
        IdentityCase{"i4-other-site-canonical", "https://news.example.cn/a/1.html",
                     "https://www.other.com/story/9", "https://news.example.cn/a/1.html", false},
        IdentityCase{"i5-root-canonical", "https://news.example.cn/a/1.html", "https://news.example.cn/",
                     "https://news.example.cn/a/1.html", false},
        IdentityCase{"i6-root-page-itself", "https://news.example.cn/index.html",
                     "https://news.example.cn/", "https://news.example.cn/", false},
        IdentityCase{"i7-relative-canonical-ignored", "https://news.example.cn/a/1.html", "/a/2.html",
                     "https://news.example.cn/a/1.html", false},
        IdentityCase{"i8-garbage-canonical", "https://news.example.cn/a/1.html", "http://",
                     "https://news.example.cn/a/1.html", false},
        IdentityCase{"i9-canonical-equal-to-url", "https://news.example.cn/a/1.html",
                     "https://news.example.cn/a/1.html", "https://news.example.cn/a/1.html", false}));

TEST(IdentityTest, SiteIsTheRegistrableDomain) {
  Article a;
  a.url = "https://news.example.com.cn/a/1.html";
  auto id = IdentifyArticle(a);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->site, "example.com.cn");
}

TEST(IdentityTest, SavedFileWithoutUrlUsesItsPath) {
  Article a;
  a.input = "samples/page.html";
  auto id = IdentifyArticle(a);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->key, "samples/page.html");
  EXPECT_EQ(id->site, "");
}

TEST(IdentityTest, NoUrlAndNoInputIsAnError) {
  auto id = IdentifyArticle(Article{});
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, Code::kInvalidInput);
}

}  // namespace
}  // namespace gleaner::dedup
