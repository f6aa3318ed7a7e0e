// rules: per-site rules files (selectors/*.toml), loaded and compiled.
// Does:    parses the TOML format in DESIGN.md with toml++, checks every key
//          (unknown keys, wrong types, RE2 patterns that do not compile or
//          are too costly, CSS selectors that do not parse, URLs that are not
//          http/https), and compiles the URL patterns for the crawler.
// Owns:    SiteRules is a value; CompiledRules owns its RE2 programs.
// Threads: a CompiledRules is immutable and RE2 is thread-safe: share it.
// Errors:  kInvalidInput with "FILE:LINE: KEY: why" for a broken file;
//          kNotFound / kIo / kTooLarge for a missing, unreadable or
//          oversized path.
// Touches: reads the rules files only.
#ifndef GLEANER_RULES_H_
#define GLEANER_RULES_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gleaner/extract.h"
#include "gleaner/result.h"

namespace gleaner::rules {

struct SiteRules {
  std::string file;  // where it was loaded from ("" when built in code)
  int name_line = 0; // line of `name` in `file`; 0 when defaulted or built in code
  // [site]
  std::string name;                   // default: the file name without .toml
  std::vector<std::string> start;     // start URLs (http/https)
  std::vector<std::string> sitemaps;  // sitemap or sitemap index URLs
  std::vector<std::string> feeds;     // RSS/Atom URLs
  std::string article;                // RE2: URLs that are articles
  std::string follow;                 // RE2: URLs followed for links
  std::vector<std::string> exclude;   // RE2: URLs never fetched
  std::vector<std::string> hosts;     // extra hosts in scope besides the start URLs'
  std::string encoding;               // charset override for the whole site
  double delay_s = 0;                 // seconds between request starts to a host
  int max_depth = -1;                 // link depth from a start URL; -1 = default
  int64_t max_pages = 0;              // per run for this site; 0 = default
  double revisit_days = 0;            // refetch articles this old; 0 = never
  // [extract]
  extract::ExtractRules extract;
};

// What the caller can check that this module may not link (charset).
struct LoadOptions {
  // True when `label` names an encoding the decoder knows; the cli and the
  // crawl pass charset::CanonicalName(label) != "" (and != "replacement").
  // Default (empty): only the label's form is checked (ASCII letters,
  // digits, "-_.:", at most 40 bytes).
  std::function<bool(std::string_view label)> encoding_known;
};

// Rules files larger than this are refused (kTooLarge): a real one is a
// few hundred bytes, and the cap bounds what a stray file can cost.
inline constexpr int64_t kMaxRulesFileBytes = 1 << 20;

// Loads one rules file. Errors name the file, line and key; kNotFound,
// kIo or kTooLarge when the file cannot be read.
Result<SiteRules> LoadFile(const std::string& path, const LoadOptions& options = {});

// Loads every *.toml in a folder (sorted by name), or one file. A broken
// file fails the whole load: a cron run must not silently skip a site.
// Two files naming the same site fail it too (the error names both).
Result<std::vector<SiteRules>> Load(const std::string& file_or_dir, const LoadOptions& options = {});

// The rules files Load reads: {path} for a file; for a folder its *.toml
// files (not hidden ones, not sub-folders), sorted. kNotFound for a missing
// path or a folder with none; kIo when the folder cannot be listed.
Result<std::vector<std::string>> ListFiles(const std::string& file_or_dir);

// Fails with kInvalidInput when two sites share a name, naming both files.
Status CheckUniqueNames(const std::vector<SiteRules>& sites);

// Parses rules text (tests, and LoadFile after reading). `origin` names the
// text in errors and gives the default site name (its file name).
Result<SiteRules> ParseText(std::string_view toml, const std::string& origin,
                            const LoadOptions& options = {});

// The URL patterns of one site, compiled (RE2: linear time, bounded memory,
// so a pattern a user writes cannot hang the crawler). Each pattern is
// searched anywhere in the URL (RE2::PartialMatch), case-sensitively, and
// compiles within kPatternMaxMem bytes or is refused.
inline constexpr int64_t kPatternMaxMem = 4 << 20;

class CompiledRules {
 public:
  // Fails with kInvalidInput naming the file and key of a bad pattern.
  static Result<std::shared_ptr<const CompiledRules>> Compile(const SiteRules& rules);
  ~CompiledRules();

  const SiteRules& rules() const { return rules_; }
  // Empty `article` pattern: true (every page that is not a list is a
  // candidate; extraction decides).
  bool IsArticle(std::string_view url) const;
  // Empty `follow` pattern: true (every in-scope page is followed).
  bool ShouldFollow(std::string_view url) const;
  // True when any `exclude` pattern matches. The three are independent:
  // the crawler asks IsExcluded first.
  bool IsExcluded(std::string_view url) const;
  bool has_article_pattern() const;

  struct Compiled;  // RE2 programs, defined in the implementation

 private:
  explicit CompiledRules(SiteRules rules);
  SiteRules rules_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace gleaner::rules

#endif  // GLEANER_RULES_H_
