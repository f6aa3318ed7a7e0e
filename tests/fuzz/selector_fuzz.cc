// selector_fuzz: html::Selector::Parse on arbitrary text, then SelectAll,
// SelectFirst and Matches on a small news page and a deep one.
// Input: the whole input is the selector.
// Checks: SelectAll is in document order, inside the scope, and its first
// element is SelectFirst's.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "gleaner/html.h"

namespace {

using gleaner::html::Document;
using gleaner::html::NodeId;

constexpr char kPage[] =
    "<!DOCTYPE html><html lang=zh-CN><head><title>标题_新闻</title>"
    "<meta name=description content=\"d\"></head><body class='page news'>"
    "<div id=top class=\"nav bar\"><ul><li><a href=/>首页</a></li><li class=on><a href=/news>新闻</a></li>"
    "<li><a href=/list?p=2 data-x=\"a b\">列表</a></li></ul></div>"
    "<div class=main><h1 class=title>英美防长会谈</h1><div class=info><span class=time>2025年3月14日 08:56</span>"
    "<span class=source>来源：新华社</span></div><div class=content id=article>"
    "<p>第一段。</p><p class=\"lead x-y\">第二段<b>粗</b><i>斜</i></p><table><tr><td>1</td><td>2</td></tr></table>"
    "<img src=a.jpg alt=图><p lang=en-US>third</p></div><div class=share>分享</div>"
    "<ul class=newslist><li><a href=/a/1.html>一</a></li><li><a href=/a/2.html>二</a></li></ul></div>"
    "<footer><p>版权</p></footer></body></html>";

const Document& Page() {
  static const Document* doc = new Document(Document::Parse(kPage));
  return *doc;
}

const Document& Deep() {
  static const Document* doc = [] {
    std::string html = "<body>";
    for (int i = 0; i < 240; ++i) html += (i % 3 == 0) ? "<div class=a>" : (i % 3 == 1 ? "<span id=s>" : "<p>");
    html += "x";
    return new Document(Document::Parse(html));
  }();
  return *doc;
}

void Check(const gleaner::html::Selector& selector, const Document& doc, NodeId scope) {
  const std::vector<NodeId> all = selector.SelectAll(doc, scope);
  const NodeId end = doc.SubtreeEnd(scope);
  for (size_t i = 0; i < all.size(); ++i) {
    FUZZ_CHECK(all[i] >= scope && all[i] < end);
    FUZZ_CHECK(i == 0 || all[i - 1] < all[i]);
    FUZZ_CHECK(selector.Matches(doc, all[i]));
  }
  const NodeId first = selector.SelectFirst(doc, scope);
  FUZZ_CHECK(all.empty() ? first == gleaner::html::kNoNode : first == all[0]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto selector = gleaner::html::Selector::Parse(gleaner::fuzz::AsView(data, size));
  if (!selector.ok()) return 0;
  const Document& page = Page();
  Check(*selector, page, page.root());
  if (page.body() != gleaner::html::kNoNode) Check(*selector, page, page.body());
  Check(*selector, Deep(), Deep().root());
  return 0;
}
