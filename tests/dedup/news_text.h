// news_text: short real-language news articles (our own writing) for the
// near-duplicate tests: an original, its reprint with one sentence changed
// and other site chrome, and a different story on the same topic under the
// same headline with the same boilerplate. Chinese and English. Header-only.
#ifndef GLEANER_TESTS_DEDUP_NEWS_TEXT_H_
#define GLEANER_TESTS_DEDUP_NEWS_TEXT_H_

#include <string>
#include <vector>

namespace gleaner::testing {

struct NewsCase {
  std::string lang;
  std::string title;
  std::vector<std::string> sentences;  // the original, one per entry
  size_t changed;                      // the sentence the reprint rewrites
  std::string rewritten;               // what it says instead
  std::string reprint_head;            // the reprinting site's chrome
  std::string reprint_tail;
  std::vector<std::string> other_story;  // same topic, same headline, other facts
  std::string boilerplate_head;          // chrome both sites' stories carry
  std::string boilerplate_tail;
};

inline std::string JoinSentences(const std::vector<std::string>& sentences, const std::string& gap) {
  std::string body;
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (i > 0) body += i % 3 == 0 ? "\n\n" : gap;
    body += sentences[i];
  }
  return body;
}

inline const NewsCase& ChineseNews() {
  static const NewsCase kCase{
      "zh",
      "英美防长会谈聚焦对乌安全承诺与三边同盟",
      {"英国国防大臣与美国国防部长当地时间13日在华盛顿举行会谈，双方就对乌克兰的安全承诺交换了意见。",
       "据英方发布的声明，两国防长重申将继续向乌方提供防空系统和弹药援助。",
       "美方官员表示，会谈还讨论了与澳大利亚的三边安全合作进展。",
       "分析人士指出，此次会谈是在欧洲多国加大国防投入的背景下举行的。",
       "英国国防大臣在会后对记者说，盟友之间的协调比以往任何时候都更加重要。",
       "美国国防部长则强调，各方应当确保援助资金按计划落实到位。",
       "双方同意在下月举行的北约防长会议前保持密切沟通。",
       "有专家认为，相关承诺能否兑现仍取决于各国国内的政治进程。",
       "俄罗斯方面尚未对此次会谈作出正式回应。",
       "外界普遍关注，这一系列外交动作或将影响俄乌局势的走向。"},
      5,
      "美国国防部长则表示，华盛顿将在未来数周内公布新一轮军事援助的具体清单。",
      "来源：央视新闻　　责任编辑：王磊\n\n",
      "\n\n（来源：央视新闻）",
      {"英美两国防长14日再次通电话，就近期地区局势的最新变化进行沟通。",
       "英方表示，两国将共同推动在欧洲部署更多的后勤保障设施。",
       "美方则宣布向北约东翼国家增派一支工程部队，协助修建临时营地。",
       "多名议员在国会听证会上质询了相关预算的使用情况。",
       "防务专家提醒，长期援助需要稳定的财政来源和国内民意支持。",
       "乌克兰外交部对英美两国的表态表示欢迎，并希望尽快落实。",
       "欧洲智库发布报告称，三边合作机制仍面临技术共享方面的障碍。",
       "日本和韩国也派出观察员列席了本次视频会议。",
       "会议结束时，各方同意在今年秋季举行下一轮磋商。",
       "相关国家的外交部门将在会后发布联合声明。"},
      "当前位置：首页 > 国际新闻 > 正文\n\n",
      "\n\n以上就是本篇文章【英美防长会谈聚焦对乌安全承诺与三边同盟】"
      "的全部内容了，欢迎阅览！"};
  return kCase;
}

inline const NewsCase& EnglishNews() {
  static const NewsCase kCase{
      "en",
      "Central bank holds rates steady as inflation eases",
      {"The central bank held its benchmark interest rate at 4.5 percent on Thursday, saying inflation "
       "had eased over the winter but remained above its 2 percent target.",
       "Officials signalled that cuts could come later in the year if price pressures continue to fade.",
       "Markets had largely expected the decision, and stocks rose modestly after the announcement.",
       "The governor told reporters that the labour market was still tight, with unemployment near a "
       "record low and wages growing faster than prices.",
       "Two of the nine members of the rate-setting committee voted for an immediate cut.",
       "Economists said the statement was slightly more optimistic than the last one.",
       "Mortgage lenders have already begun trimming the rates they offer to new borrowers.",
       "The next decision is due in six weeks, after fresh figures on prices and jobs."},
      4,
      "A spokesperson declined to say how the committee had split, adding that the minutes would be "
      "published in two weeks.",
      "Advertisement\n\n",
      "\n\nReporting by staff writers; editing by the business desk.",
      {"The central bank left its key rate unchanged for a third meeting in a row, pointing to a slowing "
       "housing market and weaker exports.",
       "The governor said a sharp fall in energy prices had done most of the work of bringing "
       "inflation down.",
       "Retailers reported a disappointing holiday season, and factory orders fell for the fifth month.",
       "Several committee members warned that cutting too early could undo the progress made so far.",
       "Bond yields slipped after the decision while the currency weakened against the dollar.",
       "Business groups urged the bank to act faster to support small firms struggling with debt.",
       "The finance minister welcomed the decision and promised a new budget in the spring.",
       "Analysts now expect the first reduction in the summer at the earliest."},
      "Advertisement\n\nSign up for our morning newsletter and get the day's top stories.\n\n",
      "\n\nCopyright 2025 The Daily Ledger. All rights reserved. Share this article."};
  return kCase;
}

// The original as its own site shows it.
inline std::string OriginalBody(const NewsCase& c) {
  return JoinSentences(c.sentences, c.lang == "zh" ? "" : " ");
}

// Another site's reprint: one sentence rewritten, its own chrome around it.
inline std::string ReprintBody(const NewsCase& c) {
  std::vector<std::string> sentences = c.sentences;
  sentences[c.changed] = c.rewritten;
  return c.reprint_head + JoinSentences(sentences, c.lang == "zh" ? "" : " ") + c.reprint_tail;
}

// The original and the other story with the same boilerplate around them.
inline std::string WithBoilerplate(const NewsCase& c, const std::vector<std::string>& sentences) {
  return c.boilerplate_head + JoinSentences(sentences, c.lang == "zh" ? "" : " ") + c.boilerplate_tail;
}

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_DEDUP_NEWS_TEXT_H_
