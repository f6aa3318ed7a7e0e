// Focus: 来源/作者/记者/编辑/Source/By lines -> source, authors, editor; nav
// words, dates and numbers are never taken as names; byline-only paragraphs.
#include <string>

#include <gtest/gtest.h>

#include "extract_internal.h"

namespace gleaner::extract::internal {
namespace {

struct Row {
  const char* id;
  const char* line;
  const char* source;
  const char* authors;  // joined with "|"
  const char* editor;
};

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : "|") + s;
  return out;
}

const Row kRows[] = {
    {"src-colon", "来源：新华社", "新华社", "", ""},
    {"src-ascii-colon", "来源:新华社", "新华社", "", ""},
    {"src-with-author-and-views", "来源:新华社 作者:张三 浏览次数:123", "新华社", "张三", ""},
    {"src-paren", "(来源:央视新闻)", "央视新闻", "", ""},
    {"src-fullwidth-paren", "（来源：人民日报）", "人民日报", "", ""},
    {"src-gaoyuan", "稿源：经济日报", "经济日报", "", ""},
    {"src-benwen", "本文来源：澎湃新闻", "澎湃新闻", "", ""},
    {"src-chuchu", "出处：学习时报", "学习时报", "", ""},
    {"src-zhuanzi", "转自新华网", "新华网", "", ""},
    {"src-wenzhang", "文章来源: 中国新闻网", "中国新闻网", "", ""},
    {"src-english", "Source: Reuters", "Reuters", "", ""},
    {"src-english-multiword", "Source: The Associated Press", "The Associated Press", "", ""},
    {"src-pipe-date", "来源：新华社 | 2025-03-14", "新华社", "", ""},
    {"src-date-glued", "来源：新华社 2025-03-14 08:56", "新华社", "", ""},
    {"src-then-time-label", "来源：央视新闻客户端 发布时间：2025-03-14 08:56", "央视新闻客户端", "", ""},
    {"src-keeps-dash", "来源：人民网-人民日报", "人民网-人民日报", "", ""},
    {"src-title-marks", "来源：《人民日报》", "人民日报", "", ""},
    {"src-fullwidth-space", "来源：新华社　作者：张三", "新华社", "张三", ""},
    {"src-glued-journalist", "新华社记者 张三 李四", "新华社", "张三|李四", ""},
    {"src-not-nav", "来源：打印", "", "", ""},
    {"src-not-number", "来源：12345", "", "", ""},
    {"src-in-value-label", "来源：中国记者网", "中国记者网", "", ""},
    {"src-picture-credit", "图片来源：视觉中国", "", "", ""},
    {"author-colon", "作者：张三", "", "张三", ""},
    {"author-journalists", "记者 张三 李四", "", "张三|李四", ""},
    {"author-benbao", "本报记者 张三", "", "张三", ""},
    {"author-glued", "本报记者张三", "", "张三", ""},
    {"author-wen-slash", "文/张三", "", "张三", ""},
    {"author-wen-fullwidth", "文｜张三", "", "张三", ""},
    {"author-tongxunyuan", "通讯员 王五", "", "王五", ""},
    {"author-list-dun", "作者：张三、李四", "", "张三|李四", ""},
    {"author-list-he", "记者 张三和李四", "", "张三|李四", ""},
    {"author-he-in-name", "作者：王和平", "", "王和平", ""},
    {"author-tail-she", "记者 张三 摄", "", "张三", ""},
    {"author-tail-baodao", "记者 张三 李四 报道", "", "张三|李四", ""},
    {"author-traditional", "中央社記者 張三", "中央社", "張三", ""},
    {"author-minority-name", "记者 阿卜杜拉·买买提", "", "阿卜杜拉·买买提", ""},
    {"prose-after-journalist", "记者在现场看到，不少市民排队等候入场", "", "", ""},
    {"prose-after-journalist-2", "记者从南京市卫生健康委获悉", "", "", ""},
    {"author-dateline", "新华社北京3月14日电（记者 张三）", "", "张三", ""},
    {"author-mixed-line", "来源：新华社 记者：张三 编辑：赵六", "新华社", "张三", "赵六"},
    {"by-two", "By Jane Doe and John Smith", "", "Jane Doe|John Smith", ""},
    {"by-caps-outlet", "By JANE DOE, Reuters", "Reuters", "Jane Doe", ""},
    {"by-role", "By Jane Doe, Staff Writer", "", "Jane Doe", ""},
    {"by-three-commas", "By Jane Doe, John Smith and Ann Lee", "", "Jane Doe|John Smith|Ann Lee", ""},
    {"by-credentials", "Written by Jane Doe, MS, RD", "", "Jane Doe", ""},
    {"by-then-date", "By Jane Doe | March 14, 2025", "", "Jane Doe", ""},
    {"by-reuters-footer", "Reporting by Jane Doe; Editing by John Smith", "", "Jane Doe", "John Smith"},
    {"by-lowercase-prose", "stand by me", "", "", ""},
    {"by-not-name", "By the way, this is not a byline", "", "", ""},
    {"editor-zeren", "责任编辑：王五", "", "", "王五"},
    {"editor-plain", "编辑：赵六", "", "", "赵六"},
    {"editor-brackets", "【编辑：赵六】", "", "", "赵六"},
    {"editor-paren", "(责任编辑:王五)", "", "", "王五"},
    {"editor-intern-note", "责任编辑：王五（实习）", "", "", "王五"},
    {"editor-zebian", "责编：赵六", "", "", "赵六"},
    {"editor-staff-code", "责任编辑：王晓敏_NBJS7254", "", "", "王晓敏"},
    {"editor-responsible-wins", "编辑：杨虹 责任编辑：刘亮", "", "", "刘亮"},
    {"editor-responsible-first", "责任编辑：刘亮 编辑：杨虹", "", "", "刘亮"},
    {"editor-picture-editor-apart", "责任编辑：王丽 图片编辑：陈晨 校对：刘威", "", "", "王丽"},
    {"editor-only-picture-editor", "图片编辑：陈晨", "", "", ""},
    {"editor-list-paren", "(责编：王丹、张三)", "", "", "王丹、张三"},
    {"nav-only", "首页 > 新闻 > 正文", "", "", ""},
    {"nav-font-size", "字号：大 中 小 打印 关闭", "", "", ""},
    {"nav-as-author", "作者：分享", "", "", ""},
    {"date-as-author", "作者：2025-03-14", "", "", ""},
    {"empty", "", "", "", ""},
};

TEST(ParseBylineTest, Table) {
  for (const Row& row : kRows) {
    const Byline b = ParseByline(row.line);
    EXPECT_EQ(b.source, row.source) << row.id << ": " << row.line;
    EXPECT_EQ(Join(b.authors), row.authors) << row.id << ": " << row.line;
    EXPECT_EQ(b.editor, row.editor) << row.id << ": " << row.line;
  }
}

struct OnlyRow {
  const char* id;
  const char* paragraph;
  bool want;
};

const OnlyRow kOnlyRows[] = {
    {"paren-source", "(来源:央视新闻)", true},
    {"editor", "责任编辑：王五", true},
    {"editor-brackets", "【编辑:张三】", true},
    {"journalists", "本报记者 张三 李四", true},
    {"info-line", "来源：新华社 作者：张三 发布时间：2025-03-14 08:56 浏览次数：123", true},
    {"source-date", "来源：新华社 2025-03-14", true},
    {"by-line", "By Jane Doe and John Smith", true},
    {"editor-intern", "责任编辑：王五（实习）", true},
    {"glued-outlet", "新华社记者 张三", true},
    {"dateline-paragraph", "新华社北京3月14日电（记者 张三）今天上午，国务院召开常务会议。", false},
    {"prose-mentions-reporter", "记者了解到，今年一季度全市新增就业岗位超过三万个。", false},
    {"source-then-prose", "来源：新华社 今天上午国务院召开常务会议研究部署工作", false},
    {"prose", "今天上午，国务院召开常务会议。", false},
    {"nav-only", "打印 关闭", false},
    {"editors-in-spans", "责任编辑：王丽 图片编辑：陈晨 校对：刘威", true},
    {"editor-staff-code", "责任编辑： 王晓敏_NBJS7254", true},
    {"empty", "", false},
};

TEST(IsBylineOnlyTest, Table) {
  for (const OnlyRow& row : kOnlyRows) {
    EXPECT_EQ(IsBylineOnly(row.paragraph), row.want) << row.id << ": " << row.paragraph;
  }
}

struct OutletRow {
  const char* id;
  const char* name;
  bool want;
};

const OutletRow kOutletRows[] = {
    {"known", "新华社", true},
    {"known-short", "网易", true},
    {"wang", "央视网", true},
    {"bao", "湘中晚报", true},
    {"dash-pair", "人民网－人民日报", true},
    {"xinwen", "澎湃新闻", true},
    {"english-known", "Reuters", true},
    {"person", "张三", false},
    {"person-three", "欧阳明", false},
    {"nav", "首页", false},
    {"label", "来源", false},
    {"date-glued", "2025新华网", false},
    {"prose", "记者从新华网获悉今天上午的会议", false},
    {"empty", "", false},
};

TEST(IsOutletNameTest, Table) {
  for (const OutletRow& row : kOutletRows) {
    EXPECT_EQ(IsOutletName(row.name), row.want) << row.id << ": " << row.name;
  }
}

TEST(IsBylineOnlyTest, LongParagraphIsNeverByline) {
  std::string p = "责任编辑：王五 ";
  while (p.size() < 400) p += "打印 ";
  EXPECT_FALSE(IsBylineOnly(p));
}

TEST(IsNavWordTest, WordsAndRuns) {
  EXPECT_TRUE(IsNavWord("首页"));
  EXPECT_TRUE(IsNavWord("【打印】"));
  EXPECT_TRUE(IsNavWord("大 中 小"));
  EXPECT_TRUE(IsNavWord("Share"));
  EXPECT_FALSE(IsNavWord("新华社"));
  EXPECT_FALSE(IsNavWord("张三"));
}

TEST(ParseBylineTest, MalformedInputDoesNotCrash) {
  for (std::string_view junk : {std::string_view("来源：\xE6\x96", 11), std::string_view("\xFF\xFE作者"),
                                std::string_view("来源"), std::string_view("By "),
                                std::string_view("(((((责任编辑:")}) {
    const Byline b = ParseByline(junk);
    EXPECT_TRUE(b.authors.empty()) << junk;
    (void)IsBylineOnly(junk);
  }
}

}  // namespace
}  // namespace gleaner::extract::internal
