// doc_world: the world the docs' snippets run in - a loopback news site,
// a clean environment, a shell - and the fenced blocks of a Markdown file.
// Does:    NewsSite serves http://news.example.cn/ (a list page and three
//          articles) from a loopback HttpServer that gleaner reaches as its
//          HTTP proxy (libcurl reads http_proxy), so snippets run exactly
//          as written without touching the network; https_proxy points
//          there too, so an https URL fails here instead of leaving the
//          machine. RunCommand runs a shell or any program with a given
//          environment and working directory and captures its output.
// Owns:    NewsSite owns its server (threads end with it).
// Threads: call from the test's thread.
// Touches: 127.0.0.1 only; files under the caller's temp dirs.
// Header-only because e2e's binary is built from *_test.cc files alone.
#ifndef GLEANER_TESTS_E2E_DOC_WORLD_H_
#define GLEANER_TESTS_E2E_DOC_WORLD_H_

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/gleaner_process.h"
#include "support/http_server.h"
#include "support/test_util.h"

namespace gleaner::testing {

// ---- Markdown ----------------------------------------------------------

// A fenced code block: ```LANG NAME ... ```. A block is left out of the
// runs only when the line before its fence is
// `<!-- docs-test: skip (why) -->`.
struct FencedBlock {
  std::string file;
  int line = 0;       // of the opening fence, 1-based
  std::string lang;   // "sh", "ini", "crontab", ...
  std::string name;   // the word after the language: "gleaner-crawl.service"
  std::string text;   // the lines inside, each ending in '\n'
  bool skipped = false;
  std::string skip_reason;
};

inline std::vector<FencedBlock> FencedBlocks(const std::filesystem::path& file) {
  static const std::regex kOpen(R"(^```([^ `]*)(?: +([^ ]+))?\s*$)");
  static const std::regex kSkip(R"(^<!-- docs-test: skip \((.+)\) -->$)");
  std::vector<FencedBlock> blocks;
  std::istringstream in(ReadFile(file));
  std::string line, previous;
  int number = 0;
  FencedBlock* open = nullptr;
  while (std::getline(in, line)) {
    ++number;
    std::smatch m;
    if (open != nullptr) {
      if (line.rfind("```", 0) == 0) open = nullptr;
      else open->text += line + "\n";
    } else if (std::regex_match(line, m, kOpen)) {
      FencedBlock block;
      block.file = file.filename().string();
      block.line = number;
      block.lang = m[1].str();
      block.name = m[2].str();
      if (std::regex_match(previous, m, kSkip)) {
        block.skipped = true;
        block.skip_reason = m[1].str();
      }
      blocks.push_back(block);
      open = &blocks.back();
    }
    if (!line.empty()) previous = line;
  }
  return blocks;
}

// ---- Processes ---------------------------------------------------------

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv[0] (an absolute path) with exactly `env`, in `cwd`, stdin from
// /dev/null; returns its status and output.
inline CommandResult RunCommand(const std::vector<std::string>& args, const std::vector<std::string>& env,
                                const std::filesystem::path& cwd) {
  CommandResult result;
  TempDir scratch;
  std::string out_path = (scratch / "out").string();
  std::string err_path = (scratch / "err").string();
  std::vector<std::string> argv_storage = args;
  std::vector<std::string> env_storage = env;
  std::vector<char*> argv, envp;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  for (std::string& e : env_storage) envp.push_back(e.data());
  argv.push_back(nullptr);
  envp.push_back(nullptr);
  const char* dir = cwd.c_str();
  // Only async-signal-safe calls between fork and exec: the loopback
  // server's threads run in this process.
  pid_t pid = fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return result;
  }
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0 || chdir(dir) != 0) _exit(126);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return result;
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

inline std::string Describe(const CommandResult& r) {
  auto clip = [](const std::string& s) { return s.size() > 3000 ? s.substr(0, 3000) + "..." : s; };
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + clip(r.out) + "\n--- stderr ---\n" +
         clip(r.err);
}

// ---- The news site -----------------------------------------------------

class NewsSite {
 public:
  static constexpr const char* kOrigin = "http://news.example.cn";

  NewsSite() {
    server_.RoutePrefix("http://news.example.cn/", [](const HttpRequest& request) {
      std::string path = request.path.substr(std::string(kOrigin).size());
      if (path == "/" || path == "/index.html") return HttpResponse::Ok(ListPage());
      for (int i = 0; i < kArticles; ++i) {
        if (path == ArticlePath(i)) return HttpResponse::Ok(ArticlePage(i));
      }
      return HttpResponse::Status(404, "not found\n");
    });
    // Anything else - another host, an https CONNECT - is refused here.
    server_.RoutePrefix("", [](const HttpRequest&) { return HttpResponse::Status(403, "not this site\n"); });
  }

  static constexpr int kArticles = 3;
  static std::string ArticlePath(int i) { return "/a/" + std::to_string(123 + i) + ".html"; }

  // The environment a snippet runs in: nothing from the test's own but
  // what sanitizers need; gleaner (the build's) first on PATH; the proxy.
  std::vector<std::string> Environment(const std::filesystem::path& home) const {
    std::string proxy = server_.Origin();
    std::vector<std::string> env = {
        "PATH=" + GleanerBinary().parent_path().string() + ":/usr/local/bin:/usr/bin:/bin",
        "HOME=" + home.string(),
        "LANG=C.UTF-8",
        "TZ=UTC",
        "http_proxy=" + proxy,
        "https_proxy=" + proxy,
        "HTTPS_PROXY=" + proxy,
    };
    for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TMPDIR"}) {
      if (const char* value = std::getenv(name)) env.push_back(std::string(name) + "=" + value);
    }
    return env;
  }

  // True when gleaner really goes through the proxy: a fetch of a name
  // that cannot resolve reaches this server. Snippets are run only then.
  bool ProxyWorks(const std::filesystem::path& home) {
    RunCommand({GleanerBinary().string(), "extract", "http://canary.invalid/"}, Environment(home), home);
    for (const HttpRequest& request : server_.Requests()) {
      if (request.path.rfind("http://canary.invalid/", 0) == 0) return true;
    }
    return false;
  }

  // A rules file for the site (no politeness delay: it is loopback).
  static std::string Rules() {
    return "[site]\nname = \"news\"\nstart = [\"http://news.example.cn/\"]\narticle = '/a/\\d+\\.html$'\n"
           "delay = 0\n";
  }

  int ArticleRequests() const {
    int n = 0;
    for (int i = 0; i < kArticles; ++i) n += server_.RequestCount(std::string(kOrigin) + ArticlePath(i));
    return n;
  }

 private:
  static std::string ListPage() {
    std::string links;
    for (int i = 0; i < kArticles; ++i) links += "<li><a href=\"" + ArticlePath(i) + "\">" + kTitles[i] + "</a></li>\n";
    return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>示例新闻网</title></head>\n"
           "<body><h1>要闻</h1><ul class=\"list\">\n" + links + "</ul></body></html>\n";
  }

  static std::string ArticlePage(int i) {
    std::string paragraphs;
    for (const char* p : kBodies[i]) paragraphs += std::string("<p>") + p + "</p>\n";
    return std::string("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title>") + kTitles[i] +
           "_示例新闻网</title>\n<meta property=\"og:type\" content=\"article\">\n</head><body>\n"
           "<div class=\"nav\"><a href=\"/\">首页</a></div>\n<div class=\"article\"><h1>" + kTitles[i] +
           "</h1>\n<div class=\"info\">2025年3月" + std::to_string(12 + i) +
           "日 08:56 来源：新华社</div>\n<div class=\"content\">\n" + paragraphs + "</div></div></body></html>\n";
  }

  static constexpr const char* kTitles[kArticles] = {"城东区老旧小区加装电梯进度过半", "星湖湿地补种水生植物十万株",
                                                     "首趟公交化城际列车今晨开行"};
  static constexpr const char* kBodies[kArticles][3] = {
      {"记者从城东区住建局获悉，今年计划加装的一百二十部电梯已有六十五部完工，其余将在六月底前投入使用。",
       "纺织二村的居民王阿姨说，过去每天爬六楼买菜，如今电梯就在家门口，出门方便多了。",
       "住建局负责人表示，加装电梯将优先安排有老人和残障人士的楼栋，并为低收入家庭提供补贴。"},
      {"三月八日，工人们在星湖北岸东村湿地补种芦苇、菖蒲等水生植物，总数超过十万株。",
       "湿地管理处介绍，补种后的岸线将为越冬候鸟提供更多栖息地，也能净化流入湖中的雨水。",
       "去年冬天，星湖记录到的候鸟种类比五年前增加了二十一种，其中包括国家二级保护动物小天鹅。"},
      {"十二日清晨六点二十分，首趟公交化运营的城际列车从常州北站驶出，开往无锡东站。",
       "新的运行图里，两站之间每半小时就有一趟车，旅客刷码即可进站，不必提前购票。",
       "铁路部门预计，公交化开行后沿线日均客流将增加三成，早晚高峰还会加开临时列车。"},
  };

  HttpServer server_;
};

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_E2E_DOC_WORLD_H_
