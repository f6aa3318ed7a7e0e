// The lines around the title and the byline fields settled from them; see
// info_lines.h.
#include "info_lines.h"

#include <algorithm>

#include "gleaner/url.h"
#include "text_util.h"

namespace gleaner::extract::internal {
namespace {

using html::NodeId;
using html::NodeType;
using html::Tag;

// Info lines are short; a longer line is body text, of which only the
// start may hold a dateline ("BEIJING, March 14 (Xinhua) --").
constexpr size_t kMaxInfoLineBytes = 240;
// Lines above the title that are read (Xinhua: time, then source).
constexpr size_t kMaxLinesBefore = 4;
// How far past the title the info elements are looked for.
constexpr NodeId kInfoAreaNodes = 600;
// A block owning this much text is the article (or a post) starting.
constexpr uint32_t kBodyBlockChars = 80;
// A user name shown as a link or in an author element: at most this many
// characters ("一只会飞的猪猪侠"), longer is a sentence or a bio.
constexpr uint32_t kMaxUserNameChars = 16;
constexpr size_t kMaxElementAuthors = 3;

// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
void TruncateUtf8(std::string* s, size_t max_bytes) {
  if (s->size() <= max_bytes) return;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>((*s)[cut]) & 0xC0) == 0x80) --cut;
  s->resize(cut);
}

// True for a line of running text rather than a label line: a sentence
// end, several clause commas, or length.
bool LooksLikeSentence(std::string_view line) {
  if (line.find("。") != std::string_view::npos) return true;
  TextCounts counts = CountText(line);
  if (counts.chars > 160) return true;
  size_t commas = 0;
  for (size_t at = line.find("，"); at != std::string_view::npos; at = line.find("，", at + 1)) ++commas;
  if (commas >= 2) return true;
  // English: a long line that ends like a sentence.
  return counts.cjk == 0 && counts.chars > 90 && (line.ends_with(".") || line.ends_with(".\""));
}

// Collects text into one line per block; Flush decides what to keep.
class LineCollector {
 public:
  // `stop_at_text`: running text ends the collection (below the title);
  // otherwise it only discards the lines before it (above the title).
  LineCollector(const PageStats& stats, bool stop_at_text) : stats_(stats), stop_at_text_(stop_at_text) {}

  // Adds a node; returns false once running text was reached.
  bool Add(const html::Document& doc, NodeId id) {
    if (doc.IsElement(id, Tag::kBr)) return Flush();
    if (doc.node(id).type != NodeType::kText || stats_.Has(id, kSkip)) return true;
    if (stats_[id].block != block_) {
      if (!Flush()) return false;
      block_ = stats_[id].block;
    }
    if (current_.size() < 4 * kMaxInfoLineBytes) Append(doc.text(id));
    return true;
  }

  // Ends the current line; false when it was running text (then dropped).
  bool Flush() {
    TruncateUtf8(&current_, 4 * kMaxInfoLineBytes);
    std::string line = CollapseSpace(current_);
    current_.clear();
    if (line.empty()) return true;
    if (LooksLikeSentence(line)) {
      if (stop_at_text_) return false;
      lines_.clear();
      return true;
    }
    TruncateUtf8(&line, kMaxInfoLineBytes);
    total_ += line.size();
    lines_.push_back(std::move(line));
    return true;
  }

  size_t total() const { return total_; }
  std::vector<std::string>& lines() { return lines_; }

 private:
  // Text nodes of one line are joined with a space, so labels in adjacent
  // elements stay apart ("<span>来源：新华社</span><span>作者：张三</span>"),
  // except around the characters that join a date's pieces across
  // elements ("<em>03</em>/<em>14</em>").
  void Append(std::string_view text) {
    auto joiner = [](char c) { return c == '/' || c == ':' || c == '-' || c == '.'; };
    if (!current_.empty() && !text.empty() && !joiner(current_.back()) && !joiner(text.front())) current_ += ' ';
    current_ += text;
  }

  const PageStats& stats_;
  bool stop_at_text_;
  std::string current_;
  NodeId block_ = html::kNoNode;
  size_t total_ = 0;
  std::vector<std::string> lines_;
};

// ---- elements that name the author or the source ----------------------------

// Class/id words of elements that hold the poster's name.
bool HasAuthorClass(const html::Document& doc, NodeId id) {
  std::string names = AsciiLower(doc.attr(id, "class"));
  names += ' ';
  names += AsciiLower(doc.attr(id, "id"));
  for (std::string_view word : {"author", "nickname", "username", "uname", "writer", "poster"}) {
    size_t at = names.find(word);
    if (at == std::string::npos) continue;
    // Not an avatar, a bio or an author box: those hold more than a name.
    if (names.find("avatar") == std::string::npos && names.find("bio") == std::string::npos &&
        names.find("info") == std::string::npos && names.find("box") == std::string::npos) {
      return true;
    }
  }
  return false;
}

bool HasSourceClass(const html::Document& doc, NodeId id) {
  std::string names = AsciiLower(doc.attr(id, "class"));
  names += ' ';
  names += AsciiLower(doc.attr(id, "id"));
  // Whole words only: "article-source-link" (CSDN's URL line) is not one.
  bool found = false;
  ForEachWord(names, [&](std::string_view word) {
    if (word == "source" || word == "laiyuan" || word.ends_with("_source") || word.ends_with("-source") ||
        word.starts_with("source_") || word.starts_with("source-")) {
      found = word.find("link") == std::string_view::npos && word.find("url") == std::string_view::npos;
      return false;  // the first source word decides
    }
    return true;
  });
  return found;
}

// Links to a member's page: forums (space-uid-5.html, home.php?mod=space),
// blogs and writing platforms (/u/, /author/, /people/), WordPress, and
// account pages on an author. host (百家号).
bool IsProfileLink(std::string_view href) {
  for (std::string_view mark : {"/u/", "/user/", "/users/", "/author/", "/authors/", "/people/", "/profile/",
                                "space-uid-", "mod=space&uid=", "mod=space&amp;uid=", "/c/user/", "/blogger/",
                                "/columnist/",
                                "//author."}) {  // 百家号: author.baidu.com/home?app_id=...
    if (href.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

// A poster's name: short, one line, no label, no URL, not page chrome.
bool IsUserName(std::string_view text) {
  TextCounts counts = CountText(text);
  if (counts.chars < 2 || counts.chars > kMaxUserNameChars) return false;
  if (text.find("http") != std::string_view::npos || text.find("：") != std::string_view::npos ||
      text.find(':') != std::string_view::npos) {
    return false;
  }
  if (counts.punct > 0 || IsNavWord(text) || FindAbsoluteDate(text)) return false;
  if (counts.cjk > 0 && text.find(' ') != std::string_view::npos) return false;
  return std::any_of(text.begin(), text.end(), [](char c) { return !(c >= '0' && c <= '9') && c != ' '; });
}

void AddAuthor(std::string name, InfoElements* out) {
  if (std::find(out->authors.begin(), out->authors.end(), name) == out->authors.end()) {
    out->authors.push_back(std::move(name));
  }
}

// An element's text read as an author: its labelled byline, or its name.
// False when it holds neither (知乎's Post-Author: the name link and a
// headline), so that the caller looks inside it instead.
bool ReadAuthorElement(const html::Document& doc, NodeId id, InfoElements* out) {
  std::string text = CollapseSpace(doc.TextContent(id));
  Byline b = ParseByline(text);
  if (!b.authors.empty()) {
    for (std::string& a : b.authors) AddAuthor(std::move(a), out);
  } else if (IsUserName(text)) {
    AddAuthor(std::move(text), out);
  } else {
    return false;
  }
  return true;
}

void ReadSourceElement(const html::Document& doc, NodeId id, InfoElements* out) {
  std::string text = CollapseSpace(doc.TextContent(id));
  if (text.size() > kMaxInfoLineBytes) return;
  std::string source = ParseByline(text).source;
  if (source.empty() && IsOutletName(text)) source = text;
  out->source = std::move(source);
}


// ---- settling the byline fields ---------------------------------------------

// "记者 韩磊 摄" names a photographer, not an author.
bool IsPhotoCredit(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == ')')) line.remove_suffix(1);
  if (line.ends_with("）")) line.remove_suffix(3);
  return line.ends_with("摄") || line.ends_with("攝") || line.ends_with("供图") || line.ends_with("摄影");
}

// Author meta values that name the site or its software rather than a
// person: 网易 and 新华网 (outlets), "chinanews" (the host's own name),
// "Discuz! Team and Comsenz UI Team" (the generator's authors).
bool IsSiteAuthor(std::string_view name, const Metadata& meta, std::string_view source, std::string_view page_url) {
  if (name == source || name == meta.site_name || IsOutletName(name)) return true;
  std::string lower = AsciiLower(name);
  if (lower.find("team") != std::string::npos || lower.find("powered") != std::string::npos) return true;
  std::string generator = AsciiLower(meta.generator);
  generator = generator.substr(0, generator.find(' '));
  if (generator.size() >= 3 && lower.find(generator) != std::string::npos) return true;
  bool one_word = !lower.empty() && std::all_of(lower.begin(), lower.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
  if (!one_word || lower.size() < 3) return false;
  Result<url::Url> parsed = url::Parse(page_url);
  return parsed.ok() && AsciiLower(parsed->host).find(lower) != std::string::npos;
}

// The source a <meta name=source> states; some write the label too
// ("来源：人民网－人民日报").
std::string MetaSource(const Metadata& meta) {
  std::string parsed = ParseByline(meta.source).source;
  return parsed.empty() ? meta.source : parsed;
}

// Blog platforms title a post "标题_林间听雨_新浪博客" or "标题 - 张小凡 -
// 博客园": the part before the platform is the blog, named after its owner.
std::string BlogOwnerFromTitle(std::string_view title) {
  for (std::string_view sep : {"_", " - "}) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t at = title.find(sep); at != std::string_view::npos; at = title.find(sep, start)) {
      parts.push_back(title.substr(start, at - start));
      start = at + sep.size();
    }
    parts.push_back(title.substr(start));
    if (parts.size() < 3) continue;
    std::string platform = AsciiLower(CollapseSpace(parts.back()));
    if (platform.find("博客") == std::string::npos && platform.find("blog") == std::string::npos) continue;
    std::string owner = CollapseSpace(parts[parts.size() - 2]);
    if (owner.ends_with("的博客")) owner.resize(owner.size() - std::string_view("的博客").size());
    return IsUserName(owner) ? owner : std::string();
  }
  return {};
}

Byline ReadLines(const std::vector<std::string>& lines, bool last_first) {
  Byline out;
  auto read = [&](const std::string& line) {
    if (IsPhotoCredit(line)) return;
    Byline b = ParseByline(line);
    if (out.source.empty()) out.source = b.source;
    if (out.authors.empty()) out.authors = b.authors;
    if (out.editor.empty()) out.editor = b.editor;
  };
  if (last_first) {
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) read(*it);
  } else {
    for (const std::string& line : lines) read(line);
  }
  return out;
}

// The bracketed byline that opens the text on 环球网 and its kind:
// "【环球时报记者 王伟】外交部发言人…". The outlet before 记者 is the
// reporter's paper, read by the source rules, not a name.
Byline LeadBracketByline(const std::vector<std::string>& paragraphs) {
  constexpr size_t kMaxBracketBytes = 90;  // "环球时报特约记者 王伟 李华"
  if (paragraphs.empty() || !paragraphs.front().starts_with("【")) return {};
  const std::string_view first(paragraphs.front());
  const size_t close = first.find("】");
  if (close == std::string_view::npos || close > kMaxBracketBytes) return {};
  std::string_view inner = first.substr(3, close - 3);
  const size_t label = inner.find("记者");
  if (label == std::string_view::npos) return {};
  Byline b = ParseByline(inner.substr(label));
  b.source.clear();
  b.editor.clear();
  return b;
}

}  // namespace

BylineSignals ApplyBylines(const BylineInputs& in, Article* article) {
  const Metadata& meta = *in.meta;
  Byline from_info = ReadLines(*in.info_lines, false);
  // Lines taken out of the body: the closing "(来源:央视新闻)" names the
  // original outlet of a reprint, so the last one wins over the info line.
  Byline from_body = ReadLines(in.body->byline_lines, true);
  Byline lead = LeadBracketByline(in.body->paragraphs);
  std::string meta_source = MetaSource(meta);
  // Strongest first; the first non-empty one is taken.
  const std::pair<const std::string*, const char*> sources[] = {
      {&from_body.source, "a closing 来源 line of the body"},
      {&from_info.source, "the lines under the title"},
      {&in.elements->source, "an element classed source by the title"},
      {&meta.script.source, "the article's record in the page's scripts"},
      {&meta_source, "meta source"},
  };
  BylineSignals signals;
  for (const auto& [value, signal] : sources) {
    if (value->empty()) continue;
    if (article->source.empty()) {
      article->source = *value;
      signals.source = signal;
    } else if (signals.source_runner_up.empty() && *value != article->source) {
      signals.source_runner_up = *value + " (" + signal + ")";
    }
  }
  if (article->source.empty()) {
    article->source = UnlabelledOutlet(*in.info_lines);
    signals.source = "an outlet named on the date line";
  }
  // The byline a reader sees beats meta tags, which CMS templates often
  // fill with their own name ("Discuz! Team") or the site's.
  std::vector<std::string> blog_owner;
  if (std::string owner = BlogOwnerFromTitle(meta.html_title); !owner.empty()) blog_owner.push_back(owner);
  std::vector<std::string> meta_authors;
  for (const std::string& name : meta.authors) {
    if (!IsSiteAuthor(name, meta, article->source, in.page_url)) meta_authors.push_back(name);
  }
  const std::pair<const std::vector<std::string>*, const char*> authors[] = {
      {&from_info.authors, "the byline under the title"},
      {&meta_authors, "author metadata"},
      {&meta.script.authors, "the article's record in the page's scripts"},
      {&from_body.authors, "a byline line in the body"},
      {&lead.authors, "the bracketed byline opening the body"},
      {&in.elements->authors, "a profile link or author element by the title"},
      {&blog_owner, "the blog's name in <title>"},
  };
  for (const auto& [value, signal] : authors) {
    if (value->empty()) continue;
    article->authors = *value;
    signals.authors = signal;
    break;
  }
  article->editor = !from_body.editor.empty() ? from_body.editor
                    : !from_info.editor.empty() ? from_info.editor : meta.script.editor;
  return signals;
}

std::string EditorAnywhere(const html::Document& doc, const PageStats& stats) {
  for (NodeId id = 1; id < doc.size(); ++id) {
    if (doc.node(id).type != NodeType::kText || stats.Has(id, kSkip)) continue;
    std::string_view text = doc.text(id);
    if (text.size() > 300) continue;
    if (text.find("编辑") == std::string_view::npos && text.find("編輯") == std::string_view::npos &&
        text.find("责编") == std::string_view::npos) continue;
    NodeId block = stats[id].block;
    std::string line = block == html::kNoNode ? std::string(text) : doc.TextContent(block);
    if (line.size() > 300) line = std::string(text);
    Byline b = ParseByline(line);
    if (!b.editor.empty()) return b.editor;
  }
  return {};
}

std::vector<std::string> LinesAfter(const html::Document& doc, const PageStats& stats, NodeId from,
                                    size_t max_chars) {
  LineCollector collector(stats, true);
  for (NodeId id = from; id < doc.size() && collector.total() < max_chars; ++id) {
    // The article text has started: names in it (本报讯（记者 …）) are not
    // the page's byline.
    if (!collector.Add(doc, id)) break;
  }
  collector.Flush();
  return std::move(collector.lines());
}

std::vector<std::string> LinesBefore(const html::Document& doc, const PageStats& stats, NodeId title) {
  if (title == html::kNoNode) return {};
  NodeId anchor = doc.node(title).parent;
  if (anchor != html::kNoNode && anchor != doc.body()) anchor = doc.node(anchor).parent;
  if (anchor == html::kNoNode || anchor == doc.body() || anchor == doc.root()) return {};
  // Running text above the title (a standfirst): only the lines after it count.
  LineCollector collector(stats, false);
  for (NodeId id = anchor + 1; id < title; ++id) collector.Add(doc, id);
  collector.Flush();
  std::vector<std::string>& lines = collector.lines();
  if (lines.size() > kMaxLinesBefore) lines.erase(lines.begin(), lines.end() - kMaxLinesBefore);
  return std::move(lines);
}

InfoElements FindInfoElements(const html::Document& doc, const PageStats& stats, NodeId from,
                              NodeId body_start) {
  InfoElements out;
  NodeId end = std::min<NodeId>(static_cast<NodeId>(doc.size()), from + kInfoAreaNodes);
  if (body_start > from) end = std::min(end, body_start);
  for (NodeId id = from; id < end; ++id) {
    const html::Node& node = doc.node(id);
    if (stats.Has(id, kSkip)) {
      id = doc.SubtreeEnd(id) - 1;
      continue;
    }
    if (node.type == NodeType::kText) {
      NodeId block = stats[id].block;
      if (block != html::kNoNode && stats[block].own_chars >= kBodyBlockChars) break;  // the text has started
      continue;
    }
    if (node.type != NodeType::kElement || stats[id].chars == 0) continue;
    if (out.source.empty() && HasSourceClass(doc, id)) {
      ReadSourceElement(doc, id, &out);
    } else if (out.authors.size() < kMaxElementAuthors &&
               (HasAuthorClass(doc, id) ||
                (doc.IsElement(id, Tag::kA) &&
                 (doc.attr(id, "rel").find("author") != std::string_view::npos || IsProfileLink(doc.attr(id, "href")))))) {
      if (!ReadAuthorElement(doc, id, &out)) continue;
    } else {
      continue;
    }
    id = doc.SubtreeEnd(id) - 1;  // its text is read; do not read it again
  }
  return out;
}

std::string UnlabelledOutlet(const std::vector<std::string>& lines) {
  static const DateContext kAnyTime{};
  for (const std::string& line : lines) {
    if (!FindDate(line, kAnyTime)) continue;
    // Pieces between separators: "央视网 | 2025年03月14日 08:56".
    std::string spaced = line;
    for (std::string_view sep : {"|", "｜", "丨", "\u3000", "\u00a0"}) {
      for (size_t at = spaced.find(sep); at != std::string::npos; at = spaced.find(sep, at + 1)) {
        spaced.replace(at, sep.size(), " ");
      }
    }
    std::string outlet;
    ForEachWord(spaced, [&](std::string_view piece) {
      if (IsOutletName(piece)) outlet = piece;
      return outlet.empty();
    });
    return outlet;  // only the date line itself
  }
  return {};
}

}  // namespace gleaner::extract::internal
