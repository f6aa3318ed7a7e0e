// cron_doc_test: docs/cron.md's crontab line and systemd units do what the
// page says. The line runs as cron runs it (`sh -c`, `\%` unescaped, in
// HOME, silent when all is well since cron mails output); the service's
// ExecStart= lines run as systemd runs them (in order, ${VAR} expanded
// from Environment= and INVOCATION_ID, no shell), with /var/lib/gleaner and
// /etc/gleaner moved under a temp root. Both crawl a loopback site, store
// it, and export it through a cursor that a second run finds empty.
// Until `gleaner crawl` exists in the build, the runs are skipped with a
// message; the checks of the snippets' shape run regardless.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/cli_help.h"
#include "e2e/doc_world.h"
#include "e2e/gleaner_process.h"
#include "e2e/json_schema.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct CronEntry {
  std::vector<std::string> times;  // minute hour day-of-month month day-of-week
  std::string command;             // as written (cron escapes included)
};

std::vector<FencedBlock> CronDocBlocks(const std::string& lang) {
  std::vector<FencedBlock> found;
  for (const FencedBlock& block : FencedBlocks(SourceDir() / "docs/cron.md")) {
    if (block.lang == lang) found.push_back(block);
  }
  return found;
}

std::vector<CronEntry> CrontabEntries() {
  std::vector<CronEntry> entries;
  for (const FencedBlock& block : CronDocBlocks("crontab")) {
    std::istringstream lines(block.text);
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] == '#' || std::regex_match(line, std::regex(R"(^\w+=.*)"))) continue;
      std::istringstream words(line);
      CronEntry entry;
      for (int i = 0; i < 5; ++i) {
        std::string t;
        words >> t;
        entry.times.push_back(t);
      }
      std::getline(words, entry.command);
      entry.command = entry.command.substr(entry.command.find_first_not_of(' '));
      entries.push_back(entry);
    }
  }
  return entries;
}

// An ini block as key -> values (a key may repeat: ExecStart=).
using Unit = std::multimap<std::string, std::string>;

Unit ParseUnit(const std::string& text) {
  Unit unit;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    size_t eq = line.find('=');
    if (line.empty() || line[0] == '#' || line[0] == '[' || eq == std::string::npos) continue;
    unit.emplace(line.substr(0, eq), line.substr(eq + 1));
  }
  return unit;
}

std::vector<std::string> Values(const Unit& unit, const std::string& key) {
  std::vector<std::string> values;
  for (auto [it, end] = unit.equal_range(key); it != end; ++it) values.push_back(it->second);
  return values;
}

const FencedBlock* UnitBlock(const std::vector<FencedBlock>& blocks, const std::string& suffix) {
  for (const FencedBlock& block : blocks) {
    if (block.name.ends_with(suffix)) return &block;
  }
  return nullptr;
}

bool HaveCrawl() {
  for (const std::string& name : Help({}).subcommands) {
    if (name == "crawl") return true;
  }
  return false;
}

// Each line of an export file, checked against the schema.
int CheckExportFile(const fs::path& file) {
  json schema = json::parse(ReadFile(SourceDir() / "docs/article.schema.json"));
  int count = 0;
  std::istringstream lines(ReadFile(file));
  for (std::string line; std::getline(lines, line); ++count) {
    json article = json::parse(line);
    EXPECT_TRUE(ValidateJson(schema, article).empty()) << line.substr(0, 200);
  }
  return count;
}

TEST(CronDocTest, CrontabLineRunsHourlyWithABudgetAndACursor) {
  std::vector<CronEntry> entries = CrontabEntries();
  ASSERT_EQ(entries.size(), 1u) << "docs/cron.md should show one crontab line";
  const CronEntry& e = entries.front();
  EXPECT_TRUE(std::regex_match(e.times[0], std::regex("[0-5]?[0-9]"))) << "minute: " << e.times[0];
  EXPECT_EQ(e.times[1] + e.times[2] + e.times[3] + e.times[4], "****") << "every hour of every day";
  EXPECT_NE(e.command.find("gleaner crawl"), std::string::npos);
  EXPECT_NE(e.command.find("--max-time"), std::string::npos);
  EXPECT_TRUE(std::regex_search(e.command, std::regex("gleaner( -q)? export .*--cursor")));
  // cron turns a bare % into a new line.
  EXPECT_FALSE(std::regex_search(e.command, std::regex(R"((^|[^\\])%)"))) << e.command;
}

TEST(CronDocTest, ServiceAndTimerRunHourlyWithABudgetAndACursor) {
  std::vector<FencedBlock> blocks = CronDocBlocks("ini");
  const FencedBlock* service_block = UnitBlock(blocks, ".service");
  const FencedBlock* timer_block = UnitBlock(blocks, ".timer");
  ASSERT_TRUE(service_block && timer_block) << "docs/cron.md needs ```ini NAME.service and ```ini NAME.timer blocks";
  EXPECT_EQ(timer_block->name, service_block->name.substr(0, service_block->name.size() - 8) + ".timer")
      << "the timer starts the service of the same name";
  Unit service = ParseUnit(service_block->text);
  Unit timer = ParseUnit(timer_block->text);
  EXPECT_EQ(Values(service, "Type"), std::vector<std::string>{"oneshot"});
  std::vector<std::string> exec = Values(service, "ExecStart");
  ASSERT_EQ(exec.size(), 2u);
  EXPECT_TRUE(std::regex_search(exec[0], std::regex("^gleaner crawl .*--max-time"))) << exec[0];
  EXPECT_TRUE(std::regex_search(exec[1], std::regex("^gleaner( -q)? export .*--cursor"))) << exec[1];
  EXPECT_EQ(Values(timer, "OnCalendar"), std::vector<std::string>{"hourly"});
  EXPECT_EQ(Values(timer, "WantedBy"), std::vector<std::string>{"timers.target"});

  // systemd's own check, where systemd is installed (with the build's
  // binary for ExecStart, which verify wants to exist).
  CommandResult which = RunCommand({"/bin/sh", "-c", "command -v systemd-analyze"}, {"PATH=/usr/bin:/bin"}, "/");
  if (which.exit_code != 0) return;
  TempDir dir;
  std::string text = std::regex_replace(service_block->text, std::regex("ExecStart=gleaner "),
                                        "ExecStart=" + GleanerBinary().string() + " ");
  WriteFile(dir / service_block->name, text);
  WriteFile(dir / timer_block->name, timer_block->text);
  CommandResult verify = RunCommand({"/bin/sh", "-c", "systemd-analyze verify --man=no ./*.service ./*.timer"},
                                    {"PATH=/usr/bin:/bin", "SYSTEMD_LOG_LEVEL=warning"}, dir.path());
  EXPECT_EQ(verify.exit_code, 0) << Describe(verify);
}

TEST(CronDocTest, CrontabLineCrawlsAndExportsAsCronWouldRunIt) {
  if (!HaveCrawl()) GTEST_SKIP() << "`gleaner crawl` is not in this build yet: the crontab line runs once it is";
  std::vector<CronEntry> entries = CrontabEntries();
  ASSERT_EQ(entries.size(), 1u);
  std::string command = std::regex_replace(entries.front().command, std::regex(R"(\\%)"), "%");
  TempDir home;
  WriteFile(home / "selectors/news.toml", NewsSite::Rules());
  fs::create_directories(home / "export");
  NewsSite site;
  ASSERT_TRUE(site.ProxyWorks(home.path()));

  CommandResult r = RunCommand({"/bin/sh", "-c", command}, site.Environment(home.path()), home.path());
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.out + r.err, "") << "cron would mail this output";
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(home / "export")) files.push_back(entry.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files.front().extension(), ".jsonl");
  EXPECT_EQ(CheckExportFile(files.front()), NewsSite::kArticles);
}

TEST(CronDocTest, ServiceCrawlsAndExportsAsSystemdWouldRunIt) {
  if (!HaveCrawl()) GTEST_SKIP() << "`gleaner crawl` is not in this build yet: the service runs once it is";
  std::vector<FencedBlock> blocks = CronDocBlocks("ini");
  const FencedBlock* block = UnitBlock(blocks, ".service");
  ASSERT_NE(block, nullptr);
  Unit service = ParseUnit(block->text);
  TempDir root;
  // The unit's absolute paths, moved under the temp root.
  auto rooted = [&](std::string text) {
    for (const char* dir : {"/var/lib/gleaner", "/etc/gleaner"}) {
      text = std::regex_replace(text, std::regex(dir), (root / (dir + 1)).string());
    }
    return text;
  };
  for (const std::string& dirs : Values(service, "StateDirectory")) {
    std::istringstream names(dirs);
    for (std::string name; names >> name;) fs::create_directories(root / "var/lib" / name);
  }
  WriteFile(root / "etc/gleaner/selectors/news.toml", NewsSite::Rules());
  NewsSite site;
  ASSERT_TRUE(site.ProxyWorks(root.path()));

  for (const std::string run : {"0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"}) {
    std::vector<std::string> env = site.Environment(root / "var/lib/gleaner");
    env.push_back("INVOCATION_ID=" + run);
    for (const std::string& assignment : Values(service, "Environment")) env.push_back(rooted(assignment));
    for (std::string line : Values(service, "ExecStart")) {
      // systemd expands ${NAME} from the unit's environment; no shell runs.
      for (const std::string& var : env) {
        std::string name = var.substr(0, var.find('='));
        line = std::regex_replace(line, std::regex("\\$\\{" + name + "\\}"), var.substr(var.find('=') + 1));
      }
      ASSERT_EQ(line.find_first_of("'\"$|&;<>`"), std::string::npos) << "no shell runs ExecStart: " << line;
      std::vector<std::string> argv;
      std::istringstream words(rooted(line));
      for (std::string word; words >> word;) argv.push_back(word);
      ASSERT_EQ(argv.front(), "gleaner");
      argv.front() = GleanerBinary().string();  // systemd finds the installed one; here, the build's
      CommandResult r = RunCommand(argv, env, root.path());
      ASSERT_EQ(r.exit_code, 0) << line << "\n" << Describe(r);
      EXPECT_EQ(r.out + r.err, "") << "the journal would get this: " << line;
    }
    fs::path exported = root / "var/lib/gleaner/export" / (run + ".jsonl");
    ASSERT_TRUE(fs::exists(exported)) << exported;
    bool first = run[0] == '0';
    EXPECT_EQ(CheckExportFile(exported), first ? NewsSite::kArticles : 0)
        << (first ? "the first run exports the site" : "the cursor: a second run has nothing new");
  }
  EXPECT_TRUE(fs::exists(root / "var/lib/gleaner/gleaner.db"));
}

}  // namespace
}  // namespace gleaner::testing
