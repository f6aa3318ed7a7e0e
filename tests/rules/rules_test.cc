// rules_test: rules text -> SiteRules. A good file comes back whole; every
// kind of mistake a user makes gives one "FILE:LINE: KEY: why" error that
// names the line and key to fix, never a silently ignored rule.
#include "gleaner/rules.h"

#include <gtest/gtest.h>

#include <string>

#include "support/test_util.h"

namespace gleaner::rules {
namespace {

constexpr char kFullRules[] = R"toml(
[site]
name     = "example portal"
start    = ["https://news.example.cn/", " https://news.example.cn/world/ "]
sitemaps = "https://news.example.cn/sitemap.xml"
feeds    = ["https://news.example.cn/rss.xml"]
article  = '/news/\d+\.html$'
follow   = '/(news|list)/'
exclude  = ['\?sid=', '/calendar/']
hosts    = ["M.Example.CN", "img.example.cn"]
encoding = "gbk"
delay    = 1.5
max_depth = 3
max_pages = 200
revisit_days = 2
timezone = "+0800"

[extract]
title   = "h1.title"
date    = ".info .time"
body    = "div.content"
source  = ".info .source"
author  = ".info .author"
related = ".newslist a"
drop    = [".share", ".ad", ".comment"]
)toml";

TEST(ParseTextTest, FullFileComesBackWhole) {
  Result<SiteRules> parsed = ParseText(kFullRules, "selectors/example.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const SiteRules& r = *parsed;
  EXPECT_EQ(r.file, "selectors/example.toml");
  EXPECT_EQ(r.name, "example portal");
  EXPECT_EQ(r.name_line, 3);
  EXPECT_EQ(r.start, (std::vector<std::string>{"https://news.example.cn/", "https://news.example.cn/world/"}));
  EXPECT_EQ(r.sitemaps, std::vector<std::string>{"https://news.example.cn/sitemap.xml"});
  EXPECT_EQ(r.feeds, std::vector<std::string>{"https://news.example.cn/rss.xml"});
  EXPECT_EQ(r.article, R"(/news/\d+\.html$)");
  EXPECT_EQ(r.follow, "/(news|list)/");
  EXPECT_EQ(r.exclude, (std::vector<std::string>{R"(\?sid=)", "/calendar/"}));
  EXPECT_EQ(r.hosts, (std::vector<std::string>{"m.example.cn", "img.example.cn"}));
  EXPECT_EQ(r.encoding, "gbk");
  EXPECT_DOUBLE_EQ(r.delay_s, 1.5);
  EXPECT_EQ(r.max_depth, 3);
  EXPECT_EQ(r.max_pages, 200);
  EXPECT_DOUBLE_EQ(r.revisit_days, 2);
  EXPECT_EQ(r.extract.timezone, "+08:00");
  EXPECT_EQ(r.extract.title, "h1.title");
  EXPECT_EQ(r.extract.date, ".info .time");
  EXPECT_EQ(r.extract.body, "div.content");
  EXPECT_EQ(r.extract.source, ".info .source");
  EXPECT_EQ(r.extract.author, ".info .author");
  EXPECT_EQ(r.extract.related, ".newslist a");
  EXPECT_EQ(r.extract.drop, (std::vector<std::string>{".share", ".ad", ".comment"}));
}

TEST(ParseTextTest, EmptyFileGivesDefaultsAndTheFileNameAsSiteName) {
  Result<SiteRules> parsed = ParseText("# nothing yet\n", "selectors/xinhua.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->name, "xinhua");
  EXPECT_EQ(parsed->name_line, 0);
  EXPECT_TRUE(parsed->start.empty());
  EXPECT_TRUE(parsed->article.empty());
  EXPECT_EQ(parsed->max_depth, -1);
  EXPECT_EQ(parsed->max_pages, 0);
  EXPECT_EQ(parsed->delay_s, 0);
  EXPECT_TRUE(parsed->extract.timezone.empty());
}

TEST(ParseTextTest, TimezoneFormsAreWrittenCanonically) {
  struct Row { const char* id; const char* given; const char* stored; };
  const Row rows[] = {
      {"tz-1", "+08:00", "+08:00"}, {"tz-2", "+0800", "+08:00"}, {"tz-3", "+8", "+08:00"},
      {"tz-4", "-05:30", "-05:30"}, {"tz-5", "Z", "+00:00"},     {"tz-6", "UTC", "+00:00"},
      {"tz-7", "+14:00", "+14:00"},
  };
  for (const Row& row : rows) {
    std::string text = std::string("[extract]\ntimezone = \"") + row.given + "\"\n";
    Result<SiteRules> parsed = ParseText(text, "x.toml");
    ASSERT_TRUE(parsed.ok()) << row.id << ": " << parsed.error().message;
    EXPECT_EQ(parsed->extract.timezone, row.stored) << row.id;
  }
}

TEST(ParseTextTest, CapsAcceptTheLimitAndRefuseOnePast) {
  struct Row { const char* id; const char* line; bool ok; };
  const Row rows[] = {
      {"delay-1", "delay = 3599", true},       {"delay-2", "delay = 3600", true},
      {"delay-3", "delay = 3601", false},      {"delay-4", "delay = 0", true},
      {"delay-5", "delay = 3600.5", false},    {"depth-1", "max_depth = 99", true},
      {"depth-2", "max_depth = 100", true},    {"depth-3", "max_depth = 101", false},
      {"depth-4", "max_depth = 0", true},      {"depth-5", "max_depth = -1", false},
      {"pages-1", "max_pages = 0", true},      {"pages-2", "max_pages = -1", false},
      {"revisit-1", "revisit_days = 0.5", true}, {"revisit-2", "revisit_days = -0.5", false},
  };
  for (const Row& row : rows) {
    Result<SiteRules> parsed = ParseText(std::string("[site]\n") + row.line + "\n", "x.toml");
    EXPECT_EQ(parsed.ok(), row.ok) << row.id << ": " << (parsed.ok() ? "" : parsed.error().message);
  }
}

TEST(ParseTextTest, EncodingIsCheckedByTheCallersTable) {
  LoadOptions options;
  options.encoding_known = [](std::string_view label) { return label == "gbk"; };
  EXPECT_TRUE(ParseText("[site]\nencoding = \"gbk\"\n", "x.toml", options).ok());
  Result<SiteRules> parsed = ParseText("[site]\nencoding = \"gbkk\"\n", "x.toml", options);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message,
            "x.toml:2: site.encoding: 'gbkk' is not an encoding gleaner knows (e.g. gbk, gb18030, big5, utf-8)");
  // Without a table, a well-formed label passes: the crawl checks it later.
  EXPECT_TRUE(ParseText("[site]\nencoding = \"gbkk\"\n", "x.toml").ok());
}

// One broken file per row, with the whole error a user reads. `prefix`
// rows end in text owned by another library (toml++, the html module).
struct BrokenCase {
  const char* id;
  const char* toml;
  const char* error;
  bool prefix = false;
};

const BrokenCase kBroken[] = {
    {"key-1", "[extract]\ntitel = \"h1\"\n", "x.toml:2: extract.titel: unknown key (did you mean 'title'?)"},
    {"key-2", "[site]\nDelay = 1\n", "x.toml:2: site.Delay: unknown key (did you mean 'delay'?)"},
    {"key-3", "[site]\nbody = \"div\"\n", "x.toml:2: site.body: unknown key here (it belongs in [extract])"},
    {"key-4", "[site]\nfoo = 1\n", "x.toml:2: site.foo: unknown key"},
    {"key-5", "site.delya = 1\n", "x.toml:1: site.delya: unknown key (did you mean 'delay'?)"},
    {"key-6", "[site]\nzzz = 1\naaa = 2\n", "x.toml:2: site.zzz: unknown key"},
    {"key-7", "[site.extra]\nx = 1\n", "x.toml:1: site.extra: unknown key"},
    {"table-1", "[sites]\nname = \"a\"\n",
     "x.toml:1: sites: unknown table (the tables are [site] and [extract]; did you mean [site]?)"},
    {"table-2", "[options]\n", "x.toml:1: options: unknown table (the tables are [site] and [extract])"},
    {"table-3", "start = \"https://a.example/\"\n",
     "x.toml:1: start: unknown key at the top of the file (put it under [site])"},
    {"table-4", "drop = \".ad\"\n", "x.toml:1: drop: unknown key at the top of the file (put it under [extract])"},
    {"table-5", "site = \"x\"\n", "x.toml:1: site: expected a table ([site]), got a string"},
    {"table-6", "[[site]]\nname = \"a\"\n", "x.toml:1: site: expected a table ([site]), got a list"},
    {"type-1", "[site]\n\ndelay = \"1\"\n", "x.toml:3: site.delay: expected a number, got a string"},
    {"type-2", "[site]\nmax_depth = 2.0\n", "x.toml:2: site.max_depth: expected an integer, got a decimal number"},
    {"type-3", "[site]\nstart = 5\n", "x.toml:2: site.start: expected a string or a list of strings, got an integer"},
    {"type-4", "[site]\nstart = [true]\n", "x.toml:2: site.start[0]: expected a string, got a boolean"},
    {"type-5", "[site]\nname = 7\n", "x.toml:2: site.name: expected a string, got an integer"},
    {"type-6", "[site]\narticle = ['a']\n", "x.toml:2: site.article: expected a string, got a list"},
    {"type-7", "[extract]\ntitle = { css = \"h1\" }\n", "x.toml:2: extract.title: expected a string, got a table"},
    {"type-8", "[site]\nrevisit_days = 2025-01-01\n", "x.toml:2: site.revisit_days: expected a number, got a date"},
    {"range-1", "[site]\ndelay = 3601\n", "x.toml:2: site.delay: 3601 is out of range (0 to 3600)"},
    {"range-2", "[site]\ndelay = -0.5\n", "x.toml:2: site.delay: -0.5 is out of range (0 to 3600)"},
    {"range-3", "[site]\ndelay = nan\n", "x.toml:2: site.delay: expected a finite number, got nan"},
    {"range-4", "[site]\nrevisit_days = inf\n", "x.toml:2: site.revisit_days: expected a finite number, got inf"},
    {"range-5", "[site]\nmax_depth = 101\n", "x.toml:2: site.max_depth: 101 is out of range (0 to 100)"},
    {"range-6", "[site]\nmax_pages = -5\n", "x.toml:2: site.max_pages: -5 is out of range (must be 0 or more)"},
    {"url-1", "[site]\nstart = [\"https://a.example/\", \"ftp://x/\"]\n",
     "x.toml:2: site.start[1]: 'ftp://x/' is not an http or https URL"},
    {"url-2", "[site]\nstart = [\n  \"https://a.example/\",\n  \"/news/\",\n]\n",
     "x.toml:4: site.start[1]: '/news/' is not an absolute URL (write it as https://host/path)"},
    {"url-3", "[site]\nfeeds = \"\"\n", "x.toml:2: site.feeds: is empty"},
    {"url-4", "[site]\nsitemaps = [\"javascript:alert(1)\"]\n",
     "x.toml:2: site.sitemaps[0]: 'javascript:alert(1)' is not an http or https URL"},
    {"re-1", "[site]\narticle = \"(foo\"\n", "x.toml:2: site.article: not a valid RE2 pattern: missing ): (foo"},
    {"re-2", "[site]\nfollow = '/news/(?!video)'\n",
     "x.toml:2: site.follow: not a valid RE2 pattern: invalid perl operator: (?! (RE2 has no lookahead or "
     "lookbehind: match the wanted URLs in `article`/`follow` and list the unwanted ones in `exclude`)"},
    {"re-3", "[site]\narticle = '/(\\d+)/\\1'\n",
     "x.toml:2: site.article: not a valid RE2 pattern: invalid escape sequence: \\1 (RE2 has no backreferences)"},
    {"re-4", "[site]\nexclude = ['ok', '[x']\n", "x.toml:2: site.exclude[1]: not a valid RE2 pattern: missing ]: [x"},
    {"re-5", "[site]\narticle = ''\n",
     "x.toml:2: site.article: is empty (an empty pattern matches every URL; leave the key out)"},
    {"re-6", "[site]\narticle = '(((a{100}){100}){100})'\n",
     "x.toml:2: site.article: not a valid RE2 pattern: invalid repetition size: {100}"},
    {"re-7", "[site]\narticle = '\\pL{1000}'\n",
     "x.toml:2: site.article: not a valid RE2 pattern: pattern too large - compile failed (compiled, it needs "
     "more than 4 MB; use fewer or smaller repetitions, or split an exclude into several patterns)"},
    {"re-8", "[site]\narticle = '(?<id>\\d+)'\n",
     "x.toml:2: site.article: not a valid RE2 pattern: invalid perl operator: (?< (write a named group as "
     "(?P<name>...))"},
    {"host-1", "[site]\nhosts = [\"https://m.a.example/\"]\n",
     "x.toml:2: site.hosts[0]: 'https://m.a.example/' is a URL; give the host name alone (news.example.cn)"},
    {"host-2", "[site]\nhosts = \"a.example:8080\"\n",
     "x.toml:2: site.hosts: 'a.example:8080' is not a host name (letters, digits, '-' and '.'; no port, path or "
     "wildcard)"},
    {"host-3", "[site]\nhosts = \"a..example\"\n",
     "x.toml:2: site.hosts: 'a..example' is not a host name (empty label between dots)"},
    {"enc-1", "[site]\nencoding = \"gb 2312\"\n",
     "x.toml:2: site.encoding: 'gb 2312' is not an encoding label (e.g. gbk, gb18030, big5, utf-8)"},
    {"tz-1", "[site]\ntimezone = \"CST\"\n",
     "x.toml:2: site.timezone: 'CST' is not a UTC offset like \"+08:00\" or \"-05:00\""},
    {"tz-2", "[site]\ntimezone = \"+15:00\"\n", "x.toml:2: site.timezone: '+15:00' is out of range (-14:00 to +14:00)"},
    {"tz-3", "[site]\ntimezone = \"+08:0\"\n",
     "x.toml:2: site.timezone: '+08:0' is not a UTC offset like \"+08:00\" or \"-05:00\""},
    {"tz-4", "[site]\ntimezone = \"+08:00\"\n[extract]\ntimezone = \"+08:00\"\n",
     "x.toml:4: extract.timezone: the timezone is already set by site.timezone; keep one"},
    {"css-1", "[extract]\ntitle = \"h1[\"\n", "x.toml:2: extract.title: invalid CSS selector \"h1[\"", true},
    {"css-2", "[extract]\ndrop = [\".a\", \"  \"]\n",
     "x.toml:2: extract.drop[1]: is empty (leave the key out to keep the generic guess)"},
    {"css-3", "[extract]\nrelated = \"ul >> a\"\n", "x.toml:2: extract.related: invalid CSS selector", true},
    {"name-1", "[site]\nname = \"  \"\n", "x.toml:2: site.name: is empty (leave it out to use the file name)"},
    {"name-2", "[site]\nname = \"a\\u0007b\"\n", "x.toml:2: site.name: contains a control character"},
    {"toml-1", "[site\nname = \"a\"\n", "x.toml:1: not valid TOML: ", true},
    {"toml-2", "[site]\nname = \"a\"\nname = \"b\"\n", "x.toml:3: not valid TOML: ", true},
    {"toml-3", "[site]\nname = \"\xff\xfe\"\n", "x.toml:2: not valid TOML: ", true},
    {"toml-4", "[site]\nname = \"a\n", "x.toml:2: not valid TOML: ", true},
};

TEST(ParseTextTest, BrokenFilesNameFileLineKeyAndWhy) {
  for (const BrokenCase& c : kBroken) {
    Result<SiteRules> parsed = ParseText(c.toml, "x.toml");
    ASSERT_FALSE(parsed.ok()) << c.id << " parsed, but should fail";
    EXPECT_EQ(parsed.error().code, Code::kInvalidInput) << c.id;
    if (c.prefix) {
      EXPECT_TRUE(parsed.error().message.starts_with(c.error)) << c.id << ": " << parsed.error().message;
    } else {
      EXPECT_EQ(parsed.error().message, c.error) << c.id;
    }
  }
}

TEST(ParseTextTest, HostileBytesNeverCrash) {
  // Prefixes of a real file, and binary junk: each gives rules or an error.
  std::string full = kFullRules;
  for (size_t n = 0; n <= full.size(); n += 7) {
    Result<SiteRules> parsed = ParseText(full.substr(0, n), "cut.toml");
    if (!parsed.ok()) {
      EXPECT_TRUE(parsed.error().message.starts_with("cut.toml")) << parsed.error().message;
    }
  }
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 131) & 0xff));
  EXPECT_FALSE(ParseText(junk, "junk.toml").ok());
  std::string deep(10000, '[');
  EXPECT_FALSE(ParseText("[site]\nstart = " + deep + "\n", "deep.toml").ok());
}

TEST(ParseTextTest, ExampleFileInTheTreeLoadsCleanly) {
  std::string path = (testing::SourceDir() / "selectors" / "example.toml").string();
  Result<SiteRules> loaded = LoadFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->name, "huaxia-daily");
  EXPECT_FALSE(loaded->start.empty());
  EXPECT_FALSE(loaded->article.empty());
  EXPECT_FALSE(loaded->extract.body.empty());
  Result<std::shared_ptr<const CompiledRules>> compiled = CompiledRules::Compile(*loaded);
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  // The article URL its comment gives as an example.
  EXPECT_TRUE((*compiled)->IsArticle("https://news.hdaily.example/china/2025-03/14/c_1130271234.htm"));
  EXPECT_FALSE((*compiled)->IsArticle("https://news.hdaily.example/china/"));
  EXPECT_TRUE((*compiled)->ShouldFollow("https://news.hdaily.example/china/"));
  EXPECT_TRUE((*compiled)->IsExcluded("https://news.hdaily.example/photo/1.html"));
}

}  // namespace
}  // namespace gleaner::rules
