// zh_text: deterministic Chinese news-like text for dedup/store tests and
// benchmarks. Sentences are random runs of common news words, so unrelated
// articles share words and 4-grams the way real ones do (a harder case for
// false positives than random characters). Header-only; seeded; the same
// seed gives the same text on every machine.
#ifndef GLEANER_TESTS_DEDUP_ZH_TEXT_H_
#define GLEANER_TESTS_DEDUP_ZH_TEXT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace gleaner::testing {

// splitmix64: tiny, seedable, identical everywhere (unlike std:: distributions).
class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

inline const std::vector<std::string>& ZhWords() {
  static const std::vector<std::string> kWords = {
      "会议", "指出", "坚持", "发展", "经济", "社会", "企业", "市场", "政策", "项目", "建设",
      "推进", "加强", "工作", "部门", "相关", "表示", "记者", "了解", "目前", "今年", "去年",
      "同比", "增长", "数据", "显示", "专家", "认为", "进一步", "提升", "服务", "群众", "城市",
      "农村", "改革", "创新", "科技", "产业", "投资", "消费", "就业", "收入", "教育", "医疗",
      "安全", "环境", "交通", "文化", "旅游", "国际", "合作", "交流", "会谈", "双方", "领导人",
      "外交部", "发言人", "问题", "立场", "局势", "地区", "国家", "政府", "官员", "代表", "人士",
      "分析", "预计", "未来", "方面", "措施", "落实", "监管", "风险", "稳定", "信心", "预期",
      "活动", "举办", "开幕", "展览", "公司", "公告", "平台", "用户", "技术", "研发", "团队",
      "突破", "试点", "应用", "效果", "良好", "居民", "社区", "志愿者", "学校", "医院", "患者",
      "天气", "景区", "游客", "假期", "出行", "铁路", "航班", "能源", "电力", "汽车", "新能源",
      "制造", "工厂", "工人", "设备", "生产", "订单", "出口", "进口", "贸易", "关税", "价格",
      "银行", "金融", "利率", "贷款", "股市", "指数", "上涨", "下跌", "资金", "规模", "总额",
      "全年", "一季度", "上半年", "记者会", "座谈会", "发布会", "声明", "承诺", "同盟", "防长",
      "北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "重庆", "南京", "天津",
      "明显", "持续", "快速", "逐步", "全面", "深入", "积极", "有效", "重要", "主要", "部分",
      "大量", "各类", "多个", "一批", "约为", "超过", "达到", "实现", "完成", "启动", "召开",
      "提出", "要求", "强调", "介绍", "称", "说", "和", "与", "在", "对", "将", "已", "的",
      "了", "是", "也", "都", "还", "并", "等", "中", "上", "下", "为", "以", "从"};
  return kWords;
}

// One sentence of 6..17 words ending in "。", with a "，" somewhere.
inline std::string ZhSentence(SplitMix& rng) {
  const auto& words = ZhWords();
  size_t n = 6 + rng.Below(12);
  size_t comma = 2 + rng.Below(n - 3);
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += words[rng.Below(words.size())];
    if (i == comma) s += "，";
  }
  s += "。";
  return s;
}

// Sentences of an article of at least `min_chars` code points (about three
// bytes each), in paragraphs of 3..5 sentences joined by "\n\n".
inline std::vector<std::string> ZhSentences(uint64_t seed, size_t min_chars) {
  SplitMix rng(seed);
  std::vector<std::string> sentences;
  size_t bytes = 0;
  while (bytes < min_chars * 3) {
    sentences.push_back(ZhSentence(rng));
    bytes += sentences.back().size();
  }
  return sentences;
}

inline std::string JoinArticle(const std::vector<std::string>& sentences) {
  std::string body;
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (i > 0 && i % 4 == 0) body += "\n\n";
    body += sentences[i];
  }
  return body;
}

inline std::string ZhArticle(uint64_t seed, size_t min_chars) {
  return JoinArticle(ZhSentences(seed, min_chars));
}

}  // namespace gleaner::testing

#endif  // GLEANER_TESTS_DEDUP_ZH_TEXT_H_
