// snippets_test: every ```sh block in README.md and docs/*.md runs as
// written and succeeds - in a temp dir holding the files the tour names
// (saved.html, saved-pages/, selectors/), with the build's gleaner first on
// PATH and a loopback server standing in for http://news.example.cn/ - and
// every gleaner flag any snippet uses exists in that command's --help.
// A block is left out only with `<!-- docs-test: skip (why) -->` above it.
// Blocks that use a command this build does not have (crawl, while it is
// being written) are skipped with a message saying so.
// (docs/internals/ is for developers and is not run: it needs the
// benchmark data beside the checkout.)
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "e2e/cli_help.h"
#include "e2e/doc_world.h"
#include "e2e/gleaner_process.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

namespace fs = std::filesystem;

// README.md and docs/*.md: what a user reads.
std::vector<fs::path> UserDocs() {
  std::vector<fs::path> docs = {SourceDir() / "README.md"};
  for (const fs::directory_entry& entry : fs::directory_iterator(SourceDir() / "docs")) {
    if (entry.is_regular_file() && entry.path().extension() == ".md") docs.push_back(entry.path());
  }
  std::sort(docs.begin() + 1, docs.end());
  return docs;
}

// The files the tour's commands name, in the snippets' working directory.
void MakeTourFiles(const fs::path& dir) {
  fs::path samples = SourceDir() / "samples";
  fs::copy_file(samples / "zh-gb2312-lie.html", dir / "saved.html");  // GBK, declared as gb2312
  fs::create_directories(dir / "saved-pages");
  for (const char* name : {"zh-portal-oneline-utf8.html", "en-newspaper-article.html", "zh-hk-big5.html"}) {
    fs::copy_file(samples / name, dir / "saved-pages" / name);
  }
  WriteFile(dir / "selectors/news.toml", NewsSite::Rules());
}

// The commands of this build, and the words they are called by.
struct Cli {
  const std::vector<CommandHelp>& commands = AllCommands();
  std::set<std::string> top_level;
  Cli() {
    for (const std::string& name : commands.front().subcommands) top_level.insert(name);
  }
  // The first command a block uses that this build lacks, or "".
  std::string Missing(const std::string& text) const {
    for (const Invocation& inv : FindInvocations(text, commands)) {
      if (!inv.command_word.empty() && inv.path.empty() && inv.command_word.rfind("-", 0) != 0) {
        return inv.command_word;
      }
    }
    return "";
  }
};

TEST(SnippetsTest, OnlyShAndKnownLanguagesAreUsed) {
  // A shell block written as ```bash or ```console would escape the runs.
  const std::set<std::string> known = {"sh", "ini", "crontab", "toml", "json", "text", ""};
  for (const fs::path& doc : UserDocs()) {
    for (const FencedBlock& block : FencedBlocks(doc)) {
      EXPECT_TRUE(known.count(block.lang)) << block.file << ":" << block.line << ": ```" << block.lang
                                           << " - write shell as ```sh so the tests run it";
    }
  }
}

TEST(SnippetsTest, EveryFlagInTheDocsExists) {
  Cli cli;
  int checked = 0;
  for (const fs::path& doc : UserDocs()) {
    for (const FencedBlock& block : FencedBlocks(doc)) {
      std::string text = block.text;
      if (block.lang == "ini") {  // systemd: the command lines only
        std::string commands;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
          if (line.rfind("ExecStart=", 0) == 0) commands += line.substr(10) + "\n";
        }
        text = commands;
      }
      for (const Invocation& inv : FindInvocations(text, cli.commands)) {
        const CommandHelp* command = nullptr;
        for (const CommandHelp& c : cli.commands) {
          if (c.path == inv.path) command = &c;
        }
        if (inv.path.empty() && !inv.command_word.empty() && inv.command_word.rfind("-", 0) != 0) continue;  // absent
        for (const std::string& flag : inv.global_flags) {
          bool ok = cli.commands.front().Find(flag) != nullptr || flag == "-vv";
          EXPECT_TRUE(ok) << block.file << ":" << block.line << ": gleaner has no global flag " << flag << "\n"
                          << inv.line;
        }
        for (const std::string& flag : inv.flags) {
          ++checked;
          EXPECT_TRUE(command->Find(flag) != nullptr)
              << block.file << ":" << block.line << ": `" << command->Name() << "` has no flag " << flag << "\n"
              << inv.line;
        }
      }
    }
  }
  EXPECT_GE(checked, 20);
}

// What the README's blocks leave behind, checked after they ran.
using AfterBlocks =
    std::function<void(const NewsSite& site, const fs::path& work, const std::vector<std::string>& env)>;

// Runs the unskipped sh blocks of one document in order, in one temp dir,
// then `after` when every block ran.
void RunDocument(const fs::path& doc, const AfterBlocks& after = nullptr) {
  Cli cli;
  TempDir home;
  fs::path work = home / "work";
  fs::create_directories(work);
  MakeTourFiles(work);
  NewsSite site;
  ASSERT_TRUE(site.ProxyWorks(home.path()))
      << "gleaner did not go through the loopback proxy (http_proxy); the snippets are not run, so that "
         "they cannot reach the network";
  int ran = 0;
  std::vector<std::string> skipped;
  for (const FencedBlock& block : FencedBlocks(doc)) {
    if (block.lang != "sh" || block.skipped) continue;
    std::string missing = cli.Missing(block.text);
    if (!missing.empty()) {
      skipped.push_back(block.file + ":" + std::to_string(block.line) + " (uses `gleaner " + missing + "`)");
      continue;
    }
    CommandResult r = RunCommand({"/bin/sh", "-e", "-c", block.text}, site.Environment(home.path()), work);
    EXPECT_EQ(r.exit_code, 0) << block.file << ":" << block.line << ": this block failed (a block that cannot run "
                              << "in a test needs `<!-- docs-test: skip (why) -->` above it):\n"
                              << block.text << Describe(r);
    ++ran;
  }
  if (!skipped.empty()) {
    std::string list;
    for (const std::string& s : skipped) list += "\n  " + s;
    GTEST_SKIP() << "ran " << ran << " blocks; skipped these, which use a command this build does not have yet:"
                 << list;
  }
  if (after) after(site, work, site.Environment(home.path()));
}

// The tour's crawl fetched the site's articles, and the store has them.
TEST(SnippetsTest, ReadmeBlocksRunAsWritten) {
  RunDocument(SourceDir() / "README.md", [](const NewsSite& site, const fs::path& work,
                                            const std::vector<std::string>& env) {
    EXPECT_GE(site.ArticleRequests(), NewsSite::kArticles + 2) << "the tour's two extracts and its crawl";
    CommandResult r = RunCommand({"/bin/sh", "-c", "gleaner export --db news.db --site example.cn"}, env, work);
    EXPECT_NE(r.out.find("城东区老旧小区加装电梯进度过半"), std::string::npos) << Describe(r);
  });
}

TEST(SnippetsTest, DocsBlocksRunAsWritten) {
  for (const fs::path& doc : UserDocs()) {
    if (doc.filename() == "README.md") continue;
    SCOPED_TRACE(doc.string());
    RunDocument(doc);
  }
}

}  // namespace
}  // namespace gleaner::testing
