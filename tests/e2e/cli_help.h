// cli_help: what the built gleaner says about itself, read from its --help
// (CLI11's layout), so the docs tests compare the man page, the README,
// the bash completion and the snippets in docs/ with the CLI itself.
// Does:    lists the command tree (walking "Subcommands:"), each command's
//          flags (names, value type, shown default); finds
//          `gleaner ...` invocations in shell text and the flags they use.
// Errors:  a help that cannot be run fails the current test (RunGleaner).
// Header-only because e2e's binary is built from *_test.cc files alone.
#ifndef GLEANER_TESTS_E2E_CLI_HELP_H_
#define GLEANER_TESTS_E2E_CLI_HELP_H_

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/gleaner_process.h"

namespace gleaner::testing {

// One flag as --help shows it: "  -o,--output FILE   Write..." or
// "  --limit N=0   At most...".
struct HelpFlag {
  std::vector<std::string> names;  // {"-o", "--output"}
  std::string type;                // "FILE", "json|jsonl"; "" for a switch
  std::string shown_default;       // after '=', "" when none is shown
  std::string description;
};

struct CommandHelp {
  std::vector<std::string> path;  // {} for gleaner itself, {"rules", "check"}
  std::string text;               // the whole --help output
  std::vector<HelpFlag> flags;    // -h,--help included
  std::vector<std::string> subcommands;

  std::string Name() const {
    std::string name = "gleaner";
    for (const std::string& word : path) name += " " + word;
    return name;
  }
  const HelpFlag* Find(const std::string& name) const {
    for (const HelpFlag& flag : flags) {
      for (const std::string& n : flag.names) {
        if (n == name) return &flag;
      }
    }
    return nullptr;
  }
};

// Parses CLI11's help text.
inline CommandHelp ParseHelp(const std::vector<std::string>& path, const std::string& text) {
  CommandHelp help;
  help.path = path;
  help.text = text;
  static const std::regex kHeader(R"(^[A-Za-z][A-Za-z0-9 ()/_-]*:$)");
  static const std::regex kFlag(R"(^  (-[^ ]+)(?: ([^ =]+)(?:=(.*?))?)?(?:  +(.*))?$)");
  static const std::set<std::string> kNotFlags = {"", "Positionals", "Subcommands", "Examples", "Example"};
  std::istringstream in(text);
  std::string line, section;
  while (std::getline(in, line)) {
    if (std::regex_match(line, kHeader)) {
      section = line.substr(0, line.size() - 1);
      continue;
    }
    if (line.empty()) continue;
    std::smatch m;
    if (section == "Subcommands" && line.rfind("  ", 0) == 0 && line[2] != ' ') {
      help.subcommands.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (!kNotFlags.count(section) && std::regex_match(line, m, kFlag)) {
      HelpFlag flag;
      std::stringstream names(m[1].str());
      for (std::string name; std::getline(names, name, ',');) flag.names.push_back(name.substr(0, name.find('{')));
      flag.type = m[2].str();
      flag.shown_default = m[3].str();
      flag.description = m[4].str();
      help.flags.push_back(flag);
    } else if (line.rfind("    ", 0) == 0 && !help.flags.empty() && help.flags.back().description.empty()) {
      help.flags.back().description = line.substr(line.find_first_not_of(' '));
    }
  }
  return help;
}

// `gleaner PATH... --help`, parsed.
inline CommandHelp Help(const std::vector<std::string>& path) {
  std::vector<std::string> args = path;
  args.push_back("--help");
  ProcessResult r = RunGleaner(args);
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  return ParseHelp(path, r.out);
}

// Every command of the tree, parents before children: {}, {"extract"},
// ..., {"rules"}, {"rules", "check"}. Read once per test process.
inline const std::vector<CommandHelp>& AllCommands() {
  static const std::vector<CommandHelp> all = [] {
    std::vector<CommandHelp> tree = {Help({})};
    for (size_t i = 0; i < tree.size() && tree.size() < 50; ++i) {  // 50: a loop in the help ends
      for (const std::string& sub : tree[i].subcommands) {
        std::vector<std::string> path = tree[i].path;
        path.push_back(sub);
        tree.push_back(Help(path));
      }
    }
    return tree;
  }();
  return all;
}

// One `gleaner ...` command line found in docs.
struct Invocation {
  std::vector<std::string> path;   // the sub-command: {"export"}
  std::vector<std::string> flags;  // every -x / --name used, values left out
  std::vector<std::string> global_flags;
  std::string command_word;  // the word after the global flags: "crawl" even if unknown
  std::string line;
};

// Finds gleaner invocations in shell text (comments, pipes, redirections,
// `&&`, `$(...)` and backslash-continued lines understood well enough for
// docs). `commands` gives the known command paths, to tell a sub-command
// from an argument.
inline std::vector<Invocation> FindInvocations(const std::string& text, const std::vector<CommandHelp>& commands) {
  std::set<std::vector<std::string>> known;
  for (const CommandHelp& c : commands) known.insert(c.path);
  std::vector<Invocation> found;
  std::string joined = std::regex_replace(text, std::regex("\\\\\n"), " ");
  std::istringstream lines(joined);
  for (std::string line; std::getline(lines, line);) {
    std::string code = line.substr(0, line.find(" #"));
    if (code.find_first_not_of(' ') != std::string::npos && code[code.find_first_not_of(' ')] == '#') continue;
    std::istringstream words(code);
    std::vector<std::string> w;
    for (std::string word; words >> word;) w.push_back(word);
    for (size_t i = 0; i < w.size(); ++i) {
      if (w[i] != "gleaner" && !w[i].ends_with("/gleaner")) continue;
      Invocation inv;
      inv.line = line;
      size_t j = i + 1;
      for (; j < w.size() && w[j].rfind("-", 0) == 0; ++j) inv.global_flags.push_back(w[j].substr(0, w[j].find('=')));
      if (j < w.size()) inv.command_word = w[j];
      while (j < w.size()) {
        std::vector<std::string> longer = inv.path;
        longer.push_back(w[j]);
        if (!known.count(longer)) break;
        inv.path = longer;
        ++j;
      }
      for (; j < w.size(); ++j) {
        const std::string& word = w[j];
        if (word == "|" || word == "&&" || word == "||" || word == ";" || word.find("$(") != std::string::npos) break;
        if (word.rfind("-", 0) == 0 && word != "-") inv.flags.push_back(word.substr(0, word.find('=')));
      }
      found.push_back(inv);
    }
  }
  return found;
}

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_E2E_CLI_HELP_H_
