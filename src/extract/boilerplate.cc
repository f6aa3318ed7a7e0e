// Paragraph-level furniture: whole lines that sit inside article containers
// but are not article text. Each table row notes where the phrase is seen.
#include <array>
#include <string_view>

#include "content.h"
#include "text_util.h"

namespace gleaner::extract::internal {
namespace {

// Paragraphs that are exactly one of these (after trimming) go.
constexpr std::array<std::string_view, 30> kExactLines = {
    "图片", "图", "配图", "资料图", "资料图片", "网络图片",  // image placeholders (portal CMS exports)
    "点击图片进入下一页", "查看原图", "点击查看大图",       // gallery navigation
    "分享到", "分享到：", "分享：", "扫一扫", "微信扫一扫",    // share bars
    "打印", "关闭", "收藏", "返回顶部", "顶部",              // article toolbars
    "广告", "推广",                                       // ad slot labels inside article bodies
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
constexpr std::array<std::string_view, 20> kPrefixes = {
    "以上就是本篇文章",            // DedeCMS-style portal tail: 以上就是本篇文章【…】的全部内容了
    "文章地址:", "文章地址：",       // the same tail's URL line
    "本文地址:", "本文地址：",
    "转载请注明", "版权声明", "免责声明", "特别声明",  // disclaimers under Chinese articles
    "声明：本文", "声明:本文",
    "分享到：", "分享到:",
    "扫一扫", "用微信扫描二维码", "微信扫一扫",
    "Copyright ©", "Copyright (c)", "© Copyright",
    "Sign up for"};

// Paragraphs containing one of these and shorter than ~100 chars go.
constexpr std::array<std::string_view, 10> kShortContains = {
    "All rights reserved", "版权所有", "未经授权", "不得转载", "阅读原文", "展开全文",
    "点击阅读全文", "返回搜狐", "Click here to", "Subscribe to our newsletter"};

// Calls to action and credits, compared without ASCII case, in lines under
// kMaxCallToActionChars: newsletter and app promos, share prompts, photo
// credits ("Natalie Naccache | Bloomberg | Getty Images", "© Reuters").
constexpr std::array<std::string_view, 14> kCallsToAction = {
    "sign up for", "subscribe to", "click here", "share it with", "share this",
    "follow us on", "tell us what you think", "requires javascript", "like this story",
    "getty images", "get access to", "download our app", "©", "(c) copyright"};
constexpr uint32_t kMaxCallToActionChars = 200;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ')) s.remove_suffix(1);
  return s;
}

// A paragraph that is nothing but a link target ("https://www.x.com/...").
bool IsBareUrl(std::string_view p) {
  return (p.starts_with("http://") || p.starts_with("https://")) && p.find(' ') == std::string_view::npos;
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
