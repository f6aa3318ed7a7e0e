// URL patterns: compiling them under a memory cap, and matching URLs.
#include <re2/re2.h>

#include <vector>

#include "gleaner/rules.h"
#include "rules_internal.h"

namespace gleaner::rules {
namespace internal {
namespace {

// What RE2 lacks that users bring from PCRE, JavaScript or Python, each
// with the sentence that explains it. RE2 refuses these because they cannot
// run in linear time, which is why we use it.
std::string HintFor(std::string_view pattern, const RE2& re) {
  std::string_view arg = re.error_arg();
  if (pattern.find("(?=") != std::string_view::npos || pattern.find("(?!") != std::string_view::npos ||
      pattern.find("(?<=") != std::string_view::npos || pattern.find("(?<!") != std::string_view::npos) {
    return " (RE2 has no lookahead or lookbehind: match the wanted URLs in `article`/`follow` and "
           "list the unwanted ones in `exclude`)";
  }
  if (pattern.find("(?P=") != std::string_view::npos ||
      (re.error_code() == RE2::ErrorBadEscape && arg.size() == 2 && arg[1] >= '1' && arg[1] <= '9')) {
    return " (RE2 has no backreferences)";
  }
  if (arg.starts_with("(?<")) return " (write a named group as (?P<name>...))";
  if (re.error_code() == RE2::ErrorPatternTooLarge) {
    return " (compiled, it needs more than " + std::to_string(kPatternMaxMem >> 20) +
           " MB; use fewer or smaller repetitions, or split an exclude into several patterns)";
  }
  return "";
}

}  // namespace

std::unique_ptr<RE2> CompilePattern(std::string_view pattern, std::string* why) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kPatternMaxMem);
  auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (re->ok()) return re;
  *why = "not a valid RE2 pattern: " + re->error() + HintFor(pattern, *re);
  return nullptr;
}

std::string Located(std::string_view origin, int64_t line, std::string_view key, std::string_view why) {
  std::string text(origin);
  if (!text.empty() && line > 0) text += ":" + std::to_string(line);
  if (!text.empty()) text += ": ";
  text += key;
  text += ": ";
  text += why;
  return text;
}

}  // namespace internal

// One RE2 per pattern rather than an RE2::Set for `exclude`: a Set's match
// fails outright when its DFA runs out of memory, which would let an
// excluded URL through, while a lone RE2 falls back to its NFA.
struct CompiledRules::Compiled {
  std::unique_ptr<RE2> article;  // null when the rules have no pattern
  std::unique_ptr<RE2> follow;
  std::vector<std::unique_ptr<RE2>> exclude;
};

CompiledRules::CompiledRules(SiteRules rules)
    : rules_(std::move(rules)), compiled_(std::make_unique<Compiled>()) {}

CompiledRules::~CompiledRules() = default;

namespace {

// Compiles a non-empty pattern into `*out`; an empty one leaves it null.
Status CompileInto(const SiteRules& rules, const std::string& key, const std::string& pattern,
                   std::unique_ptr<RE2>* out) {
  if (pattern.empty()) return Status::Ok();
  std::string why;
  *out = internal::CompilePattern(pattern, &why);
  if (*out) return Status::Ok();
  std::string origin = rules.file.empty() ? "rules for '" + rules.name + "'" : rules.file;
  return MakeError(Code::kInvalidInput, internal::Located(origin, 0, key, why));
}

}  // namespace

Result<std::shared_ptr<const CompiledRules>> CompiledRules::Compile(const SiteRules& rules) {
  std::shared_ptr<CompiledRules> compiled(new CompiledRules(rules));
  Compiled& c = *compiled->compiled_;
  GLEANER_TRY(CompileInto(rules, "site.article", rules.article, &c.article));
  GLEANER_TRY(CompileInto(rules, "site.follow", rules.follow, &c.follow));
  for (size_t i = 0; i < rules.exclude.size(); ++i) {
    std::unique_ptr<RE2> re;
    GLEANER_TRY(CompileInto(rules, "site.exclude[" + std::to_string(i) + "]", rules.exclude[i], &re));
    if (re) c.exclude.push_back(std::move(re));
  }
  return std::shared_ptr<const CompiledRules>(std::move(compiled));
}

namespace {

bool Search(const RE2& re, std::string_view url) {
  return RE2::PartialMatch(re2::StringPiece(url.data(), url.size()), re);
}

}  // namespace

bool CompiledRules::IsArticle(std::string_view url) const {
  return !compiled_->article || Search(*compiled_->article, url);
}

bool CompiledRules::ShouldFollow(std::string_view url) const {
  return !compiled_->follow || Search(*compiled_->follow, url);
}

bool CompiledRules::IsExcluded(std::string_view url) const {
  for (const std::unique_ptr<RE2>& re : compiled_->exclude) {
    if (Search(*re, url)) return true;
  }
  return false;
}

bool CompiledRules::has_article_pattern() const { return compiled_->article != nullptr; }

}  // namespace gleaner::rules
