// Rules text -> SiteRules: the TOML walk, with every key and value checked
// and every error located as "FILE:LINE: KEY: why".
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <vector>
#include <toml++/toml.h>

#include "gleaner/html.h"
#include "gleaner/rules.h"
#include "rules_internal.h"

namespace gleaner::rules {
namespace {

using internal::Closest;
using internal::Located;
using internal::Trim;

constexpr std::string_view kSiteKeys[] = {"name",     "start",  "sitemaps", "feeds",     "article",
                                          "follow",   "exclude", "hosts",   "encoding",  "delay",
                                          "max_depth", "max_pages", "revisit_days", "timezone"};
constexpr std::string_view kExtractKeys[] = {"title",   "date", "body",    "source",
                                             "author",  "related", "drop", "timezone"};
constexpr std::string_view kTables[] = {"site", "extract"};

constexpr double kMaxDelayS = 3600;      // an hour between requests is already a stalled crawl
constexpr int64_t kMaxDepth = 100;       // portals are rarely more than 5 links deep
constexpr size_t kMaxNameBytes = 200;

std::string TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a decimal number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "a list";
    default: return "nothing";
  }
}

int64_t LineOf(const toml::node& node) { return static_cast<int64_t>(node.source().begin.line); }

struct Entry {
  std::string key;
  int64_t line;  // of the key, else of the value
  const toml::node* value;
};

// A table's entries in the order they were written. toml++ keeps a table
// as a sorted map; walking it in file order makes "the first error" the
// one nearest the top, where the user starts reading.
std::vector<Entry> InFileOrder(const toml::table& table) {
  std::vector<std::pair<toml::source_position, Entry>> found;
  for (auto&& [key, value] : table) {
    toml::source_position at = key.source().begin ? key.source().begin : value.source().begin;
    found.push_back({at, Entry{std::string(key.str()), static_cast<int64_t>(at.line), &value}});
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Entry> entries;
  for (auto& [at, entry] : found) entries.push_back(std::move(entry));
  return entries;
}

// Walks one parsed document into a SiteRules. The first error wins: a file
// is fixed one mistake at a time, and later errors are often echoes.
class Walker {
 public:
  Walker(std::string origin, const LoadOptions& options) : origin_(std::move(origin)), options_(options) {}

  Status Document(const toml::table& root, SiteRules* rules) {
    for (const Entry& entry : InFileOrder(root)) {
      const std::string& name = entry.key;
      const toml::node& value = *entry.value;
      int64_t line = entry.line;
      const toml::table* table = value.as_table();
      if (name == "site" && table) {
        GLEANER_TRY(Site(*table, rules));
      } else if (name == "extract" && table) {
        GLEANER_TRY(Extract(*table, rules));
      } else if (name == "site" || name == "extract") {
        return Fail(line, name, "expected a table ([" + name + "]), got " + TypeName(value));
      } else {
        return Fail(line, name, UnknownTopLevel(name, value));
      }
    }
    return Status::Ok();
  }

 private:
  Error Fail(int64_t line, std::string_view key, std::string_view why) const {
    return MakeError(Code::kInvalidInput, Located(origin_, line, key, why));
  }
  Error Fail(const toml::node& node, std::string_view key, std::string_view why) const {
    return Fail(LineOf(node), key, why);
  }

  static std::string UnknownTopLevel(const std::string& name, const toml::node& value) {
    std::string suggestion = Closest(name, kTables);
    if (value.is_table()) {
      return "unknown table (the tables are [site] and [extract]" +
             (suggestion.empty() ? std::string(")") : "; did you mean [" + suggestion + "]?)");
    }
    for (std::string_view key : kSiteKeys) {
      if (key == name) return "unknown key at the top of the file (put it under [site])";
    }
    for (std::string_view key : kExtractKeys) {
      if (key == name) return "unknown key at the top of the file (put it under [extract])";
    }
    return "unknown key (keys go under [site] or [extract])";
  }

  // "unknown key", with the likely intended key of this table, or a note
  // that the key belongs to the other table.
  static std::string UnknownKey(std::string_view name, std::span<const std::string_view> own,
                                std::span<const std::string_view> other, std::string_view other_table) {
    std::string suggestion = Closest(name, own);
    if (!suggestion.empty()) return "unknown key (did you mean '" + suggestion + "'?)";
    for (std::string_view key : other) {
      if (key == name) return "unknown key here (it belongs in [" + std::string(other_table) + "])";
    }
    return "unknown key";
  }

  Status Site(const toml::table& table, SiteRules* rules) {
    for (const Entry& entry : InFileOrder(table)) {
      const std::string& k = entry.key;
      const toml::node& value = *entry.value;
      std::string path = "site." + k;
      int64_t line = entry.line;
      if (k == "name") {
        GLEANER_TRY(Name(value, path, rules));
      } else if (k == "start" || k == "sitemaps" || k == "feeds") {
        auto& target = k == "start" ? rules->start : k == "sitemaps" ? rules->sitemaps : rules->feeds;
        GLEANER_TRY(Urls(value, path, &target));
      } else if (k == "article" || k == "follow") {
        GLEANER_TRY(Pattern(value, path, k == "article" ? &rules->article : &rules->follow));
      } else if (k == "exclude") {
        GLEANER_TRY(Patterns(value, path, &rules->exclude));
      } else if (k == "hosts") {
        GLEANER_TRY(Hosts(value, path, &rules->hosts));
      } else if (k == "encoding") {
        GLEANER_TRY(Encoding(value, path, &rules->encoding));
      } else if (k == "delay" || k == "revisit_days") {
        double limit = k == "delay" ? kMaxDelayS : HUGE_VAL;
        GLEANER_TRY(Number(value, path, limit, k == "delay" ? &rules->delay_s : &rules->revisit_days));
      } else if (k == "max_depth") {
        int64_t depth = 0;
        GLEANER_TRY(Integer(value, path, kMaxDepth, &depth));
        rules->max_depth = static_cast<int>(depth);
      } else if (k == "max_pages") {
        GLEANER_TRY(Integer(value, path, INT64_MAX, &rules->max_pages));
      } else if (k == "timezone") {
        GLEANER_TRY(Timezone(value, path, &rules->extract.timezone));
      } else {
        return Fail(line, path, UnknownKey(k, kSiteKeys, kExtractKeys, "extract"));
      }
    }
    return Status::Ok();
  }

  Status Extract(const toml::table& table, SiteRules* rules) {
    extract::ExtractRules& x = rules->extract;
    for (const Entry& entry : InFileOrder(table)) {
      const std::string& k = entry.key;
      const toml::node& value = *entry.value;
      std::string path = "extract." + k;
      int64_t line = entry.line;
      std::string* field = k == "title"     ? &x.title
                           : k == "date"    ? &x.date
                           : k == "body"    ? &x.body
                           : k == "source"  ? &x.source
                           : k == "author"  ? &x.author
                           : k == "related" ? &x.related
                                            : nullptr;
      if (field) {
        GLEANER_TRY(Selector(value, path, field));
      } else if (k == "drop") {
        GLEANER_TRY(Selectors(value, path, &x.drop));
      } else if (k == "timezone") {
        GLEANER_TRY(Timezone(value, path, &x.timezone));
      } else {
        return Fail(line, path, UnknownKey(k, kExtractKeys, kSiteKeys, "site"));
      }
    }
    return Status::Ok();
  }

  // ---- value shapes ------------------------------------------------------

  Result<std::string> String(const toml::node& node, const std::string& key) const {
    if (const auto* s = node.as_string()) return s->get();
    return Fail(node, key, "expected a string, got " + TypeName(node));
  }

  // A string or a list of strings; `each` sees every one with its key
  // ("site.start[1]") and node.
  template <class Each>
  Status StringOrList(const toml::node& node, const std::string& key, Each each) const {
    if (const auto* s = node.as_string()) return each(s->get(), key, node);
    const toml::array* list = node.as_array();
    if (!list) return Fail(node, key, "expected a string or a list of strings, got " + TypeName(node));
    for (size_t i = 0; i < list->size(); ++i) {
      const toml::node& item = *list->get(i);
      std::string item_key = key + "[" + std::to_string(i) + "]";
      const auto* s = item.as_string();
      if (!s) return Fail(item, item_key, "expected a string, got " + TypeName(item));
      GLEANER_TRY(each(s->get(), item_key, item));
    }
    return Status::Ok();
  }

  Status Number(const toml::node& node, const std::string& key, double max, double* out) const {
    double value = 0;
    if (const auto* i = node.as_integer()) {
      value = static_cast<double>(i->get());
    } else if (const auto* f = node.as_floating_point()) {
      value = f->get();
      if (!std::isfinite(value)) {
        return Fail(node, key, "expected a finite number, got " + internal::FormatNumber(value));
      }
    } else {
      return Fail(node, key, "expected a number, got " + TypeName(node));
    }
    if (value < 0 || value > max) return Fail(node, key, OutOfRange(internal::FormatNumber(value), max));
    *out = value;
    return Status::Ok();
  }

  Status Integer(const toml::node& node, const std::string& key, int64_t max, int64_t* out) const {
    const auto* i = node.as_integer();
    if (!i) return Fail(node, key, "expected an integer, got " + TypeName(node));
    if (i->get() < 0 || i->get() > max) {
      return Fail(node, key, OutOfRange(std::to_string(i->get()), static_cast<double>(max)));
    }
    *out = i->get();
    return Status::Ok();
  }

  static std::string OutOfRange(const std::string& shown, double max) {
    if (max >= 9e18) return shown + " is out of range (must be 0 or more)";
    return shown + " is out of range (0 to " + internal::FormatNumber(max) + ")";
  }

  // ---- keys ----------------------------------------------------------------

  Status Name(const toml::node& node, const std::string& key, SiteRules* rules) const {
    Result<std::string> name = String(node, key);
    if (!name.ok()) return name.take_error();
    std::string_view trimmed = Trim(*name);
    if (trimmed.empty()) return Fail(node, key, "is empty (leave it out to use the file name)");
    if (trimmed.size() > kMaxNameBytes) {
      return Fail(node, key, "is longer than " + std::to_string(kMaxNameBytes) + " bytes");
    }
    for (char c : trimmed) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return Fail(node, key, "contains a control character");
    }
    rules->name = std::string(trimmed);
    rules->name_line = static_cast<int>(LineOf(node));
    return Status::Ok();
  }

  Status Urls(const toml::node& node, const std::string& key, std::vector<std::string>* out) const {
    out->clear();
    return StringOrList(node, key, [&](const std::string& text, const std::string& k, const toml::node& n) -> Status {
      std::string_view url = Trim(text);
      std::string why = internal::CheckHttpUrl(url);
      if (!why.empty()) return Fail(n, k, why);
      out->emplace_back(url);
      return Status::Ok();
    });
  }

  Status CheckPattern(const std::string& pattern, const std::string& key, const toml::node& node) const {
    if (pattern.empty()) return Fail(node, key, "is empty (an empty pattern matches every URL; leave the key out)");
    std::string why;
    if (!internal::CompilePattern(pattern, &why)) return Fail(node, key, why);
    return Status::Ok();
  }

  Status Pattern(const toml::node& node, const std::string& key, std::string* out) const {
    Result<std::string> pattern = String(node, key);
    if (!pattern.ok()) return pattern.take_error();
    GLEANER_TRY(CheckPattern(*pattern, key, node));
    *out = *pattern;
    return Status::Ok();
  }

  Status Patterns(const toml::node& node, const std::string& key, std::vector<std::string>* out) const {
    out->clear();
    return StringOrList(node, key, [&](const std::string& text, const std::string& k, const toml::node& n) -> Status {
      GLEANER_TRY(CheckPattern(text, k, n));
      out->push_back(text);
      return Status::Ok();
    });
  }

  Status Hosts(const toml::node& node, const std::string& key, std::vector<std::string>* out) const {
    out->clear();
    return StringOrList(node, key, [&](const std::string& text, const std::string& k, const toml::node& n) -> Status {
      std::string host;
      std::string why = internal::CheckHost(Trim(text), &host);
      if (!why.empty()) return Fail(n, k, why);
      out->push_back(std::move(host));
      return Status::Ok();
    });
  }

  Status Encoding(const toml::node& node, const std::string& key, std::string* out) const {
    Result<std::string> label = String(node, key);
    if (!label.ok()) return label.take_error();
    std::string_view trimmed = Trim(*label);
    std::string why = internal::CheckEncodingForm(trimmed);
    if (why.empty() && options_.encoding_known && !options_.encoding_known(trimmed)) {
      why = "'" + std::string(trimmed) + "' is not an encoding gleaner knows (e.g. gbk, gb18030, big5, utf-8)";
    }
    if (!why.empty()) return Fail(node, key, why);
    *out = std::string(trimmed);
    return Status::Ok();
  }

  Status Selector(const toml::node& node, const std::string& key, std::string* out) const {
    Result<std::string> css = String(node, key);
    if (!css.ok()) return css.take_error();
    GLEANER_TRY(CheckSelector(*css, key, node));
    *out = std::string(Trim(*css));
    return Status::Ok();
  }

  Status Selectors(const toml::node& node, const std::string& key, std::vector<std::string>* out) const {
    out->clear();
    return StringOrList(node, key, [&](const std::string& text, const std::string& k, const toml::node& n) -> Status {
      GLEANER_TRY(CheckSelector(text, k, n));
      out->emplace_back(Trim(text));
      return Status::Ok();
    });
  }

  Status CheckSelector(const std::string& css, const std::string& key, const toml::node& node) const {
    if (Trim(css).empty()) return Fail(node, key, "is empty (leave the key out to keep the generic guess)");
    Result<html::Selector> parsed = html::Selector::Parse(Trim(css));
    if (!parsed.ok()) return Fail(node, key, parsed.error().message);
    return Status::Ok();
  }

  // The offset for dates written without one. It may sit in [site] or in
  // [extract] (where ExtractRules keeps it), but not in both.
  Status Timezone(const toml::node& node, const std::string& key, std::string* out) {
    Result<std::string> text = String(node, key);
    if (!text.ok()) return text.take_error();
    if (!timezone_key_.empty()) {
      return Fail(node, key, "the timezone is already set by " + timezone_key_ + "; keep one");
    }
    std::string canonical;
    std::string why = internal::CheckUtcOffset(Trim(*text), &canonical);
    if (!why.empty()) return Fail(node, key, why);
    timezone_key_ = key;
    *out = canonical;
    return Status::Ok();
  }

  std::string origin_;
  const LoadOptions& options_;
  std::string timezone_key_;  // which key set the timezone, once one has
};

// The site name a file gets without `name`: its file name less ".toml".
std::string DefaultName(const std::string& origin) {
  if (origin.empty()) return "";
  return std::filesystem::path(origin).stem().string();
}

}  // namespace

// The one function that calls toml++, which throws on a syntax error (the
// Debian library is built with exceptions, and TOML_EXCEPTIONS must agree
// across translation units, so we catch rather than redefine it).
Result<SiteRules> ParseText(std::string_view toml_text, const std::string& origin, const LoadOptions& options) {
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    return MakeError(Code::kInvalidInput,
                     Located(origin, static_cast<int64_t>(e.source().begin.line), "not valid TOML",
                             e.description()));
  }
  SiteRules rules;
  rules.file = origin;
  rules.name = DefaultName(origin);
  Walker walker(origin, options);
  GLEANER_TRY(walker.Document(root, &rules));
  return rules;
}

}  // namespace gleaner::rules
