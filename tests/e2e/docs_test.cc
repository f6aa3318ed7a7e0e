// docs_test: --help, the man page, the README and the bash completion agree
// on every command and flag, because each is checked against the built
// gleaner's own --help; and what a user reads first (--version, --help)
// says what the issue promised: libraries, defaults, an example.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "e2e/cli_help.h"
#include "e2e/doc_world.h"
#include "e2e/gleaner_process.h"
#include "support/test_util.h"

namespace gleaner::testing {
namespace {

using nlohmann::json;

// "--max-bytes" as roff writes it: "\-\-max\-bytes".
std::string Roff(const std::string& text) { return std::regex_replace(text, std::regex("-"), "\\-"); }

// True when `word` occurs in `text` as a whole flag (not inside a longer
// one: "--format" is not found in "--formats" or "x--format"; in roff,
// "\-\-max" is not found in "\-\-max\-bytes").
bool HasWord(const std::string& text, const std::string& word) {
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '\\';
  };
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    size_t end = at + word.size();
    if ((at == 0 || !is_word(text[at - 1])) && (end >= text.size() || !is_word(text[end]))) return true;
  }
  return false;
}

// The generated page (the build's gleaner_man target).
std::string ManPage() { return ReadFile(BinaryDir() / "gleaner.1"); }

// The page without font changes (\fB...\fR), to find words in it.
std::string ManText() { return std::regex_replace(ManPage(), std::regex(R"(\\f[BIRP])"), ""); }

// The man page's text from the .SS heading of `command` to the next
// heading.
std::string ManSection(const std::string& page, const CommandHelp& command) {
  size_t start = page.find(".SS \"" + Roff(command.Name()) + " ");
  if (start == std::string::npos) start = page.find(".SS \"" + Roff(command.Name()) + "\"");
  if (start == std::string::npos) return "";
  size_t end = page.find("\n.S", start + 1);
  return page.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The README's text under the "### `gleaner COMMAND ..." heading.
std::string ReadmeSection(const std::string& readme, const CommandHelp& command) {
  size_t start = readme.find("### `" + command.Name() + " ");
  if (start == std::string::npos) start = readme.find("### `" + command.Name() + "`");
  if (start == std::string::npos) return "";
  size_t end = readme.find("\n#", start + 1);
  return readme.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST(DocsTest, VersionNamesGleanerAndTheLibrariesItRunsWith) {
  ProcessResult r = RunGleaner({"--version"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  for (const char* line : {"^gleaner [0-9]+\\.[0-9]+\\.[0-9]+$", "^libcurl [0-9]+\\.[0-9]+", "^Gumbo [0-9]+\\.[0-9]+",
                           "^SQLite 3\\.[0-9]+", "^iconv \\(glibc [0-9]+\\.[0-9]+\\)$"}) {
    EXPECT_TRUE(std::regex_search(r.out, std::regex(line, std::regex::multiline))) << line << "\n" << r.out;
  }
  EXPECT_EQ(r.err, "");
}

TEST(DocsTest, EveryHelpHasAnExample) {
  for (const CommandHelp& command : AllCommands()) {
    EXPECT_TRUE(std::regex_search(command.text, std::regex("(^|\n)Examples?:"))) << command.Name() << " --help:\n"
                                                                                  << command.text;
  }
}

// A flag that takes a value shows its default ("=30") or says it in words
// ("default: none"), so nobody has to guess what happens without it.
TEST(DocsTest, EveryValueFlagShowsItsDefault) {
  for (const CommandHelp& command : AllCommands()) {
    for (const HelpFlag& flag : command.flags) {
      if (flag.type.empty()) continue;
      bool says = !flag.shown_default.empty() || flag.description.find("default") != std::string::npos;
      EXPECT_TRUE(says) << command.Name() << " " << flag.names.back() << ": no default shown: "
                        << flag.description;
    }
  }
}

TEST(DocsTest, ManPageHasEveryCommandAndFlag) {
  std::string page = ManText();
  ASSERT_FALSE(page.empty()) << "build the gleaner_man target (it makes " << (BinaryDir() / "gleaner.1") << ")";
  for (const CommandHelp& command : AllCommands()) {
    if (command.path.empty()) {
      size_t global = page.find(".SH GLOBAL OPTIONS");
      ASSERT_NE(global, std::string::npos);
      std::string section = page.substr(global, page.find("\n.SH", global + 1) - global);
      for (const HelpFlag& flag : command.flags) {
        for (const std::string& name : flag.names) EXPECT_TRUE(HasWord(section, Roff(name))) << name;
      }
      continue;
    }
    if (!command.subcommands.empty()) continue;
    std::string section = ManSection(page, command);
    ASSERT_FALSE(section.empty()) << "no .SS section for " << command.Name() << " in gleaner.1";
    for (const HelpFlag& flag : command.flags) {
      if (flag.names.back() == "--help") continue;
      for (const std::string& name : flag.names) {
        EXPECT_TRUE(HasWord(section, Roff(name))) << command.Name() << " " << name << " is not in gleaner.1";
      }
      // (A default read from $HOME is shown in the page as ~.)
      const char* home = std::getenv("HOME");
      bool from_home = home != nullptr && *home && flag.shown_default.find(home) != std::string::npos;
      if (!flag.shown_default.empty() && !from_home) {
        bool stated = section.find(Roff(flag.shown_default)) != std::string::npos;
        EXPECT_TRUE(stated) << command.Name() << " " << flag.names.back() << ": default " << flag.shown_default;
      }
    }
  }
}

TEST(DocsTest, ReadmeHasEveryCommandAndFlag) {
  std::string readme = ReadFile(SourceDir() / "README.md");
  for (const CommandHelp& command : AllCommands()) {
    if (command.path.empty()) {
      for (const HelpFlag& flag : command.flags) {
        if (flag.names.back() == "--help") continue;
        bool named = false;
        for (const std::string& name : flag.names) named = named || HasWord(readme, name);
        EXPECT_TRUE(named) << "README.md does not mention the global flag " << flag.names.back();
      }
      continue;
    }
    if (!command.subcommands.empty()) continue;
    std::string section = ReadmeSection(readme, command);
    ASSERT_FALSE(section.empty()) << "README.md has no \"### `" << command.Name() << " ...`\" section";
    for (const HelpFlag& flag : command.flags) {
      if (flag.names.back() == "--help") continue;
      for (const std::string& name : flag.names) {
        EXPECT_TRUE(HasWord(section, name)) << "README.md's " << command.Name() << " section lacks " << name;
      }
    }
  }
}

// Exit statuses come from src/cli/exit_codes.h; README's table and the man
// page list each of them.
TEST(DocsTest, ExitStatusesAgreeWithTheCode) {
  std::string codes = ReadFile(SourceDir() / "src/cli/exit_codes.h");
  std::string readme = ReadFile(SourceDir() / "README.md");
  std::string page = ManPage();
  size_t man_exit = page.find(".SH EXIT STATUS");
  ASSERT_NE(man_exit, std::string::npos) << "build the gleaner_man target";
  std::string man_section = page.substr(man_exit, page.find("\n.SH", man_exit + 1) - man_exit);
  std::regex code_line(R"(kExit\w+ *= *(\d+))");
  int count = 0;
  for (std::sregex_iterator it(codes.begin(), codes.end(), code_line), end; it != end; ++it, ++count) {
    std::string n = (*it)[1].str();
    EXPECT_NE(readme.find("\n| " + n + " |"), std::string::npos) << "README's exit table lacks " << n;
    EXPECT_NE(man_section.find("\\fB" + n + "\\fR"), std::string::npos) << "gleaner.1 lacks exit status " << n;
  }
  EXPECT_GE(count, 8);
}

// The JSON fields: the schema names exactly the fields gleaner writes; the
// README's table and the man page name each.
TEST(DocsTest, JsonFieldsAgreeAcrossSchemaReadmeAndManPage) {
  json schema = json::parse(ReadFile(SourceDir() / "docs/article.schema.json"));
  std::string readme = ReadFile(SourceDir() / "README.md");
  std::string page = ManPage();
  std::set<std::string> readme_rows;
  std::regex row(R"(\n\| `([a-z_]+)` \|)");
  size_t table = readme.find("## The article JSON");
  ASSERT_NE(table, std::string::npos);
  std::string json_part = readme.substr(table, readme.find("\n## ", table + 1) - table);
  for (std::sregex_iterator it(json_part.begin(), json_part.end(), row), end; it != end; ++it) {
    readme_rows.insert((*it)[1].str());
  }
  for (const auto& [name, property] : schema["properties"].items()) {
    bool store_only = property.value("description", "").rfind("Store only", 0) == 0;
    if (store_only) {
      EXPECT_NE(json_part.find("`" + name + "`"), std::string::npos) << "README does not name " << name;
    } else {
      EXPECT_TRUE(readme_rows.count(name)) << "README's JSON table lacks " << name;
    }
    EXPECT_NE(page.find("\\fB" + Roff(name) + "\\fR"), std::string::npos) << "gleaner.1 lacks the field " << name;
    readme_rows.erase(name);
  }
  EXPECT_TRUE(readme_rows.empty()) << "README's JSON table has fields the schema lacks: " << *readme_rows.begin();
}

// groff (when installed) formats the page without a warning.
TEST(DocsTest, ManPageFormatsCleanly) {
  CommandResult which = RunCommand({"/bin/sh", "-c", "command -v groff"}, {"PATH=/usr/bin:/bin"}, "/");
  if (which.exit_code != 0) GTEST_SKIP() << "groff is not installed; the page is checked by ManPageHas* only";
  std::string page = (BinaryDir() / "gleaner.1").string();
  CommandResult r = RunCommand({"/bin/sh", "-c", "groff -k -man -Tutf8 -ww -z \"$0\"", page},
                               {"PATH=/usr/bin:/bin", "LANG=C.UTF-8"}, "/");
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.err, "") << "groff warnings on gleaner.1";
}

// ---- bash completion ---------------------------------------------------

// What completion/gleaner.bash offers for each query (the words typed
// after `gleaner`; the last one is the word being completed), run in
// `cwd`. One bash runs them all, as one interactive shell would.
using Query = std::vector<std::string>;
std::vector<std::vector<std::string>> CompleteAll(const std::vector<Query>& queries,
                                                  const std::filesystem::path& cwd = "/") {
  std::vector<std::string> args = {
      "/bin/bash", "-c",
      "source \"$1\"; shift\n"
      "while (($#)); do\n"
      "  n=$1; shift; COMP_WORDS=(\"${@:1:n}\"); shift \"$n\"; COMP_CWORD=$((n - 1)); COMPREPLY=()\n"
      "  _gleaner; printf '%s\\n' \"${COMPREPLY[@]}\" '@@'\n"
      "done",
      "bash", (SourceDir() / "completion/gleaner.bash").string()};
  for (const Query& q : queries) {
    args.push_back(std::to_string(q.size() + 1));
    args.push_back(GleanerBinary().string());
    args.insert(args.end(), q.begin(), q.end());
  }
  CommandResult r = RunCommand(args, {"PATH=/usr/bin:/bin", "HOME=/nonexistent"}, cwd);
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  std::vector<std::vector<std::string>> replies(1);
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line == "@@") {
      std::sort(replies.back().begin(), replies.back().end());
      replies.emplace_back();
    } else if (!line.empty()) {
      replies.back().push_back(line);
    }
  }
  replies.pop_back();
  EXPECT_EQ(replies.size(), queries.size()) << Describe(r);
  replies.resize(queries.size());
  return replies;
}

std::vector<std::string> Complete(const Query& words, const std::filesystem::path& cwd = "/") {
  return CompleteAll({words}, cwd).front();
}

std::vector<std::string> Sorted(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  return words;
}

TEST(CompletionTest, OffersEveryCommandAndEveryFlag) {
  std::vector<Query> queries;
  std::vector<std::vector<std::string>> expected;
  std::vector<std::string> what;
  for (const CommandHelp& command : AllCommands()) {
    if (!command.subcommands.empty()) {
      queries.push_back(command.path);
      queries.back().push_back("");
      expected.push_back(Sorted(command.subcommands));
      what.push_back(command.Name() + " <TAB>");
    }
    queries.push_back(command.path);
    queries.back().push_back("-");
    expected.emplace_back();
    for (const HelpFlag& flag : command.flags) {
      expected.back().insert(expected.back().end(), flag.names.begin(), flag.names.end());
    }
    expected.back() = Sorted(expected.back());
    what.push_back(command.Name() + " -<TAB>");
  }
  std::vector<std::vector<std::string>> offered = CompleteAll(queries);
  for (size_t i = 0; i < queries.size(); ++i) EXPECT_EQ(offered[i], expected[i]) << what[i];
}

TEST(CompletionTest, OffersTheValuesAFlagTakes) {
  std::vector<Query> queries;
  std::vector<std::vector<std::string>> expected;
  for (const CommandHelp& command : AllCommands()) {
    for (const HelpFlag& flag : command.flags) {
      if (flag.type.find('|') == std::string::npos) continue;
      queries.push_back(command.path);
      queries.back().insert(queries.back().end(), {flag.names.back(), ""});
      expected.emplace_back();
      std::stringstream values(flag.type);
      for (std::string v; std::getline(values, v, '|');) expected.back().push_back(v);
      expected.back() = Sorted(expected.back());
    }
  }
  EXPECT_GE(queries.size(), 4u);  // extract, export, search and stats --format
  std::vector<std::vector<std::string>> offered = CompleteAll(queries);
  for (size_t i = 0; i < queries.size(); ++i) EXPECT_EQ(offered[i], expected[i]) << queries[i][0];
}

TEST(CompletionTest, OffersRulesFilesAndFolders) {
  TempDir dir;
  WriteFile(dir / "selectors/news.toml", "[site]\n");
  WriteFile(dir / "selectors/notes.txt", "x");
  std::vector<std::vector<std::string>> offered = CompleteAll(
      {{"rules", "check", "sel"}, {"rules", "check", "selectors/"}, {"extract", "--rules", "selectors/"}},
      dir.path());
  EXPECT_EQ(offered[0], std::vector<std::string>{"selectors"});
  EXPECT_EQ(offered[1], std::vector<std::string>{"selectors/news.toml"});
  EXPECT_EQ(offered[2], std::vector<std::string>{"selectors/news.toml"});
}

TEST(CompletionTest, GlobalFlagsBeforeTheCommandAreSkipped) {
  std::vector<std::string> offered = Complete({"-q", "export", "--fo"});
  EXPECT_EQ(offered, std::vector<std::string>{"--format"});
}

}  // namespace
}  // namespace gleaner::testing
