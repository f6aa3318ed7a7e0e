// Focus: page structures of real Chinese sites that the samples do not
// cover - an article held invisible until a script reveals it (WeChat),
// dates and sources only in script state (腾讯 window.DATA, WeChat var ct),
// info lines above the title (新华网), site names in author meta, forum
// threads whose replies outweigh the first post, policy pages with several
// dated fields, counters and pagers inside blog bodies. Each page is the
// template's markup cut down to what the case needs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "content.h"
#include "gleaner/extract.h"
#include "gleaner/html.h"

namespace gleaner::extract {
namespace {

const char kSentence[] =
    "会议强调，要综合运用多种政策工具，保持流动性合理充裕，引导金融机构加大对实体经济的支持力度，"
    "推动社会综合融资成本稳中有降。";

std::string Paragraphs(int n, std::string_view tag = "p") {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "<" + std::string(tag) + ">第" + std::to_string(i + 1) + "段。" + kSentence + "</" + std::string(tag) + ">\n";
  }
  return out;
}

Article ExtractHtml(const std::string& html, std::string url = {}) {
  html::Document doc = html::Document::Parse(html);
  Context context;
  context.url = std::move(url);
  return Extract(doc, context);
}

std::string WeChatPage(std::string content_style) {
  return "<html><head><meta property=og:title content='央行：保持流动性合理充裕'>"
         "<meta property=og:type content=article><title>央行：保持流动性合理充裕</title></head><body>"
         "<div id=img-content class=rich_media_wrp><h1 class=rich_media_title id=activity-name>央行：保持流动性合理充裕</h1>"
         "<div id=meta_content><span class='rich_media_meta rich_media_meta_text'>张三</span>"
         "<a id=js_name href='javascript:void(0);'>金融时报</a><em id=publish_time></em></div>"
         "<div class=rich_media_content id=js_content style='" + content_style + "'>" + Paragraphs(4, "section") +
         "<section><span>来源：金融时报</span></section><section><span>编辑：李四</span></section></div>"
         "<div id=js_pc_qr_code style='visibility: hidden'>微信扫一扫关注该公众号</div></div>"
         "<script>var ct = \"1710377760\";\nvar publish_time = \"2024-03-14\" || \"\";</script></body></html>";
}

TEST(RealWorldTest, WeChatArticleHiddenUntilScriptRevealsIt) {
  Article a = ExtractHtml(WeChatPage("visibility: hidden; opacity: 0;"), "https://mp.weixin.qq.com/s/Xk3mZpQ7aB9cDeF2gH4iJw");
  EXPECT_NE(a.body.find("第1段"), std::string::npos);
  EXPECT_NE(a.body.find("第4段"), std::string::npos);
  EXPECT_EQ(a.body.find("来源"), std::string::npos);
  EXPECT_EQ(a.body.find("微信扫一扫"), std::string::npos);  // a small invisible block stays out
  // ct is epoch seconds: 2024-03-14 00:56 UTC, shown in the page's zone.
  EXPECT_EQ(a.published, "2024-03-14T08:56:00+08:00");
  EXPECT_EQ(a.source, "金融时报");
  EXPECT_EQ(a.editor, "李四");
  EXPECT_GT(a.confidence, 0.7);
}

TEST(RealWorldTest, DisplayNoneStaysOutWhateverItsSize) {
  Article a = ExtractHtml(WeChatPage("display: none"), "https://mp.weixin.qq.com/s/Xk3mZpQ7aB9cDeF2gH4iJw");
  EXPECT_EQ(a.body.find("第1段"), std::string::npos);
}

TEST(RealWorldTest, InvisibleLinkMenuStaysOut) {
  std::string menu = "<div class=megamenu style='visibility:hidden'>";
  for (int i = 0; i < 40; ++i) menu += "<a href=/c" + std::to_string(i) + ">频道栏目名称" + std::to_string(i) + "</a>";
  menu += "</div>";
  Article a = ExtractHtml("<html><body>" + menu + "<h1>标题文字在这里</h1><div class=content>" + Paragraphs(5) +
                          "</div></body></html>");
  EXPECT_EQ(a.body.find("频道栏目"), std::string::npos);
  EXPECT_NE(a.body.find("第5段"), std::string::npos);
}

TEST(RealWorldTest, NestedInvisibleBlocksDoNotCrash) {
  std::string page = "<html><body><h1>标题文字在这里</h1>";
  for (int i = 0; i < 20000; ++i) page += "<div style='visibility:hidden'>";
  page += Paragraphs(5);
  for (int i = 0; i < 20000; ++i) page += "</div>";
  page += "</body></html>";
  Article a = ExtractHtml(page);
  EXPECT_LE(a.body.size(), page.size());
}

TEST(RealWorldTest, TencentWindowDataGivesTimeAndSource) {
  // The record of the article, and a related article's record after it.
  std::string page =
      "<html><head><title>我国成功发射天链二号04星_腾讯新闻</title><script>window.DATA = {\"title\":"
      "\"我国成功发射天链二号04星\",\"media\":\"新华社\",\"pubtime\":\"2025-03-14 08:56:00\",\"related\":"
      "[{\"title\":\"另一篇文章的标题\",\"pubtime\":\"2025-03-01 10:00:00\",\"media\":\"人民网\"}]};</script>"
      "</head><body><h1>我国成功发射天链二号04星</h1><div class=content-article>" + Paragraphs(5) +
      "</div></body></html>";
  Article a = ExtractHtml(page, "https://new.qq.com/rain/a/20250314A01ABC00");
  EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00");
  EXPECT_EQ(a.published_raw, "2025-03-14 08:56:00");
  EXPECT_EQ(a.source, "新华社");
}

TEST(RealWorldTest, StateOfAnotherArticleIsNotThisOne) {
  std::string page =
      "<html><head><title>本文的标题在这里_新闻网</title><script>window.DATA = {\"list\":[{\"title\":"
      "\"另一篇文章的标题\",\"pubtime\":\"2025-03-01 10:00:00\",\"media\":\"人民网\"}]};</script>"
      "</head><body><h1>本文的标题在这里</h1><div class=content>" + Paragraphs(5) + "</div></body></html>";
  Article a = ExtractHtml(page, "https://news.example.cn/a/abc.html");
  EXPECT_EQ(a.published, "");
  EXPECT_EQ(a.source, "");
}

TEST(RealWorldTest, XinhuaDateAndSourceAboveTheTitle) {
  std::string page =
      "<html><head><title>大熊猫国家公园野外种群数量稳中有升-新华网</title></head><body>"
      "<div class=header><div class=header-top><div class='header-time left'><span class=year><em> 2025</em></span>"
      "<span class=day><em> 03</em>/<em>14</em></span><span class=time> 08:56:00</span></div>"
      "<div class=source>来源：新华网</div></div><div class=head-line><h1><span class=title>"
      "大熊猫国家公园野外种群数量稳中有升</span></h1></div></div><div id=detailContent>" + Paragraphs(5) +
      "</div></body></html>";
  Article a = ExtractHtml(page, "http://www.news.cn/local/20250314/5d1e2f3a4b5c/c.html");
  EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00");
  EXPECT_EQ(a.source, "新华网");
}

TEST(RealWorldTest, SiteNamesInAuthorMetaAreNotAuthors) {
  struct Case {
    const char* id;
    const char* meta;
    const char* url;
  } cases[] = {
      {"outlet", "网易", "https://www.163.com/news/article/JQ7ABCDE000189FH.html"},
      {"host-name", "chinanews", "https://www.chinanews.com.cn/cj/2025/03-14/10382345.shtml"},
      {"cms-team", "Discuz! Team and Comsenz UI Team", "https://bbs.example.cn/thread-1-1-1.html"},
  };
  for (const Case& c : cases) {
    std::string page = "<html><head><meta name=author content='" + std::string(c.meta) +
                       "'><title>标题文字在这里</title></head><body><h1>标题文字在这里</h1>"
                       "<div class=info>2025-03-14 08:56 来源：新华社</div><div class=content>" +
                       Paragraphs(5) + "</div></body></html>";
    EXPECT_TRUE(ExtractHtml(page, c.url).authors.empty()) << c.id;
  }
  std::string person = "<html><head><meta name=author content='刘宇'><title>标题文字在这里</title></head>"
                       "<body><h1>标题文字在这里</h1><div class=content>" + Paragraphs(5) + "</div></body></html>";
  EXPECT_EQ(ExtractHtml(person).authors, std::vector<std::string>{"刘宇"});
}

TEST(RealWorldTest, UnlabelledSourceBesideTheDate) {
  std::string page =
      "<html><head><title>科学家实现新突破_央视网</title></head><body><h1>科学家实现新突破</h1>"
      "<div class=info><i>央视网 | </i>2025年03月14日 08:56</div><div class=content_area>" + Paragraphs(5) +
      "</div><div class=zebian>编辑：杨虹 责任编辑：刘亮</div></body></html>";
  Article a = ExtractHtml(page);
  EXPECT_EQ(a.source, "央视网");
  EXPECT_EQ(a.editor, "刘亮");
  EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00");
}

std::string Post(int n, const std::string& author, const std::string& text) {
  std::string id = std::to_string(1000 + n);
  return "<div id=post_" + id + "><table id=pid" + id + " class=plhin><tr><td class=pls><div class=authi>"
         "<a href=space-uid-" + std::to_string(n) + ".html class=xw1>" + author + "</a></div></td><td class=plc>"
         "<div class=authi><em>发表于 2025-3-14 0" + std::to_string(8 + n) + ":56</em></div>"
         "<div class=pct><table><tr><td class=t_f id=postmessage_" + id + ">" + text + "</td></tr></table></div>"
         "</td></tr></table></div>";
}

TEST(RealWorldTest, ForumThreadIsItsFirstPostEvenWhenRepliesAreLonger) {
  std::string reply;
  for (int i = 0; i < 4; ++i) reply += std::string(kSentence) + "<br />";
  std::string page = "<html><head><title>老房子装修要不要重做水电 - 装修交流 - Powered by Discuz!</title></head><body>"
                     "<h1 class=ts><span id=thread_subject>老房子装修要不要重做水电</span></h1><div id=postlist>" +
                     Post(0, "老张装修", "老房子装修到底要不要把水电全部重做？预算有限，想听听大家的意见。") +
                     Post(1, "城南小李", reply) + Post(2, "装修小白", reply) + "</div></body></html>";
  Article a = ExtractHtml(page, "https://bbs.example.cn/thread-98765-1-1.html");
  EXPECT_EQ(a.body, "老房子装修到底要不要把水电全部重做？预算有限，想听听大家的意见。");
  EXPECT_EQ(a.authors, std::vector<std::string>{"老张装修"});
  EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00");
}

TEST(RealWorldTest, CommentListIsNotAThread) {
  std::string comments;
  for (int i = 0; i < 3; ++i) {
    comments += "<li id=comment-" + std::to_string(i) + " class=comment><p>" + kSentence + kSentence + "</p></li>";
  }
  std::string page = "<html><body><h1>标题文字在这里</h1><div class=entry>" + Paragraphs(2) +
                     "</div><ol class=list>" + comments + "</ol></body></html>";
  Article a = ExtractHtml(page);
  EXPECT_NE(a.body.find("第1段"), std::string::npos);
}

TEST(RealWorldTest, NumberedSectionsOfOneArticleAreNotPosts) {
  std::string page = "<html><body><h1>标题文字在这里</h1><div class=story><div id=section1><p>导语。" +
                     std::string(kSentence) + "</p></div><div id=section2>" + Paragraphs(6) +
                     "</div></div></body></html>";
  Article a = ExtractHtml(page);
  EXPECT_NE(a.body.find("导语"), std::string::npos);
  EXPECT_NE(a.body.find("第6段"), std::string::npos);
}

TEST(RealWorldTest, PolicyPagePublishesOnItsReleaseDateNotItsSigningDate) {
  std::string page =
      "<html><head><title>关于加快发展银发经济的意见_中国政府网</title></head><body><h1>关于加快发展银发经济的意见</h1>"
      "<table><tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2025年03月10日</td></tr>"
      "<tr><td>发文字号：</td><td>国办发〔2025〕5号</td><td>发布日期：</td><td>2025年03月14日</td></tr></table>"
      "<div id=UCAP-CONTENT>" + Paragraphs(5) + "</div></body></html>";
  EXPECT_EQ(ExtractHtml(page).published, "2025-03-14");
}

TEST(RealWorldTest, DateOnlyMetaTakesTheVisibleTimeOfTheSameDay) {
  std::string page =
      "<html><head><meta name=publishdate content=2025-03-14><title>春耕工作会议召开--人民网</title></head><body>"
      "<h1>春耕工作会议召开</h1><div class=channel>2025年03月14日08:56 | 来源：<a href=/>人民网－人民日报</a>"
      "<span>小字号</span></div><div class=rm_txt_con>" + Paragraphs(5) +
      "<p>《 人民日报 》（ 2025年03月14日 02 版）</p><div class=edit>(责编：王丹、张三)</div></div></body></html>";
  Article a = ExtractHtml(page, "http://politics.people.com.cn/n1/2025/0314/c1001-40123456.html");
  EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00");
  EXPECT_EQ(a.source, "人民网－人民日报");
  EXPECT_EQ(a.editor, "王丹、张三");
  EXPECT_EQ(a.body.find("人民日报 》"), std::string::npos);
  EXPECT_EQ(a.body.find("小字号"), std::string::npos);
}

TEST(RealWorldTest, ChineseTextWinsOverATemplatesLangAttribute) {
  for (const char* lang : {"en", "utf-8"}) {
    std::string page = "<html lang=" + std::string(lang) + "><body><h1>标题文字在这里</h1><div class=info>"
                       "2025-03-14 08:56</div><div class=content>" + Paragraphs(5) + "</div></body></html>";
    Article a = ExtractHtml(page);
    EXPECT_EQ(a.lang, "zh") << lang;
    EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00") << lang;
  }
}

TEST(RealWorldTest, BlogCountersPagersAndCategoryLinesAreNotBody) {
  std::string page = "<html><body><div class=articalTitle><h2>春日游西湖小记</h2><span class=time>(2025-03-14 08:56:00)"
                     "</span></div><div class=artical>" + Paragraphs(4, "div") +
                     "<div>分类：游记</div><div>阅读(1024)┊评论(12)</div><div>阅读量1.2k收藏34</div>"
                     "<div>前一篇：<a href=/1.html>冬夜读书</a></div><div>后一篇：<a href=/3.html>清明回乡</a></div>"
                     "</div></body></html>";
  Article a = ExtractHtml(page);
  EXPECT_NE(a.body.find("第4段"), std::string::npos);
  for (const char* junk : {"分类", "阅读", "前一篇", "后一篇"}) EXPECT_EQ(a.body.find(junk), std::string::npos) << junk;
}

TEST(RealWorldTest, RepostAndWeChatFurnitureIsNotBody) {
  std::string page = "<html><body><h1>标题文字在这里</h1><div class=rich_media_content>"
                     "<section>点击上方蓝字关注我们</section>" + Paragraphs(4, "section") +
                     "<p class=otitle>（原标题：旧的标题文字）</p><section>往期推荐</section>"
                     "<section><a href=/s/1>往期文章一的标题</a></section><section><a href=/s/2>往期文章二的标题</a></section>"
                     "<section>长按识别二维码关注我们</section><section>分享、点赞、点个在看</section>"
                     "<p>声明：本文观点仅代表作者本人，不代表本站立场。</p></div></body></html>";
  Article a = ExtractHtml(page);
  EXPECT_NE(a.body.find("第4段"), std::string::npos);
  for (const char* junk : {"蓝字", "原标题", "往期", "二维码", "在看", "不代表"}) {
    EXPECT_EQ(a.body.find(junk), std::string::npos) << junk;
  }
}

TEST(RealWorldTest, BlogPostFooterDateAndOwnerInTitle) {
  std::string page = "<html><head><title>Redis 持久化机制详解 - 张小凡 - 博客园</title></head><body>"
                     "<h1 class=postTitle><a href=/p/1.html>Redis 持久化机制详解</a></h1><div class=postBody>"
                     "<div id=cnblogs_post_body>" + Paragraphs(4) + "</div></div><div class=postDesc>posted @ "
                     "<span id=post-date>2025-03-14 08:56</span> <a href=https://www.cnblogs.com/zhangxf>张小凡</a> "
                     "阅读(1024) 评论(3)</div><div class=related><h3>相关博文</h3><ul><li><a href=/p/2.html>旧文"
                     "</a> 2025-03-01 10:00</li></ul></div></body></html>";
  Article a = ExtractHtml(page, "https://www.cnblogs.com/zhangxf/p/18071234.html");
  EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00");
  EXPECT_EQ(a.authors, std::vector<std::string>{"张小凡"});
  // An unlabelled date after the body (a list of other posts) is not the post's.
  std::string unlabelled = "<html><body><h1>标题文字在这里</h1><div class=content>" + Paragraphs(4) +
                           "</div><ul><li><a href=/p/2.html>旧文</a> 2025-03-01 10:00</li></ul></body></html>";
  EXPECT_EQ(ExtractHtml(unlabelled).published, "");
}

TEST(RealWorldTest, PosterFoundByProfileLinkAndAuthorClass) {
  std::string page = "<html><body><h1>读《人类简史》有感</h1><div class=meta><a href=/u/abc123><img src=a.jpg></a>"
                     "<span><a href=/u/abc123>青山不语</a></span><button>关注</button><time>2025.03.14 08:56:00</time>"
                     "</div><article>" + Paragraphs(4) + "</article></body></html>";
  EXPECT_EQ(ExtractHtml(page).authors, std::vector<std::string>{"青山不语"});
  std::string csdn = "<html><body><h1>C++ 智能指针详解</h1><div class=bar-content><a class=follow-nickName "
                     "href=https://blog.csdn.net/zhangsan_dev>张三丰码农</a><span class=time>于 2025-03-14 08:56:00 发布"
                     "</span></div><div id=content_views>" + Paragraphs(4) + "</div></body></html>";
  EXPECT_EQ(ExtractHtml(csdn).authors, std::vector<std::string>{"张三丰码农"});
}

// ---- round 2: government/school CMSs and script-rendered portals ----------

// TRS/Hanweb government pages: no og: tags, SiteName/ArticleTitle metas,
// and <meta name=Author> holding the site's own name.
TEST(RealWorldTest, TrsGovernmentPageSiteNameIsNotAnAuthor) {
  Article a = ExtractHtml(
      "<html><head><meta charset=utf-8><title>我市召开经济运行分析会_政务要闻_济南市人民政府</title>"
      "<meta name=SiteName content='济南市人民政府'><meta name=ArticleTitle content='我市召开经济运行分析会'>"
      "<meta name=PubDate content='2025-03-14 08:56'><meta name=ContentSource content='济南日报'>"
      "<meta name=Author content='济南市人民政府'></head><body><div class=title>我市召开经济运行分析会</div>"
      "<div class=info><span>发布日期：2025-03-14 08:56</span> <span>来源：济南日报</span></div>"
      "<div class=TRS_Editor>" + Paragraphs(4) + "</div></body></html>",
      "http://www.jinan.gov.cn/art/2025/3/14/art_1861_4912345.html");
  EXPECT_EQ(a.title, "我市召开经济运行分析会");
  EXPECT_TRUE(a.authors.empty());
  EXPECT_EQ(a.source, "济南日报");
  EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00");
}

// Old city portals put the site first: "兰州市人民政府--标题"; 本站/管理员
// are placeholders, a real 来源/作者 pair is read from the table row.
TEST(RealWorldTest, OldCityPortalSitePrefixAndTableInfoRow) {
  auto page = [](std::string_view info) {
    return "<html><head><meta charset=utf-8><title>兰州市人民政府--关于做好春季农业生产工作的通知</title></head><body>"
           "<table><tr><td class=bt_title><strong>关于做好春季农业生产工作的通知</strong></td></tr><tr><td class=bt_info>" +
           std::string(info) + "</td></tr><tr><td class=bt_content>" + Paragraphs(4) + "</td></tr></table></body></html>";
  };
  Article a = ExtractHtml(page("发布时间：2025-03-14 08:56:00&nbsp;&nbsp;来源：兰州日报&nbsp;&nbsp;作者：王伟&nbsp;&nbsp;浏览次数：123"));
  EXPECT_EQ(a.title, "关于做好春季农业生产工作的通知");
  EXPECT_EQ(a.source, "兰州日报");
  EXPECT_EQ(a.authors, std::vector<std::string>{"王伟"});
  EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00");
  Article placeholder = ExtractHtml(page("发布时间：2025-03-14 08:56:00&nbsp;&nbsp;来源：本站&nbsp;&nbsp;作者：管理员"));
  EXPECT_TRUE(placeholder.authors.empty());
}

// WebPlus school news: the credit line at the end names the unit (供稿)
// and the writer (撰稿); it is not body text.
TEST(RealWorldTest, SchoolNewsCreditLineGivesSourceAndAuthor) {
  Article a = ExtractHtml(
      "<html><head><meta charset=utf-8><title>我校在数学建模竞赛中获佳绩</title></head><body>"
      "<h1 class=arti_title>我校在数学建模竞赛中获佳绩</h1><p class=arti_metas><span>发布者：党委宣传部</span>"
      "<span>发布时间：2025-03-14</span><span>浏览次数：123</span></p><div class=wp_articlecontent>" + Paragraphs(4) +
      "<p style='text-align:right'>（供稿：理学院 撰稿：张明 审核：李华）</p></div></body></html>");
  EXPECT_EQ(a.authors, std::vector<std::string>{"张明"});
  EXPECT_EQ(a.source, "理学院");
  EXPECT_EQ(a.body.find("撰稿"), std::string::npos);
}

// 环球网: the article is escaped HTML in a hidden textarea, rendered by
// script, and opens with its byline in brackets.
TEST(RealWorldTest, ArticleInHiddenTextarea) {
  Article a = ExtractHtml(
      "<html><head><meta charset=utf-8><title>中方回应有关问题_环球网</title></head><body>"
      "<div class=t-container-title><h3>中方回应有关问题</h3></div><p class=time>2025-03-14 08:56</p>"
      "<textarea class=article-title style='display:none'>中方回应有关问题</textarea>"
      "<textarea class=article-content style='display:none'>&lt;p&gt;【环球时报记者 王伟】第1段。" + std::string(kSentence) +
      "&lt;/p&gt;&lt;p&gt;第2段。" + kSentence + "&lt;/p&gt;</textarea>"
      "<article><section data-type=rtext></section></article><textarea name=comment></textarea></body></html>");
  EXPECT_NE(a.body.find("第1段"), std::string::npos);
  EXPECT_NE(a.body.find("第2段"), std::string::npos);
  EXPECT_EQ(a.body.find("&lt;"), std::string::npos);
  EXPECT_EQ(a.body.find("<p>"), std::string::npos);
  EXPECT_EQ(a.authors, std::vector<std::string>{"王伟"});  // the bracketed lead byline
}

// 36氪: an empty shell; window.initialState holds title, author, time, body.
TEST(RealWorldTest, ArticleInWindowInitialState) {
  Article a = ExtractHtml(
      "<html><head><meta charset=utf-8><title>AI芯片公司完成融资-36氪</title></head><body><div id=app>加载中...</div>"
      "<script>window.initialState={\"articleDetail\":{\"articleDetailData\":{\"data\":{\"widgetTitle\":\"AI芯片公司完成融资\","
      "\"author\":\"王伟\",\"publishTime\":1741913760000,\"widgetContent\":\"<p>第1段。" + std::string(kSentence) +
      "</p><p>第2段。" + kSentence + "</p>\"}}}}</script></body></html>");
  EXPECT_EQ(a.title, "AI芯片公司完成融资");  // "-36氪" is not part of it
  EXPECT_NE(a.body.find("第2段"), std::string::npos);
  EXPECT_EQ(a.authors, std::vector<std::string>{"王伟"});
  EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00");
}

// 知乎专栏: the author element holds the name link and a headline; the name
// is read from the profile link inside it.
TEST(RealWorldTest, AuthorElementWithHeadlineReadsTheProfileLink) {
  Article a = ExtractHtml(
      "<html><head><meta charset=utf-8><title>如何看待一季度经济数据？ - 知乎</title></head><body>"
      "<h1 class=Post-Title>如何看待一季度经济数据？</h1><div class=Post-Author><div class=AuthorInfo>"
      "<a class=UserLink-link href='//www.zhihu.com/people/li-ming-42'>李明</a><div class=AuthorInfo-badgeText>经济学博士</div>"
      "</div></div><div class='RichText ztext'>" + Paragraphs(4) + "</div></body></html>",
      "https://zhuanlan.zhihu.com/p/687654321");
  EXPECT_EQ(a.authors, std::vector<std::string>{"李明"});
}

// 东方财富: the standfirst's label ("摘要") alone is not a paragraph.
TEST(RealWorldTest, StandfirstLabelIsNotBody) {
  Article a = ExtractHtml(
      "<html><head><meta charset=utf-8><title>央行：保持流动性合理充裕</title></head><body><h1>央行：保持流动性合理充裕</h1>"
      "<div class=abstract><div class=b-review>摘要</div>【央行：保持流动性合理充裕】央行表示将保持流动性合理充裕。</div>"
      "<div id=ContentBody>" + Paragraphs(4) + "</div></body></html>");
  EXPECT_NE(a.body.find("第1段"), std::string::npos);
  EXPECT_NE(a.body.rfind("摘要\n", 0), 0u);
  EXPECT_EQ(a.body.find("\n摘要\n"), std::string::npos);
}

// 百家号: the account name is a link to author.baidu.com, between the
// title and the text, with hashed class names only.
TEST(RealWorldTest, BaijiahaoAccountLinkIsTheAuthor) {
  Article a = ExtractHtml(
      "<html><head><meta charset=utf-8><title>一季度经济数据出炉</title></head><body><h1 class=_1ZhGq>一季度经济数据出炉</h1>"
      "<div class=_1cVwk><a class=_2gGWi href='https://author.baidu.com/home?from=bjh_article&app_id=16012'>"
      "<p class=_7y5nA>财经观察家</p></a><span class=_2sjh9>2025-03-14 08:56</span><span class=_2sjh9>北京</span></div>"
      "<div data-testid=article>" + Paragraphs(4) + "</div></body></html>",
      "https://baijiahao.baidu.com/s?id=1826543210987654321");
  EXPECT_EQ(a.authors, std::vector<std::string>{"财经观察家"});
  EXPECT_EQ(a.published, "2025-03-14T08:56:00+08:00");
}

}  // namespace
}  // namespace gleaner::extract
