// Paragraph-level furniture: whole lines that sit inside article containers
// but are not article text. Each table row notes where the phrase is seen.
#include <array>
#include <string_view>

#include "content.h"
#include "text_util.h"

namespace gleaner::extract::internal {
namespace {

// Paragraphs that are exactly one of these (after trimming) go.
constexpr std::array<std::string_view, 34> kExactLines = {
    "图片", "图", "配图", "资料图", "资料图片", "网络图片",  // image placeholders (portal CMS exports)
    "点击图片进入下一页", "查看原图", "点击查看大图",       // gallery navigation
    "分享到", "分享到：", "分享：", "扫一扫", "微信扫一扫",    // share bars
    "打印", "关闭", "收藏", "返回顶部", "顶部",              // article toolbars
    "广告", "推广",                                       // ad slot labels inside article bodies
    "摘要", "导读", "核心提示", "内容摘要",                 // standfirst labels (东方财富 .b-review)
    "Advertisement", "ADVERTISEMENT", "Advertisement:", "AD", "Ad",
    "Continue reading", "Continue Reading", "Read more", "Read More"};

// The same, compared without ASCII case: gallery and widget labels of
// English news sites (Hearst "Caption / Close / Back to Gallery", UK
// motoring and tabloid sites' "Advert").
constexpr std::array<std::string_view, 16> kExactLinesNoCase = {
    "advert", "caption", "close", "back to gallery", "comments", "comment", "share",
    "tweet", "email", "print", "loading...", "image", "photo", "video", "view gallery",
    "this slideshow requires javascript."};

// Paragraphs that start with one of these go.
constexpr std::array<std::string_view, 25> kPrefixes = {
    "原标题：", "原标题:", "（原标题：", "(原标题:",  // reprints on 网易/搜狐: （原标题：…）
    "以上就是本篇文章",            // DedeCMS-style portal tail: 以上就是本篇文章【…】的全部内容了
    "平台声明",                    // 搜狐号/网易号 reposts: 平台声明：该文观点仅代表作者本人…
    "文章地址:", "文章地址：",       // the same tail's URL line
    "本文地址:", "本文地址：",
    "转载请注明", "版权声明", "免责声明", "特别声明",  // disclaimers under Chinese articles
    "声明：本文", "声明:本文",
    "分享到：", "分享到:",
    "扫一扫", "用微信扫描二维码", "微信扫一扫",
    "Copyright ©", "Copyright (c)", "© Copyright",
    "Sign up for"};

// Paragraphs containing one of these and shorter than ~100 chars go.
constexpr std::array<std::string_view, 21> kShortContains = {
    "All rights reserved", "版权所有", "未经授权", "不得转载", "阅读原文", "展开全文",
    "点击阅读全文", "返回搜狐", "Click here to", "Subscribe to our newsletter",
    "不代表本站", "不代表本网", "仅代表作者", "观点仅代表",      // reposts' disclaimers
    "点击上方蓝字", "点击蓝字关注", "长按识别二维码", "长按二维码",  // WeChat calls to follow
    "扫码关注", "点个在看", "点亮在看"};

// Calls to action and credits, compared without ASCII case, in lines under
// kMaxCallToActionChars: newsletter and app promos, share prompts, photo
// credits ("Natalie Naccache | Bloomberg | Getty Images", "© Reuters").
constexpr std::array<std::string_view, 14> kCallsToAction = {
    "sign up for", "subscribe to", "click here", "share it with", "share this",
    "follow us on", "tell us what you think", "requires javascript", "like this story",
    "getty images", "get access to", "download our app", "©", "(c) copyright"};
constexpr uint32_t kMaxCallToActionChars = 200;

// Short lines that start with one of these are page furniture: pagers
// (新浪博客 前一篇：/后一篇：, old portals' 上一篇：/下一篇：), category and
// keyword lines under blog posts.
constexpr std::array<std::string_view, 14> kShortPrefixes = {
    "上一篇", "下一篇", "前一篇", "后一篇", "上一条", "下一条", "上一页", "下一页",
    "分类：", "分类:", "所属分类", "关键词：", "关键字：", "标签："};
constexpr uint32_t kMaxShortPrefixChars = 60;

// Counters under posts: 阅读(1024)┊评论(12), 阅读量1.2k收藏34, 点赞数12.
constexpr std::array<std::string_view, 16> kCounterWords = {
    "阅读量", "阅读数", "阅读", "评论数", "评论", "点赞数", "点赞", "收藏", "转发", "分享",
    "浏览次数", "浏览量", "浏览", "点击数", "点击", "人气"};
constexpr uint32_t kMaxCounterLineChars = 60;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ')) s.remove_suffix(1);
  return s;
}

// A paragraph that is nothing but a link target ("https://www.x.com/...").
bool IsBareUrl(std::string_view p) {
  return (p.starts_with("http://") || p.starts_with("https://")) && p.find(' ') == std::string_view::npos;
}

// A line of counters only: each counter word with its number, and nothing
// else but separators (┊ | · / spaces), "k"/"w"/"万" and "+".
bool IsCounterLine(std::string_view p) {
  if (CountText(p).chars > kMaxCounterLineChars) return false;
  std::string rest(p);
  bool word = false;
  for (std::string_view w : kCounterWords) {
    for (size_t at = rest.find(w); at != std::string::npos; at = rest.find(w)) {
      rest.erase(at, w.size());
      word = true;
    }
  }
  if (!word) return false;
  bool digit = false;
  for (std::string_view filler : {"┊", "｜", "（", "）", "·", "•", "万", "次", "\u3000"}) {
    for (size_t at = rest.find(filler); at != std::string::npos; at = rest.find(filler)) rest.erase(at, filler.size());
  }
  for (char c : rest) {
    if (c >= '0' && c <= '9') {
      digit = true;
      continue;
    }
    if (c == ' ' || c == '(' || c == ')' || c == '|' || c == '/' || c == '.' || c == '+' || c == ':' ||
        c == 'k' || c == 'K' || c == 'w' || c == 'W') {
      continue;
    }
    return false;
  }
  return digit;
}

// The print edition under a reprint: 《 人民日报 》（ 2025年03月14日 02 版）.
bool IsEditionLine(std::string_view p) {
  if (!p.starts_with("《") || p.find("》") == std::string_view::npos) return false;
  if (CountText(p).chars > 40) return false;
  return p.ends_with("版）") || p.ends_with("版)") || p.ends_with("版 ）") || p.ends_with("版 )");
}

}  // namespace

bool IsBoilerplateParagraph(std::string_view paragraph) {
  std::string_view p = Trim(paragraph);
  if (p.empty() || IsBareUrl(p)) return true;
  for (std::string_view line : kExactLines) {
    if (p == line) return true;
  }
  for (std::string_view prefix : kPrefixes) {
    if (p.starts_with(prefix)) return true;
  }
  uint32_t chars = CountText(p).chars;
  if (chars <= kMaxShortPrefixChars) {
    for (std::string_view prefix : kShortPrefixes) {
      if (p.starts_with(prefix)) return true;
    }
    if (IsCounterLine(p) || IsEditionLine(p)) return true;
  }
  if (chars < 100) {
    for (std::string_view part : kShortContains) {
      if (p.find(part) != std::string_view::npos) return true;
    }
  }
  if (chars > kMaxCallToActionChars) return false;
  std::string lower = AsciiLower(p);
  for (std::string_view line : kExactLinesNoCase) {
    if (lower == line) return true;
  }
  for (std::string_view part : kCallsToAction) {
    if (lower.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace gleaner::extract::internal
