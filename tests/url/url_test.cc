// Focus: what links on real pages resolve to, the canonical identity of a
// URL, site grouping, and refusing what cannot be fetched.
#include "gleaner/url.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gleaner::url {
namespace {

struct ResolveCase {
  const char* id;
  const char* base;
  const char* ref;
  const char* want;
};

constexpr const char* kRfcBase = "http://a/b/c/d;p?q";
constexpr const char* kPageBase = "http://news.example.com/a/b/c.html?x=1#top";

// RFC 3986 section 5.4 examples (the "g:h" one is a non-http scheme) and
// what hrefs on real pages look like.
const ResolveCase kResolveCases[] = {
    {"rfc-01", kRfcBase, "g", "http://a/b/c/g"},
    {"rfc-02", kRfcBase, "./g", "http://a/b/c/g"},
    {"rfc-03", kRfcBase, "g/", "http://a/b/c/g/"},
    {"rfc-04", kRfcBase, "/g", "http://a/g"},
    {"rfc-05", kRfcBase, "//g", "http://g/"},
    {"rfc-06", kRfcBase, "?y", "http://a/b/c/d;p?y"},
    {"rfc-07", kRfcBase, "g?y", "http://a/b/c/g?y"},
    {"rfc-08", kRfcBase, "#s", "http://a/b/c/d;p?q#s"},
    {"rfc-09", kRfcBase, "g#s", "http://a/b/c/g#s"},
    {"rfc-10", kRfcBase, "g?y#s", "http://a/b/c/g?y#s"},
    {"rfc-11", kRfcBase, ";x", "http://a/b/c/;x"},
    {"rfc-12", kRfcBase, "g;x", "http://a/b/c/g;x"},
    {"rfc-13", kRfcBase, "g;x?y#s", "http://a/b/c/g;x?y#s"},
    {"rfc-14", kRfcBase, "", "http://a/b/c/d;p?q"},
    {"rfc-15", kRfcBase, ".", "http://a/b/c/"},
    {"rfc-16", kRfcBase, "./", "http://a/b/c/"},
    {"rfc-17", kRfcBase, "..", "http://a/b/"},
    {"rfc-18", kRfcBase, "../", "http://a/b/"},
    {"rfc-19", kRfcBase, "../g", "http://a/b/g"},
    {"rfc-20", kRfcBase, "../..", "http://a/"},
    {"rfc-21", kRfcBase, "../../", "http://a/"},
    {"rfc-22", kRfcBase, "../../g", "http://a/g"},
    {"rfc-23", kRfcBase, "../../../g", "http://a/g"},
    {"rfc-24", kRfcBase, "../../../../g", "http://a/g"},
    {"rfc-25", kRfcBase, "/./g", "http://a/g"},
    {"rfc-26", kRfcBase, "/../g", "http://a/g"},
    {"rfc-27", kRfcBase, "g.", "http://a/b/c/g."},
    {"rfc-28", kRfcBase, ".g", "http://a/b/c/.g"},
    {"rfc-29", kRfcBase, "g..", "http://a/b/c/g.."},
    {"rfc-30", kRfcBase, "..g", "http://a/b/c/..g"},
    {"rfc-31", kRfcBase, "./../g", "http://a/b/g"},
    {"rfc-32", kRfcBase, "./g/.", "http://a/b/c/g/"},
    {"rfc-33", kRfcBase, "g/./h", "http://a/b/c/g/h"},
    {"rfc-34", kRfcBase, "g/../h", "http://a/b/c/h"},
    {"rfc-35", kRfcBase, "g;x=1/./y", "http://a/b/c/g;x=1/y"},
    {"rfc-36", kRfcBase, "g;x=1/../y", "http://a/b/c/y"},
    {"rfc-37", kRfcBase, "g?y/./x", "http://a/b/c/g?y/./x"},
    {"rfc-38", kRfcBase, "g?y/../x", "http://a/b/c/g?y/../x"},
    {"rfc-39", kRfcBase, "g#s/./x", "http://a/b/c/g#s/./x"},
    {"rfc-40", kRfcBase, "g#s/../x", "http://a/b/c/g#s/../x"},
    {"rfc-41", kRfcBase, "http:g", "http://a/b/c/g"},
    {"page-01", kPageBase, "d.html", "http://news.example.com/a/b/d.html"},
    {"page-02", kPageBase, "../d.html", "http://news.example.com/a/d.html"},
    {"page-03", kPageBase, "//cdn.example.org/x.js", "http://cdn.example.org/x.js"},
    {"page-04", kPageBase, "?page=2", "http://news.example.com/a/b/c.html?page=2"},
    {"page-05", kPageBase, "#comments", "http://news.example.com/a/b/c.html?x=1#comments"},
    {"page-06", kPageBase, "#", "http://news.example.com/a/b/c.html?x=1"},
    {"page-07", kPageBase, "  d.html\n", "http://news.example.com/a/b/d.html"},
    {"page-08", kPageBase, "\n\t /2025/03/14/a.shtml \r\n",
     "http://news.example.com/2025/03/14/a.shtml"},
    {"page-09", kPageBase, "/2025/\n03/a.html", "http://news.example.com/2025/03/a.html"},
    {"page-10", kPageBase, "/新闻/中国.html",
     "http://news.example.com/%E6%96%B0%E9%97%BB/%E4%B8%AD%E5%9B%BD.html"},
    {"page-11", kPageBase, "/s?wd=中 国", "http://news.example.com/s?wd=%E4%B8%AD%20%E5%9B%BD"},
    {"page-12", kPageBase, "..\\d\\e.html", "http://news.example.com/a/d/e.html"},
    {"page-13", kPageBase, "/p?path=a\\b", "http://news.example.com/p?path=a%5Cb"},
    {"page-14", kPageBase, "HTTP://127.0.0.1:8080/X", "http://127.0.0.1:8080/X"},
    {"page-15", kPageBase, "HTTPS://WWW.Example.COM:443/Path", "https://www.example.com/Path"},
    {"page-16", kPageBase, "http://example.com:80/x", "http://example.com/x"},
    {"page-17", kPageBase, "https://other.com", "https://other.com/"},
    {"page-18", "https://secure.example.com/a", "//cdn.example.org/x", "https://cdn.example.org/x"},
    {"page-19", kPageBase, "100%.html", "http://news.example.com/a/b/100%25.html"},
    {"page-20", kPageBase, "%E4%B8%AD.html", "http://news.example.com/a/b/%E4%B8%AD.html"},
    {"page-21", kPageBase, "d.html#a#b", "http://news.example.com/a/b/d.html#a%23b"},
    {"page-22", kPageBase, "d.html?q=\"x\"<y>",
     "http://news.example.com/a/b/d.html?q=%22x%22%3Cy%3E"},
    {"page-23", kPageBase, "http:/other.html", "http://news.example.com/other.html"},
    {"page-24", kPageBase, "http:\\\\www.example.org\\x", "http://www.example.org/x"},
    {"page-25", "http://127.0.0.1:4321", "a.html", "http://127.0.0.1:4321/a.html"},
    {"page-26", kPageBase, "/a/b/c.html?x=1", "http://news.example.com/a/b/c.html?x=1"},
    {"page-27", " http://news.example.com/dir/ ", "x", "http://news.example.com/dir/x"},
    {"page-28", kPageBase, "https://user:pw@Example.com/x", "https://user:pw@example.com/x"},
};

class ResolveTest : public ::testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveTest, GivesTheAbsoluteUrlABrowserWould) {
  const ResolveCase& c = GetParam();
  auto got = Resolve(c.base, c.ref);
  ASSERT_TRUE(got.ok()) << c.id << ": " << got.error().message;
  EXPECT_EQ(*got, c.want) << c.id << ": ref '" << c.ref << "'";
}

INSTANTIATE_TEST_SUITE_P(Table, ResolveTest, ::testing::ValuesIn(kResolveCases),
                         [](const auto& info) {
                           std::string id = info.param.id;
                           for (char& ch : id) ch = ch == '-' ? '_' : ch;
                           return id;
                         });

struct BadCase {
  const char* id;
  const char* base;
  const char* ref;
  Code want;
};

const BadCase kBadResolveCases[] = {
    {"bad-01", kPageBase, "javascript:void(0)", Code::kUnsupported},
    {"bad-02", kPageBase, "  JavaScript:alert(1)", Code::kUnsupported},
    {"bad-03", kPageBase, "mailto:editor@example.com", Code::kUnsupported},
    {"bad-04", kPageBase, "tel:+86-10-1234", Code::kUnsupported},
    {"bad-05", kPageBase, "data:text/html,<p>hi</p>", Code::kUnsupported},
    {"bad-06", kPageBase, "ftp://files.example.com/a", Code::kUnsupported},
    {"bad-07", kPageBase, "file:///etc/passwd", Code::kUnsupported},
    {"bad-08", kPageBase, "http://", Code::kInvalidInput},
    {"bad-09", kPageBase, "http://a b.com/", Code::kInvalidInput},
    {"bad-10", kPageBase, "http://x.com:99999/", Code::kInvalidInput},
    {"bad-11", "not a url", "a.html", Code::kInvalidInput},
    {"bad-12", "", "a.html", Code::kInvalidInput},
    {"bad-13", "/relative/base", "a.html", Code::kInvalidInput},
    {"bad-14", "file:///srv/page.html", "a.html", Code::kUnsupported},
    {"bad-15", kPageBase, "http://[::1/", Code::kInvalidInput},
};

TEST(ResolveTest, RefusesWhatCannotBeFetched) {
  for (const BadCase& c : kBadResolveCases) {
    auto got = Resolve(c.base, c.ref);
    ASSERT_FALSE(got.ok()) << c.id << " resolved to " << *got;
    EXPECT_EQ(got.error().code, c.want) << c.id << ": " << got.error().message;
    EXPECT_FALSE(got.error().message.empty()) << c.id;
  }
}

TEST(ResolveTest, ErrorNamesTheLink) {
  auto got = Resolve(kPageBase, "javascript:void(0)");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.error().message.find("javascript:void(0)"), std::string::npos)
      << got.error().message;
}

TEST(ResolveTest, LengthCapAtLimitMinusOneLimitAndPlusOne) {
  const std::string prefix = "/";
  for (size_t size : {8191u, 8192u, 8193u}) {
    std::string ref = prefix + std::string(size - prefix.size(), 'a');
    auto got = Resolve(kPageBase, ref);
    if (size <= 8192) {
      EXPECT_TRUE(got.ok()) << size << ": " << got.error().message;
    } else {
      ASSERT_FALSE(got.ok()) << size;
      EXPECT_EQ(got.error().code, Code::kInvalidInput);
    }
  }
}

TEST(ResolveTest, MalformedInputNeverCrashes) {
  const std::vector<std::string> junk = {
      "\xff\xfe", "http://%", "::::", "http://a.com:-1/", "//", "///", "?", "\\\\",
      std::string("a\0b", 3), "http://[", "http://]", "%", "%%%", "http://@/", "http://:80/",
      "http://a.com/\x01\x02", "\xe4\xb8", "#\xff", "http://xn--/", std::string(100, '.'),
  };
  for (const std::string& ref : junk) {
    auto got = Resolve(kPageBase, ref);
    if (got.ok()) {
      EXPECT_TRUE(IsHttp(*got)) << *got;
    }
    auto parsed = Parse(ref);
    auto canonical = Canonicalize(ref);
    (void)HostOf(ref);
    (void)IsHttp(ref);
    if (canonical.ok()) {
      EXPECT_FALSE(canonical->empty());
    }
    if (parsed.ok()) {
      EXPECT_FALSE(parsed->scheme.empty());
    }
  }
}

TEST(ParseTest, SplitsAnAbsoluteUrlIntoNormalisedParts) {
  auto got = Parse("  HTTP://User:pw@WWW.Example.COM:8080/p/a?q=1#f \n");
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->scheme, "http");
  EXPECT_EQ(got->host, "www.example.com");
  EXPECT_EQ(got->port, "8080");
  EXPECT_EQ(got->path, "/p/a");
  EXPECT_EQ(got->query, "q=1");
  EXPECT_EQ(got->fragment, "f");
  EXPECT_EQ(got->ToString(), "http://www.example.com:8080/p/a?q=1#f");
}

TEST(ParseTest, DropsTheDefaultPortAndFillsAnEmptyPath) {
  auto got = Parse("https://example.com:443");
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->port, "");
  EXPECT_EQ(got->path, "/");
  EXPECT_EQ(got->ToString(), "https://example.com/");
}

TEST(ParseTest, AcceptsOtherSchemesButParseHttpRefusesThem) {
  auto ftp = Parse("ftp://files.example.com/pub/a.txt");
  ASSERT_TRUE(ftp.ok()) << ftp.error().message;
  EXPECT_EQ(ftp->scheme, "ftp");
  auto refused = ParseHttp("ftp://files.example.com/pub/a.txt");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Code::kUnsupported);
  EXPECT_NE(refused.error().message.find("ftp"), std::string::npos);
  EXPECT_TRUE(ParseHttp("https://example.com/").ok());
}

TEST(ParseTest, RefusesRelativeAndEmptyInput) {
  for (const char* text : {"", "   ", "/a/b", "example.com/a", "//example.com/a"}) {
    auto got = Parse(text);
    ASSERT_FALSE(got.ok()) << "'" << text << "'";
    EXPECT_EQ(got.error().code, Code::kInvalidInput);
  }
}

TEST(ParseTest, IpV6HostKeepsItsBrackets) {
  auto got = Parse("http://[::1]:8080/x");
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->host, "[::1]");
  EXPECT_EQ(got->ToString(), "http://[::1]:8080/x");
}

struct CanonCase {
  const char* id;
  const char* in;
  const char* want;
};

const CanonCase kCanonCases[] = {
    {"c-01", "HTTP://WWW.Example.COM:80/a/b", "http://www.example.com/a/b"},
    {"c-02", "https://x.com:443", "https://x.com/"},
    {"c-03", "http://x.com", "http://x.com/"},
    {"c-04", "http://x.com/a#frag", "http://x.com/a"},
    {"c-05", "http://x.com/%7euser/%e4%b8%ad", "http://x.com/~user/%E4%B8%AD"},
    {"c-06", "http://x.com/a/%2e%2e/b", "http://x.com/b"},
    {"c-07", "http://x.com/a/./b/../c", "http://x.com/a/c"},
    {"c-08", "http://x.com/a%2fb", "http://x.com/a%2Fb"},
    {"c-09", "http://x.com/a b", "http://x.com/a%20b"},
    {"c-10", "http://x.com/a|b", "http://x.com/a%7Cb"},
    {"c-11", "http://x.com/p?utm_source=x&id=5&utm_medium=y", "http://x.com/p?id=5"},
    {"c-12", "http://x.com/p?Utm_Source=x&id=5", "http://x.com/p?id=5"},
    {"c-13", "http://x.com/p?utm%5Fsource=x&id=5", "http://x.com/p?id=5"},
    {"c-14", "http://x.com/p?b=2&a=1&b=1", "http://x.com/p?a=1&b=2&b=1"},
    {"c-15", "http://x.com/p?a=1&&b=2&", "http://x.com/p?a=1&b=2"},
    {"c-16", "http://x.com/p?", "http://x.com/p"},
    {"c-17", "http://x.com/p?flag&a=b=c", "http://x.com/p?a=b=c&flag"},
    {"c-18", "http://x.com/p?q=a+b", "http://x.com/p?q=a+b"},
    {"c-19", "http://x.com/p?q=%e4%b8%ad%41", "http://x.com/p?q=%E4%B8%ADA"},
    {"c-20", "http://x.com/news/index.html", "http://x.com/news/"},
    {"c-21", "http://x.com/Index.SHTML", "http://x.com/"},
    {"c-22", "http://x.com/index.php?id=3", "http://x.com/?id=3"},
    {"c-23", "http://x.com/a/default.aspx", "http://x.com/a/"},
    {"c-24", "http://x.com/a/default.htm", "http://x.com/a/"},
    {"c-25", "http://x.com/myindex.html", "http://x.com/myindex.html"},
    {"c-26", "http://x.com/a;jsessionid=ABC123?x=1", "http://x.com/a?x=1"},
    {"c-27", "http://x.com/a;JSESSIONID=ABC/b", "http://x.com/a/b"},
    {"c-28", "http://x.com/p?PHPSESSID=abc&id=1", "http://x.com/p?id=1"},
    {"c-29", "http://x.com/p?ASPSESSIONIDQQGGQGPC=XYZ&id=1", "http://x.com/p?id=1"},
    {"c-30", "http://x.com/p?sessionid=1&jsessionid=2", "http://x.com/p"},
    {"c-31", "http://x.com/list.php?sid=5", "http://x.com/list.php?sid=5"},
    {"c-32", "http://x.com/a?sid=0123456789abcdef01", "http://x.com/a"},
    {"c-33", "http://x.com/list?from=20", "http://x.com/list?from=20"},
    {"c-34", "http://x.com/a?from=timeline&isappinstalled=0", "http://x.com/a"},
    {"c-35", "http://x.com/a?spm=a2h0k.1&scm=2&fbclid=z&gclid=q", "http://x.com/a"},
    {"c-36", "http://x.com/p?ref=hn&page=2", "http://x.com/p?page=2"},
    {"c-37", "http://x.com/p?share=twitter&nb=1", "http://x.com/p?nb=1"},
    {"c-38", "http://x.com/p?share_source=copy&share_medium=ios&p=1", "http://x.com/p?p=1"},
    {"c-39", "http://x.com/p?mc_cid=1&mc_eid=2&_hsenc=3&yclid=4", "http://x.com/p"},
    {"c-40", "http://x.com/p?source=xinhua", "http://x.com/p?source=xinhua"},
    {"c-41", "http://x.com./p", "http://x.com/p"},
    {"c-42", "http://u:p@x.com/", "http://x.com/"},
    {"c-43", "http://[::1]:8080/a", "http://[::1]:8080/a"},
    {"c-44", "http://x.com/a//b/", "http://x.com/a//b/"},
    {"c-45", "http://x.com:8080/", "http://x.com:8080/"},
    {"c-46", "https://x.com:80/", "https://x.com:80/"},
    {"c-47", "http://x.com/%41%42c?%61=%62", "http://x.com/ABc?a=b"},
    {"c-48", "http://x.com/a?tag=z&tag=a", "http://x.com/a?tag=z&tag=a"},
    {"c-49", "http://x.com/%", "http://x.com/%25"},
    {"c-50", "http://x.com/p?a[]=1", "http://x.com/p?a%5B%5D=1"},
};

class CanonicalizeTest : public ::testing::TestWithParam<CanonCase> {};

TEST_P(CanonicalizeTest, GivesTheIdentityForm) {
  const CanonCase& c = GetParam();
  auto got = Canonicalize(c.in);
  ASSERT_TRUE(got.ok()) << c.id << ": " << got.error().message;
  EXPECT_EQ(*got, c.want) << c.id;
  // A canonical URL is its own canonical form.
  auto again = Canonicalize(*got);
  ASSERT_TRUE(again.ok()) << c.id << ": " << again.error().message;
  EXPECT_EQ(*again, *got) << c.id << " is not idempotent";
}

INSTANTIATE_TEST_SUITE_P(Table, CanonicalizeTest, ::testing::ValuesIn(kCanonCases),
                         [](const auto& info) {
                           std::string id = info.param.id;
                           for (char& ch : id) ch = ch == '-' ? '_' : ch;
                           return id;
                         });

TEST(CanonicalizeTest, OptionsTurnEachStepOff) {
  CanonicalOptions keep_tracking;
  keep_tracking.drop_tracking_params = false;
  EXPECT_EQ(Canonicalize("http://x.com/p?utm_source=a&id=1", keep_tracking).value_or(""),
            "http://x.com/p?id=1&utm_source=a");

  CanonicalOptions no_sort;
  no_sort.sort_params = false;
  EXPECT_EQ(Canonicalize("http://x.com/p?b=1&a=2", no_sort).value_or(""),
            "http://x.com/p?b=1&a=2");

  CanonicalOptions keep_index;
  keep_index.strip_index_file = false;
  EXPECT_EQ(Canonicalize("http://x.com/news/index.html", keep_index).value_or(""),
            "http://x.com/news/index.html");

  CanonicalOptions extra;
  extra.extra_params = {"vid", "channel"};
  EXPECT_EQ(Canonicalize("http://x.com/p?VID=3&id=1&channel=x", extra).value_or(""),
            "http://x.com/p?id=1");
}

TEST(CanonicalizeTest, SameDocumentWrittenDifferentlyGivesOneKey) {
  const char* variants[] = {
      "http://News.Example.com:80/world/index.shtml?utm_source=wx&b=2&a=1#top",
      "http://news.example.com/world/?a=1&b=2",
      "  http://news.example.com/world/./index.shtml?from=timeline&a=1&b=2\n",
      "http://news.example.com/%77orld/?b=2&a=1&spm=c.d",
  };
  for (const char* variant : variants) {
    EXPECT_EQ(Canonicalize(variant).value_or("error"), "http://news.example.com/world/?a=1&b=2")
        << variant;
  }
}

TEST(CanonicalizeTest, FailsLikeParse) {
  auto got = Canonicalize("not a url");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, Code::kInvalidInput);
}

// Found by fuzzing (issue 6): each of these once canonicalised to a URL
// that reads back as another host, or none.
TEST(CanonicalizeTest, NeverWritesAUrlThatNamesAnotherHost) {
  // A trailing dot goes, unless the last label is a number: "0" alone is
  // the IPv4 address 0.0.0.0.
  EXPECT_EQ(Canonicalize("http://news.example.cn./a").value(), "http://news.example.cn/a");
  EXPECT_EQ(Canonicalize("http://0./a").value(), "http://0./a");
  EXPECT_EQ(Canonicalize("http://10.0.0.1./a").value(), "http://10.0.0.1./a");
  for (const char* bad : {"http://./css/a.css", "http://.../x", "http://a%2541/x"}) {
    SCOPED_TRACE(bad);
    auto got = Canonicalize(bad);
    ASSERT_FALSE(got.ok()) << got.value();
    EXPECT_EQ(got.error().code, Code::kInvalidInput);
  }
}

TEST(ParseTest, RawBytesInAHostAreRefused) {
  // curl takes the bytes of "http:///..a\xC1b\x7F.cn/x" as a host; no later
  // parse of the URL written from it would.
  for (const char* bad : {"http:///..a\xC1" "b.cn/x", "http://a\x7F" "b.cn/x"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(Parse(bad).ok());
    EXPECT_FALSE(Resolve("http://news.example.cn/a/", bad).ok());
  }
  // A protocol-relative link brings its host too.
  EXPECT_FALSE(Resolve("http://news.example.cn/a/", "//\xFF\xFF" ".cn:6/").ok());
  // Valid UTF-8 is a host (an IDN; punycoded when curl has libidn2).
  EXPECT_TRUE(Parse("http://\xE6\x96\xB0\xE9\x97\xBB.cn/").ok());
}

struct SiteCase {
  const char* id;
  const char* host;
  const char* want;
};

const SiteCase kSiteCases[] = {
    {"s-01", "news.example.com.cn", "example.com.cn"},
    {"s-02", "www.bbc.co.uk", "bbc.co.uk"},
    {"s-03", "127.0.0.1", "127.0.0.1"},
    {"s-04", "news.sina.com.cn", "sina.com.cn"},
    {"s-05", "www.xinhuanet.com", "xinhuanet.com"},
    {"s-06", "example.com", "example.com"},
    {"s-07", "localhost", "localhost"},
    {"s-08", "com.cn", "com.cn"},
    {"s-09", "a.b.c.d.example.org", "example.org"},
    {"s-10", "WWW.Example.COM.", "example.com"},
    {"s-11", "[::1]", "[::1]"},
    {"s-12", "www.gov.cn", "www.gov.cn"},
    {"s-13", "www.beijing.gov.cn", "beijing.gov.cn"},
    {"s-14", "news.ltn.com.tw", "ltn.com.tw"},
    {"s-15", "www.asahi.co.jp", "asahi.co.jp"},
    {"s-16", "www.smh.com.au", "smh.com.au"},
    {"s-17", "news.mingpao.com.hk", "mingpao.com.hk"},
    {"s-18", "", ""},
    {"s-19", ".", ""},
    {"s-20", "cn", "cn"},
    {"s-21", "www.people.com.cn", "people.com.cn"},
};

TEST(SiteOfTest, GroupsHostsByRegistrableDomain) {
  for (const SiteCase& c : kSiteCases) {
    EXPECT_EQ(SiteOf(c.host), c.want) << c.id << ": " << c.host;
  }
}

TEST(HostOfTest, GivesTheLowerCaseHostOrEmpty) {
  EXPECT_EQ(HostOf("http://WWW.X.com:8080/a"), "www.x.com");
  EXPECT_EQ(HostOf("https://127.0.0.1:99/"), "127.0.0.1");
  EXPECT_EQ(HostOf("garbage"), "");
  EXPECT_EQ(HostOf(""), "");
  EXPECT_EQ(HostOf("/relative"), "");
}

TEST(IsHttpTest, OnlyHttpAndHttpsWithAuthority) {
  EXPECT_TRUE(IsHttp("http://x.com/"));
  EXPECT_TRUE(IsHttp("HTTPS://x.com/"));
  EXPECT_TRUE(IsHttp("  http://x.com/"));
  EXPECT_FALSE(IsHttp("ftp://x.com/"));
  EXPECT_FALSE(IsHttp("http:x"));
  EXPECT_FALSE(IsHttp("javascript:alert(1)"));
  EXPECT_FALSE(IsHttp(""));
  EXPECT_FALSE(IsHttp("httpx://x.com/"));
  EXPECT_FALSE(IsHttp("/a/b"));
}

}  // namespace
}  // namespace gleaner::url
