// crawl_site: the small news site the `gleaner crawl` CLI tests crawl - a
// list page at / linking article pages /a/<i>.html, robots.txt 404, and a
// rules file naming it - with helpers to crawl it into a store and count
// what was stored.
#ifndef GLEANER_TESTS_E2E_CRAWL_SITE_H_
#define GLEANER_TESTS_E2E_CRAWL_SITE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "e2e/gleaner_process.h"
#include "support/http_server.h"
#include "support/test_util.h"

namespace gleaner::testing {

// Article `id`: a headline, a publish time and `paragraphs` paragraphs of
// about 300 bytes of Chinese text each, distinct per id.
inline std::string ReportPage(int id, int paragraphs) {
  std::string body;
  for (int p = 0; p < paragraphs; ++p) {
    body += "<p>第" + std::to_string(id) + "号报道：记者从有关部门获悉，本市第" + std::to_string(id * 31 + p) +
            "批重点项目已经全面开工，预计将带动就业岗位" + std::to_string(id * 97 + p * 13) +
            "个，相关负责人表示将全力做好服务保障工作，确保项目早日建成投产见效。</p>";
  }
  return "<html><head><meta charset=\"utf-8\"><title>报道" + std::to_string(id) + "</title></head><body><article><h1>报道" +
         std::to_string(id) + "</h1><time datetime=\"2025-03-14T08:56:00+08:00\">2025-03-14 08:56</time>" + body +
         "</article></body></html>";
}

class CrawlSiteTest : public ::testing::Test {
 protected:
  // Serves `articles` report pages of `paragraphs` paragraphs and the list;
  // the rules start at `origin` (the server itself, or a gate in front of
  // it). on_article_, when set, runs as each article request arrives.
  void MakeSite(const std::string& origin, int articles, int paragraphs) {
    server_.Serve("/robots.txt", HttpResponse::Status(404));
    std::string list = "<html><body><ul>";
    for (int i = 1; i <= articles; ++i) {
      std::string path = "/a/" + std::to_string(i) + ".html";
      std::string page = ReportPage(i, paragraphs);
      server_.Route(path, [this, page](const HttpRequest&) {
        if (on_article_) on_article_();
        return HttpResponse::Ok(page);
      });
      list += "<li><a href=\"" + path + "\">报道" + std::to_string(i) + "</a></li>";
    }
    server_.Serve("/", HttpResponse::Ok(list + "</ul></body></html>"));
    WriteFile(rules_, "[site]\nname = \"test\"\nstart = [\"" + origin +
                          "/\"]\narticle = '/a/\\d+\\.html$'\n");
  }

  ProcessResult CrawlInto(const std::string& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"crawl", "--db", db, "--delay", "0", "--rules", rules_.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunGleaner(args);
  }

  // Articles in `db`, duplicates included.
  int StoredIn(const std::string& db) {
    ProcessResult r = RunGleaner({"export", "--db", db, "--format", "jsonl", "--include-duplicates"});
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    int n = 0;
    for (char c : r.out) n += c == '\n';
    return n;
  }

  std::function<void()> on_article_;  // set before a crawl starts
  HttpServer server_;
  TempDir dir_;
  std::filesystem::path rules_ = dir_ / "rules" / "test.toml";
};

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_E2E_CRAWL_SITE_H_
