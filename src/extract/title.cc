// title: removes site names and channels that portals add to <title>.
//
// "标题_新闻_腾讯网", "标题 - 央视网", "Title | Reuters", "Site: Title". The
// separator decides how bold a cut may be: "_", "|", "｜", "丨" almost never
// occur inside a headline (strong), while dashes do ("Biden — the man who",
// weak), and a plain space or a colon never separates a site on its own.
// A weak cut needs the part to look like a site (网, 新闻, 日报, News,
// Times, a known outlet) or to match the page's site name; a strong cut also
// takes a very short part next to a long headline ("Title | Opinion").
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "extract_internal.h"
#include "zh_patterns.h"

namespace gleaner::extract::internal {
namespace {

constexpr int kMaxCuts = 3;            // "标题_栏目_频道_网站" at most
constexpr size_t kMaxSiteChars = 30;   // "The New York Times" is 18
constexpr size_t kMinHeadlineChars = 4;
// A part with no site-like word is cut after a strong separator only when
// this short and the headline at least kShortPartRatio times longer.
constexpr size_t kShortPartChars = 12;
constexpr size_t kShortPartRatio = 3;
// A <title> left open swallows the rest of the page; past this size there is
// no site name to cut, and each cut would rescan the whole text: a fuzzed
// 400 KB title took a second (issue 6).
constexpr size_t kMaxCleanedTitleBytes = 2048;

struct Separator {
  size_t pos, len;
  bool strong;
};

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Collapses whitespace runs (incl. U+3000 and U+00A0) to one space, trims.
std::string CollapseSpaces(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool pending = false;
  for (size_t i = 0; i < in.size();) {
    size_t space_len = 0;
    if (IsAsciiSpace(in[i])) {
      space_len = 1;
    } else if (in.substr(i).starts_with("\xE3\x80\x80")) {
      space_len = 3;
    } else if (in.substr(i).starts_with("\xC2\xA0")) {
      space_len = 2;
    }
    if (space_len > 0) {
      pending = !out.empty();
      i += space_len;
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(in[i++]);
  }
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// A byte that starts a 3-byte UTF-8 sequence in the CJK range, roughly.
bool IsCjkLead(unsigned char b) { return b >= 0xE3 && b <= 0xE9; }

std::vector<Separator> FindSeparators(std::string_view t) {
  static constexpr std::pair<std::string_view, bool> kSeps[] = {
      {" | ", true}, {"|", true}, {"｜", true}, {"丨", true}, {"_", true}, {" :: ", true},
      {" » ", true}, {" - ", false}, {" – ", false}, {" — ", false}, {"——", false},
      {"--", false}, {" · ", false}, {" ~ ", false},
  };
  std::vector<Separator> out;
  for (size_t i = 0; i < t.size();) {
    bool matched = false;
    for (const auto& [text, strong] : kSeps) {
      if (t.substr(i).starts_with(text)) {
        out.push_back(Separator{i, text.size(), strong});
        i += text.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    // "标题-中国新闻网": a bare hyphen next to Chinese text.
    if (t[i] == '-' && i > 0 && i + 1 < t.size() && t[i - 1] != ' ' && t[i + 1] != ' ' &&
        (IsCjkLead(static_cast<unsigned char>(t[i + 1])) ||
         (static_cast<unsigned char>(t[i - 1]) & 0xC0) == 0x80)) {
      out.push_back(Separator{i, 1, false});
    }
    ++i;
  }
  return out;
}

std::string Normalize(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ') continue;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  }
  return out;
}

bool MatchesSiteName(std::string_view part, std::string_view site_name) {
  if (site_name.empty() || part.empty()) return false;
  const std::string p = Normalize(part), s = Normalize(site_name);
  if (p.empty() || s.empty()) return false;
  return p == s || (CodePoints(s) >= 2 && p.find(s) != p.npos) ||
         (CodePoints(p) >= 2 && s.find(p) != s.npos);
}

bool HasWholeWord(std::string_view text, std::string_view word) {
  for (size_t at = text.find(word); at != text.npos; at = text.find(word, at + 1)) {
    const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const size_t end = at + word.size();
    const bool right = end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (left && right) return true;
  }
  return false;
}

bool LooksLikeSite(std::string_view part) {
  if (CodePoints(part) > kMaxSiteChars) return false;
  for (std::string_view outlet : kKnownOutlets) {
    if (part == outlet) return true;
  }
  for (std::string_view mark : kSiteNameMarksZh) {
    if (part.find(mark) != part.npos) return true;
  }
  for (std::string_view mark : kSiteNameMarksEn) {
    if (mark.front() == '.' ? part.find(mark) != part.npos : HasWholeWord(part, mark)) return true;
  }
  return false;
}

// Whether `part`, split off `headline` by `sep`, is a site or channel name.
// `after_site_cut`: the same separator already cut a site name off the end,
// so a short part before it is the channel ("标题-商务服务-中企商务网").
bool IsCuttable(std::string_view part, std::string_view headline, const Separator& sep,
                std::string_view site_name, bool after_site_cut) {
  const size_t part_chars = CodePoints(part), head_chars = CodePoints(headline);
  if (part.empty() || head_chars < kMinHeadlineChars) return false;
  if (MatchesSiteName(part, site_name)) return true;
  if (after_site_cut && part_chars <= kShortPartChars && head_chars >= 2 * part_chars) return true;
  if (LooksLikeSite(part)) return sep.strong || head_chars >= part_chars / 2;
  return sep.strong && part_chars <= kShortPartChars && head_chars >= kShortPartRatio * part_chars;
}

// One cut at the end or the start; false when nothing could go.
// `tail_sep` holds the separator of the last cut at the end ("" if none).
bool CutOnce(std::string& title, std::string_view site_name, std::string& tail_sep) {
  const std::vector<Separator> seps = FindSeparators(title);
  if (seps.empty()) return false;
  const std::string_view t(title);
  const Separator& last = seps.back();
  const std::string_view tail = TrimSpaces(t.substr(last.pos + last.len));
  const std::string_view before_tail = TrimSpaces(t.substr(0, last.pos));
  const std::string_view sep_text = t.substr(last.pos, last.len);
  if (IsCuttable(tail, before_tail, last, site_name, !tail_sep.empty() && sep_text == tail_sep)) {
    tail_sep = std::string(sep_text);
    title = std::string(before_tail);
    return true;
  }
  const Separator& first = seps.front();
  const std::string_view head = TrimSpaces(t.substr(0, first.pos));
  const std::string_view after_head = TrimSpaces(t.substr(first.pos + first.len));
  // A prefix is cut only when it is clearly the site: "新浪网_标题".
  if (MatchesSiteName(head, site_name) ||
      (LooksLikeSite(head) && CodePoints(after_head) >= 2 * CodePoints(head) &&
       CodePoints(after_head) >= kMinHeadlineChars)) {
    title = std::string(after_head);
    return true;
  }
  return false;
}

// "Reuters: Title" / "新华网：标题" when the prefix before a colon is the site.
bool CutSiteColonPrefix(std::string& title, std::string_view site_name) {
  for (std::string_view colon : {": ", "：", ":"}) {
    const size_t at = title.find(colon);
    if (at == title.npos) continue;
    const std::string_view head = TrimSpaces(std::string_view(title).substr(0, at));
    if (!site_name.empty() && MatchesSiteName(head, site_name) &&
        CodePoints(head) <= kMaxSiteChars) {
      title = std::string(TrimSpaces(std::string_view(title).substr(at + colon.size())));
      return true;
    }
  }
  return false;
}

}  // namespace

std::string CleanTitle(std::string_view raw, std::string_view site_name) {
  std::string title = CollapseSpaces(raw);
  if (title.size() > kMaxCleanedTitleBytes) return title;
  const std::string site = CollapseSpaces(site_name);
  const std::string original = title;
  std::string tail_sep;
  for (int cuts = 0; cuts < kMaxCuts; ++cuts) {
    if (!CutOnce(title, site, tail_sep) && !CutSiteColonPrefix(title, site)) break;
  }
  if (CodePoints(title) < 2) return original;  // never leave only a fragment
  return title;
}

}  // namespace gleaner::extract::internal
