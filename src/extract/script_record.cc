// The article's record in the page's scripts; see script_record.h.
//
// Key names are compared folded: lower case, without '_' and '-', so
// "pubTime", "pub_time" and "PUBTIME" are one key. Each table row says
// where the key is seen.
#include "script_record.h"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "text_util.h"

namespace gleaner::extract::internal {
namespace {

using nlohmann::json;

// The walk looks at this many values per state object at most.
constexpr int kMaxRecordNodes = 50000;
// A title shorter than this (bytes) matches too much to identify a record.
constexpr size_t kMinTitleBytes = 8;
// Longer script values are content, not a name or a date.
constexpr size_t kMaxFieldBytes = 200;

constexpr std::string_view kTitleKeys[] = {
    "title", "headline", "name",  // most app states; 澎湃 contentDetail.name
    "newstitle", "articletitle",  // portal CMS states
    "publictitle",                // 简书 note.public_title
    "widgettitle",                // 36氪 articleDetailData.data
};
// Strongest first: a publication time beats a creation time.
constexpr std::string_view kPublishedKeys[] = {
    "publishtime", "pubtime", "pubdate", "publishdate", "datepublished",  // 腾讯 window.DATA, 澎湃
    "publishedat", "firstpublishtime", "newstime",                       // 凤凰 allData.docData
    "ptime",                                                             // 网易 state
    "firstsharedat",                                                     // 简书 (epoch seconds)
    "createtime", "createdat", "ctime",                                  // 头条, 百家号 states
};
constexpr std::string_view kModifiedKeys[] = {
    "updatetime", "modifytime", "datemodified", "updatedat", "lastupdatedat", "lastmodified", "mtime",
};
constexpr std::string_view kSourceKeys[] = {
    "source", "sourcename",  // 凤凰 docData.source, 澎湃 contentDetail.source
    "media", "medianame",    // 腾讯 window.DATA.media
};
constexpr std::string_view kAuthorKeys[] = {"author", "authorname", "authors", "writer"};
constexpr std::string_view kEditorKeys[] = {
    "editor", "editorname",                // 凤凰 docData.editorName
    "responseditor", "responsibleeditor",  // 澎湃 contentDetail.responsEditor
    "chargeeditor", "dutyeditor",
};

// Script variables that hold the publication or update time.
constexpr std::string_view kPublishedVariables[] = {
    "publishtime", "pubtime", "pubdate", "publishdate", "createtime", "posttime", "newstime",
    "ct",  // WeChat articles: var ct = "1710377760" (epoch seconds)
};
constexpr std::string_view kModifiedVariables[] = {"updatetime", "modifytime"};

std::string FoldKey(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '_' || c == '-') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return out;
}

template <size_t N>
int IndexIn(const std::string_view (&table)[N], std::string_view key) {
  for (size_t i = 0; i < N; ++i) {
    if (table[i] == key) return static_cast<int>(i);
  }
  return -1;
}

bool IsUrlLike(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//") || s.starts_with("/");
}

// A string value, or a number written as digits (epoch times); "" otherwise.
std::string ScalarText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_unsigned() || v.is_number_integer()) return std::to_string(v.get<int64_t>());
  return {};
}

// A name value: a string, an object's "name"/"nickname", an array's first.
std::string NameText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    for (const char* key : {"name", "nickname", "nickName"}) {
      auto it = v.find(key);
      if (it != v.end() && it->is_string()) return it->get<std::string>();
    }
  }
  if (v.is_array() && !v.empty()) return NameText(v.front());
  return {};
}

bool TitleIsPages(std::string_view value, std::string_view og_title, std::string_view html_title) {
  std::string title = CollapseSpace(value);
  if (title.size() < kMinTitleBytes) return false;
  if (!og_title.empty() && CollapseSpace(og_title) == title) return true;
  return !html_title.empty() && html_title.find(title) != std::string_view::npos;
}

// What one object holds, by the strongest key of each kind.
struct Fields {
  std::string title, published, modified, source, author, editor;
  int published_rank = 1 << 20, modified_rank = 1 << 20;
  bool titled = false;
};

Fields ReadFields(const json& obj, std::string_view og_title, std::string_view html_title) {
  Fields f;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string key = FoldKey(it.key());
    const json& v = *it;
    if (IndexIn(kTitleKeys, key) >= 0 && v.is_string() && TitleIsPages(v.get_ref<const std::string&>(), og_title, html_title)) {
      f.titled = true;
      f.title = CollapseSpace(v.get_ref<const std::string&>());
    }
    if (int rank = IndexIn(kPublishedKeys, key); rank >= 0 && rank < f.published_rank) {
      std::string text = ScalarText(v);
      if (!text.empty() && ParseMachineDate(text)) f.published = std::move(text), f.published_rank = rank;
    }
    if (int rank = IndexIn(kModifiedKeys, key); rank >= 0 && rank < f.modified_rank) {
      std::string text = ScalarText(v);
      if (!text.empty() && ParseMachineDate(text)) f.modified = std::move(text), f.modified_rank = rank;
    }
    if (f.source.empty() && IndexIn(kSourceKeys, key) >= 0 && v.is_string()) f.source = v.get<std::string>();
    if (f.author.empty() && IndexIn(kAuthorKeys, key) >= 0) f.author = NameText(v);
    if (f.editor.empty() && IndexIn(kEditorKeys, key) >= 0) f.editor = NameText(v);
  }
  return f;
}

// Names from a value that may carry its own labels ("澎湃新闻记者 张静
// 实习生 李晓") or be bare ("张静").
std::vector<std::string> AuthorsOf(std::string_view value) {
  Byline labelled = ParseByline(value);
  if (!labelled.authors.empty()) return labelled.authors;
  return ParseByline("作者：" + std::string(value)).authors;
}

bool Usable(std::string_view value) {
  return !value.empty() && value.size() <= kMaxFieldBytes && !IsUrlLike(value);
}

void Fill(const Fields& f, ScriptRecord* out) {
  if (out->title.empty()) out->title = f.title;
  if (!out->published && !f.published.empty()) {
    out->published = ParseMachineDate(f.published);
    out->published_raw = f.published;
  }
  if (!out->modified && !f.modified.empty()) out->modified = ParseMachineDate(f.modified);
  if (out->source.empty() && Usable(f.source)) out->source = ParseByline("来源：" + f.source).source;
  if (out->authors.empty() && Usable(f.author)) out->authors = AuthorsOf(f.author);
  if (out->editor.empty() && Usable(f.editor)) out->editor = ParseByline("责任编辑：" + f.editor).editor;
}

// Pre-order walk; true once a record was read.
bool Walk(const json& v, std::string_view og_title, std::string_view html_title, int* budget, ScriptRecord* out) {
  if (--*budget < 0) return false;
  if (v.is_object()) {
    Fields f = ReadFields(v, og_title, html_title);
    if (f.titled && (!f.published.empty() || !f.source.empty() || !f.author.empty() || !f.editor.empty())) {
      Fill(f, out);
      return true;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      if ((it->is_object() || it->is_array()) && Walk(*it, og_title, html_title, budget, out)) return true;
    }
  } else if (v.is_array()) {
    for (const json& e : v) {
      if ((e.is_object() || e.is_array()) && Walk(e, og_title, html_title, budget, out)) return true;
    }
  }
  return false;
}

// A cheap look before folding: the names above are 2-14 characters long
// and start with c, p, n, u or m.
bool MayBeDateVariable(std::string_view ident) {
  if (ident.size() < 2 || ident.size() > 14) return false;
  const char c = ident[0] | 0x20;
  return c == 'c' || c == 'p' || c == 'n' || c == 'u' || c == 'm';
}

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

// The identifier that ends right before `end` (spaces skipped), or "".
std::string_view IdentifierBefore(std::string_view s, size_t end) {
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t')) --end;
  size_t begin = end;
  while (begin > 0 && IsIdentChar(s[begin - 1])) --begin;
  return s.substr(begin, end - begin);
}

// The literal after '=' at `eq`: a quoted string (no escapes) or digits.
std::string_view LiteralAfter(std::string_view s, size_t eq) {
  size_t k = eq + 1;
  while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
  if (k >= s.size()) return {};
  if (s[k] == '"' || s[k] == '\'') {
    const size_t close = s.find(s[k], k + 1);
    if (close == std::string_view::npos || close - k > kMaxFieldBytes) return {};
    return s.substr(k + 1, close - k - 1);
  }
  size_t end = k;
  while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  return s.substr(k, end - k);
}

}  // namespace

void RecordFromState(const json& state, std::string_view og_title, std::string_view html_title, ScriptRecord* out) {
  if (out->published && !out->source.empty()) return;  // an earlier state already told
  int budget = kMaxRecordNodes;
  Walk(state, og_title, html_title, &budget, out);
}

void RecordFromScriptVariables(std::string_view script, ScriptRecord* out) {
  std::optional<DateTime> date_only;
  std::string date_only_raw;
  for (size_t eq = script.find('='); eq != std::string_view::npos; eq = script.find('=', eq + 1)) {
    // Assignments only: not ==, ===, =>, !=, <=, >=.
    if (eq + 1 < script.size() && (script[eq + 1] == '=' || script[eq + 1] == '>')) {
      ++eq;
      continue;
    }
    if (eq > 0 && (script[eq - 1] == '!' || script[eq - 1] == '<' || script[eq - 1] == '>')) continue;
    const std::string_view ident = IdentifierBefore(script, eq);
    if (!MayBeDateVariable(ident)) continue;
    const std::string name = FoldKey(ident);
    const bool published = IndexIn(kPublishedVariables, name) >= 0;
    const bool modified = IndexIn(kModifiedVariables, name) >= 0;
    if (!published && !modified) continue;
    const std::string_view value = LiteralAfter(script, eq);
    // `ct` is too short a name to trust with anything but an epoch.
    if (name == "ct" && (value.size() != 10 || value.find_first_not_of("0123456789") != std::string_view::npos)) continue;
    std::optional<DateTime> when = ParseMachineDate(value);
    if (!when) continue;
    if (modified) {
      if (!out->modified) out->modified = when;
      continue;
    }
    if (out->published) continue;
    if (when->has_time()) {
      out->published = when;
      out->published_raw = std::string(value);
    } else if (!date_only) {
      date_only = when;
      date_only_raw = std::string(value);
    }
  }
  if (!out->published && date_only) {
    out->published = date_only;
    out->published_raw = std::move(date_only_raw);
  }
}

}  // namespace gleaner::extract::internal
