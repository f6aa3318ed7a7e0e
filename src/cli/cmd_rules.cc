// `gleaner rules check PATH...`: loads rules files as a crawl would and
// says, per file, that it is good (stdout) or what is wrong (stderr).
// stdout carries the verdicts as plain lines, one per good file: they are
// the data this command produces. Errors keep the `gleaner: ...` form.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "gleaner/charset.h"
#include "gleaner/rules.h"
#include "gleaner/url.h"

namespace gleaner::cli {
namespace {

constexpr std::string_view kDoing = "checking rules";

struct RulesFlags {
  std::vector<std::string> paths;
};

// "3 start URLs" / "1 start URL"
std::string Count(size_t n, std::string_view noun) {
  std::string text = std::to_string(n) + " " + std::string(noun);
  if (n != 1) text += "s";
  return text;
}

size_t SelectorCount(const extract::ExtractRules& x) {
  size_t n = x.drop.size();
  for (const std::string* s : {&x.title, &x.date, &x.body, &x.source, &x.author, &x.related}) {
    if (!s->empty()) ++n;
  }
  return n;
}

// "ok: selectors/xinhua.toml: xinhua (2 start URLs, 1 sitemap, ...)"
std::string Summary(const rules::SiteRules& site) {
  std::string text = "ok: " + site.file + ": " + site.name + " (" + Count(site.start.size(), "start URL") +
                     ", " + Count(site.sitemaps.size(), "sitemap") + ", " + Count(site.feeds.size(), "feed");
  if (!site.article.empty()) text += ", article pattern";
  if (!site.follow.empty()) text += ", follow pattern";
  if (!site.exclude.empty()) text += ", " + Count(site.exclude.size(), "exclude pattern");
  if (!site.encoding.empty()) text += ", encoding " + site.encoding;
  text += ", " + Count(SelectorCount(site.extract), "extract selector") + ")";
  return text;
}

int RunRulesCheck(const RulesFlags& flags) {
  rules::LoadOptions options = RulesLoadOptions();
  size_t files = 0, broken = 0;
  std::vector<rules::SiteRules> good;
  for (const std::string& path : flags.paths) {
    Result<std::vector<std::string>> listed = rules::ListFiles(path);
    if (!listed.ok()) {
      PrintError(kDoing, listed.error());
      ++broken;
      continue;
    }
    for (const std::string& file : *listed) {
      ++files;
      Result<rules::SiteRules> site = rules::LoadFile(file, options);
      if (!site.ok()) {
        PrintError(kDoing, site.error());
        ++broken;
        continue;
      }
      std::string line = Summary(*site) + "\n";
      std::fwrite(line.data(), 1, line.size(), stdout);
      good.push_back(std::move(*site));
    }
  }
  std::fflush(stdout);
  // Names clash only across files that loaded; each clash is reported once,
  // against the first file that took the name.
  std::map<std::string, const rules::SiteRules*> first_with_name;
  for (const rules::SiteRules& site : good) {
    auto [it, inserted] = first_with_name.emplace(site.name, &site);
    if (inserted) continue;
    Status unique = rules::CheckUniqueNames({*it->second, site});
    if (!unique.ok()) PrintError(kDoing, unique.error());
    ++broken;
  }
  if (broken > 0 && files > 1) {
    PrintError(kDoing, Count(broken, "problem") + " in " + Count(files, "file"));
  }
  return broken == 0 ? kExitOk : kExitRules;
}

}  // namespace

// The crawl decodes with charset's table, so a label must be one it knows;
// "replacement" is WHATWG's name for encodings that are refused outright.
rules::LoadOptions RulesLoadOptions() {
  rules::LoadOptions options;
  options.encoding_known = [](std::string_view label) {
    std::string name = charset::CanonicalName(label);
    return !name.empty() && name != "replacement";
  };
  return options;
}

const rules::SiteRules* RulesForUrl(const std::vector<rules::SiteRules>& sites, std::string_view page_url) {
  std::string host = url::HostOf(page_url);
  if (host.empty()) return sites.size() == 1 ? &sites.front() : nullptr;
  for (const rules::SiteRules& site : sites) {
    for (const std::string& start : site.start) {
      if (url::HostOf(start) == host) return &site;
    }
    for (const std::string& allowed : site.hosts) {
      if (allowed == host) return &site;
    }
  }
  return nullptr;
}

Command AddRulesCommand(CLI::App& app) {
  auto flags = std::make_shared<RulesFlags>();
  CLI::App* rules = app.add_subcommand("rules", "Work with site rules files (selectors/*.toml)");
  rules->require_subcommand(1);
  rules->footer("Example: gleaner rules check selectors/");
  CLI::App* check = rules->add_subcommand(
      "check", "Check rules files as a crawl would load them; one line per good file on stdout");
  check->add_option("paths", flags->paths, "Rules files, or folders of *.toml files")
      ->type_name("PATH")
      ->required();
  check->footer(
      "Exit status: 0 when every file is good, 3 when any is broken or missing, 2 for usage errors.\n"
      "Example: gleaner rules check selectors/");
  return {rules, [flags, check] {
            if (!check->parsed()) return static_cast<int>(kExitUsage);
            return RunRulesCheck(*flags);
          }};
}

}  // namespace gleaner::cli
