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

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool IsBoilerplateParagraph(std::string_view paragraph) {
  std::string_view p = Trim(paragraph);
  if (p.empty()) return true;
  for (std::string_view line : kExactLines) {
    if (p == line) return true;
  }
  for (std::string_view prefix : kPrefixes) {
    if (p.starts_with(prefix)) return true;
  }
  if (CountText(p).chars < 100) {
    for (std::string_view part : kShortContains) {
      if (p.find(part) != std::string_view::npos) return true;
    }
  }
  return false;
}

}  // namespace gleaner::extract::internal
