// extract_cli_test: `gleaner extract` end to end, the binary run as a user
// runs it: on a saved page, a folder (JSON Lines), stdin, with --encoding,
// and over loopback HTTP with every sample served with its own Content-Type
// (the encoding cases); and its error contract: exit codes 1 and 2, one
// `gleaner: ...` line on stderr naming the file or URL, nothing but JSON on
// stdout.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "e2e/article_compare.h"
#include "e2e/gleaner_process.h"
#include "e2e/sample_set.h"
#include "gleaner/article.h"
#include "support/http_server.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kSeedTitle[] = "英美防长会谈聚焦对乌安全承诺与三边同盟 或影响俄乌局势走向";

// stdout split into lines; each must be one JSON object.
std::vector<std::string> OutLines(const ProcessResult& r) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < r.out.size()) {
    size_t end = r.out.find('\n', start);
    if (end == std::string::npos) end = r.out.size();
    lines.push_back(r.out.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

Article ParseArticle(std::string_view json) {
  Result<Article> article = ArticleFromJson(json);
  if (!article.ok()) {
    ADD_FAILURE() << "stdout is not an Article JSON object: " << article.error().message << "\n"
                  << json.substr(0, 500);
    return {};
  }
  return *article;
}

// The output of a one-page extract: exactly one JSON object on one line.
Article ParseSingle(const ProcessResult& r) {
  std::vector<std::string> lines = OutLines(r);
  EXPECT_EQ(lines.size(), 1u) << "expected one JSON line on stdout\n" << Describe(r);
  EXPECT_TRUE(r.out.ends_with("\n")) << Describe(r);
  if (lines.empty()) return {};
  EXPECT_TRUE(lines[0].starts_with("{") && lines[0].ends_with("}")) << Describe(r);
  return ParseArticle(lines[0]);
}

Article Expected(const SampleFiles& sample) {
  return ParseArticle(sample.expected_json);
}

// A failed run: `code`, nothing on stdout, one "gleaner: " line on stderr
// that contains `needle` (the file, URL or reason).
void ExpectCleanFailure(const ProcessResult& r, int code, const std::string& needle) {
  EXPECT_EQ(r.exit_code, code) << Describe(r);
  EXPECT_EQ(r.out, "") << "stdout must carry only JSON\n" << Describe(r);
  std::vector<std::string> lines = r.ErrLines();
  ASSERT_EQ(lines.size(), 1u) << "expected a one-line message\n" << Describe(r);
  EXPECT_TRUE(lines[0].starts_with("gleaner: ")) << lines[0];
  EXPECT_NE(lines[0].find(needle), std::string::npos)
      << "message should mention '" << needle << "': " << lines[0];
}

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string bytes(n, '\0');
  for (char& b : bytes) b = static_cast<char>(rng() & 0xFF);
  return bytes;
}

// ---- saved pages, folders, stdin --------------------------------------------

TEST(ExtractCliTest, SavedPageWithUrlPrintsTheWholeArticle) {
  SampleFiles sample = LoadSample("zh-portal-oneline-utf8");
  RunOptions run;
  run.cwd = SourceDir();
  ProcessResult r = RunGleaner({"extract", "samples/zh-portal-oneline-utf8.html", "--url", sample.url}, run);
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  Article expected = Expected(sample);
  // A saved file has no Content-Type: the page's own <meta> decides.
  expected.encoding.source = "meta";
  ExpectSameArticle(expected, ParseSingle(r));
}

TEST(ExtractCliTest, SavedPageWithoutUrlStillExtracts) {
  SampleFiles sample = LoadSample("zh-table-gbk");
  ProcessResult r = RunGleaner({"extract", sample.html.string()});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  Article actual = ParseSingle(r);
  Article expected = Expected(sample);
  EXPECT_EQ(actual.input, sample.html.string());
  EXPECT_EQ(actual.url, "");
  EXPECT_EQ(actual.title, expected.title);
  EXPECT_EQ(actual.published, expected.published);
  EXPECT_TRUE(BodyDiff(expected.body, actual.body).empty()) << BodyDiff(expected.body, actual.body);
}

TEST(ExtractCliTest, FolderAsJsonLinesGivesOneLinePerPageFile) {
  TempDir dir;
  struct Copy {
    const char* sample;
    const char* path;  // inside the folder
    bool gzip;
  } copies[] = {
      {"zh-table-gbk", "a.html", false},
      {"zh-undeclared-gbk", "sub/deeper/b.htm", false},
      {"zh-gb18030-rare-chars", "sub/c.shtml", false},
      {"zh-portal-oneline-utf8", "d.html.gz", true},
  };
  std::set<std::string> want_inputs;
  std::set<std::string> want_titles;
  for (const Copy& c : copies) {
    SampleFiles sample = LoadSample(c.sample);
    WriteFile(dir / c.path, c.gzip ? Gzip(sample.bytes) : sample.bytes);
    want_inputs.insert((dir / c.path).string());
    want_titles.insert(Expected(sample).title);
  }
  WriteFile(dir / "notes.txt", "not a page");
  WriteFile(dir / "sub/data.json", "{\"not\": \"a page\"}");
  WriteFile(dir / "logo.png", RandomBytes(512, 7));

  ProcessResult r = RunGleaner({"extract", "--format", "jsonl", dir.path().string()});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  std::vector<std::string> lines = OutLines(r);
  ASSERT_EQ(lines.size(), 4u) << Describe(r);
  std::set<std::string> inputs, titles;
  for (const std::string& line : lines) {
    Article article = ParseArticle(line);
    inputs.insert(article.input);
    titles.insert(article.title);
  }
  EXPECT_EQ(inputs, want_inputs);
  EXPECT_EQ(titles, want_titles);
}

TEST(ExtractCliTest, StdinWithUrlResolvesLinksAgainstIt) {
  SampleFiles sample = LoadSample("en-wordpress-blog");
  RunOptions run;
  run.stdin_file = sample.html;
  ProcessResult r = RunGleaner({"extract", "-", "--url", sample.url}, run);
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  Article actual = ParseSingle(r);
  Article expected = Expected(sample);
  EXPECT_EQ(actual.input, "-");
  EXPECT_EQ(actual.url, sample.url);
  EXPECT_EQ(actual.title, expected.title);
  EXPECT_TRUE(BodyDiff(expected.body, actual.body).empty()) << BodyDiff(expected.body, actual.body);
  ASSERT_FALSE(actual.related.empty());
  // The third related link is relative on the page.
  EXPECT_EQ(actual.related.back().url, expected.related.back().url);
}

TEST(ExtractCliTest, EncodingFlagOverridesWhatThePageSays) {
  SampleFiles sample = LoadSample("zh-undeclared-gbk");
  ProcessResult r = RunGleaner({"extract", "--encoding", "gbk", sample.html.string()});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  Article actual = ParseSingle(r);
  EXPECT_EQ(actual.encoding.source, "override");
  EXPECT_EQ(actual.encoding.name, "GBK");
  EXPECT_EQ(actual.title, Expected(sample).title);
}

// Some inputs fail: the good ones are still printed, the run exits 1.
TEST(ExtractCliTest, OneMissingInputAmongGoodOnesExits1AndPrintsTheRest) {
  SampleFiles sample = LoadSample("zh-portal-oneline-utf8");
  TempDir dir;
  std::string missing = (dir / "gone.html").string();
  ProcessResult r = RunGleaner({"extract", "--format", "jsonl", sample.html.string(), missing});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  std::vector<std::string> lines = OutLines(r);
  ASSERT_EQ(lines.size(), 1u) << Describe(r);
  EXPECT_EQ(ParseArticle(lines[0]).title, kSeedTitle);
  std::vector<std::string> err = r.ErrLines();
  ASSERT_EQ(err.size(), 1u) << Describe(r);
  EXPECT_TRUE(err[0].starts_with("gleaner: ")) << err[0];
  EXPECT_NE(err[0].find(missing), std::string::npos) << err[0];
}

// ---- over HTTP: every sample served with its Content-Type ----------------------

class ExtractHttpSampleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExtractHttpSampleTest, TitleBodyAndEncodingMatchExpected) {
  SampleFiles sample = LoadSample(GetParam());
  HttpServer server;
  std::string path = "/samples/" + sample.name + ".html";
  server.Serve(path, HttpResponse::Ok(sample.bytes, sample.content_type));
  std::string url = server.Url(path);
  ProcessResult r = RunGleaner({"extract", url});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  Article actual = ParseSingle(r);
  SCOPED_TRACE("served as Content-Type: " + sample.content_type);
  EXPECT_EQ(actual.input, url);
  EXPECT_EQ(actual.url, url);
  ExpectSameTitleBodyEncoding(Expected(sample), actual);
}

INSTANTIATE_TEST_SUITE_P(Samples, ExtractHttpSampleTest, ::testing::ValuesIn(SampleNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return TestNameFor(info.param);
                         });

TEST(ExtractHttpTest, RedirectedUrlReportsTheFinalAddress) {
  SampleFiles sample = LoadSample("zh-portal-oneline-utf8");
  HttpServer server;
  server.Serve("/news/35251.html", HttpResponse::Ok(sample.bytes, sample.content_type));
  server.Serve("/html/35251.htm", HttpResponse::Redirect(301, "/news/35251.html"));
  ProcessResult r = RunGleaner({"extract", server.Url("/html/35251.htm")});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  Article actual = ParseSingle(r);
  EXPECT_EQ(actual.input, server.Url("/html/35251.htm"));
  EXPECT_EQ(actual.url, server.Url("/news/35251.html"));
  EXPECT_EQ(actual.title, kSeedTitle);
  ASSERT_FALSE(actual.related.empty());
  EXPECT_EQ(actual.related.front().url, server.Url("/news/35250.html"));
}

TEST(ExtractHttpTest, GzipContentEncodingIsDecoded) {
  SampleFiles sample = LoadSample("zh-table-gbk");
  HttpServer server;
  HttpResponse response = HttpResponse::Ok(sample.bytes, sample.content_type);
  response.encoding = HttpResponse::Encoding::kGzip;
  server.Serve("/a.htm", response);
  ProcessResult r = RunGleaner({"extract", server.Url("/a.htm")});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  ExpectSameTitleBodyEncoding(Expected(sample), ParseSingle(r));
}

// ---- errors ----------------------------------------------------------------------

TEST(ExtractCliErrorTest, MissingFileExits1NamingTheFile) {
  TempDir dir;
  std::string missing = (dir / "no-such-page.html").string();
  ExpectCleanFailure(RunGleaner({"extract", missing}), 1, missing);
}

TEST(ExtractCliErrorTest, FolderWithNoPagesExits1NamingTheFolder) {
  TempDir dir;
  WriteFile(dir / "readme.txt", "nothing to extract");
  WriteFile(dir / "img/logo.png", RandomBytes(256, 3));
  ExpectCleanFailure(RunGleaner({"extract", dir.path().string()}), 1, dir.path().string());
}

TEST(ExtractCliErrorTest, EmptyFileExits1NamingTheFile) {
  TempDir dir;
  std::string empty = (dir / "empty.html").string();
  WriteFile(empty, "");
  ExpectCleanFailure(RunGleaner({"extract", empty}), 1, empty);
}

TEST(ExtractCliErrorTest, RandomBytesExit1NamingTheFile) {
  TempDir dir;
  std::string junk = (dir / "junk.html").string();
  WriteFile(junk, RandomBytes(64 * 1024, 20250314));
  ExpectCleanFailure(RunGleaner({"extract", junk}), 1, junk);
}

TEST(ExtractCliErrorTest, PdfServedAsPdfExits1NamingTheContentType) {
  HttpServer server;
  server.Serve("/files/notice_1.html",
               HttpResponse::Ok("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
                                "application/pdf"));
  ExpectCleanFailure(RunGleaner({"extract", server.Url("/files/notice_1.html")}), 1,
                     "application/pdf");
}

TEST(ExtractCliErrorTest, PdfBytesServedAsHtmlExit1) {
  HttpServer server;
  std::string url = server.Url("/report.html");
  server.Serve("/report.html",
               HttpResponse::Ok("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
                                "text/html"));
  ExpectCleanFailure(RunGleaner({"extract", url}), 1, url);
}

TEST(ExtractCliErrorTest, Http404Exits1WithTheStatus) {
  HttpServer server;
  server.Serve("/gone.html", HttpResponse::Status(404, "not found"));
  ProcessResult r = RunGleaner({"extract", server.Url("/gone.html")});
  ExpectCleanFailure(r, 1, "404");
  EXPECT_NE(r.err.find(server.Url("/gone.html")), std::string::npos) << r.err;
}

TEST(ExtractCliErrorTest, ConnectionRefusedExits1NamingTheUrl) {
  RefusingPort port;
  std::string url = port.Url("/news/1.html");
  ExpectCleanFailure(RunGleaner({"extract", url}), 1, "127.0.0.1:" + std::to_string(port.port()));
}

TEST(ExtractCliErrorTest, UnknownFlagExits2) {
  ProcessResult r = RunGleaner({"extract", "--no-such-flag", "page.html"});
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_EQ(r.out, "") << Describe(r);
  EXPECT_FALSE(r.err.empty());
}

TEST(ExtractCliErrorTest, BadFormatExits2) {
  SampleFiles sample = LoadSample("zh-table-gbk");
  ProcessResult r = RunGleaner({"extract", "--format", "xml", sample.html.string()});
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_EQ(r.out, "") << Describe(r);
}

}  // namespace
}  // namespace gleaner::testing
