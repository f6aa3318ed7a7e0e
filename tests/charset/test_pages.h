// test_pages: realistic page text for the charset tests and benchmark, and
// an encoder (glibc iconv, UTF-8 -> X) to produce the bytes a portal would
// send. The news paragraphs are written for these tests.
#ifndef GLEANER_TESTS_CHARSET_TEST_PAGES_H_
#define GLEANER_TESTS_CHARSET_TEST_PAGES_H_

#include <iconv.h>

#include <cerrno>
#include <string>
#include <string_view>

namespace gleaner::charset::testing {

// Simplified Chinese news, four paragraphs (~470 characters).
inline constexpr std::string_view kSimplifiedNews =
    "本报讯（记者 王晓明）3月14日上午，市政府召开新闻发布会，介绍今年城市建设和民生工程的"
    "主要安排。会上，市发展和改革委员会负责人表示，今年全市将重点推进交通、教育、医疗和生"
    "态环境等领域的一批重大项目，计划总投资超过八百亿元。\n"
    "据介绍，在交通方面，地铁三号线二期工程将于年底前开通运营，新建和改造城市道路一百二十"
    "公里，同时增加公交线路二十条，进一步方便市民出行。在教育方面，全市将新建中小学和幼儿"
    "园三十所，新增学位约两万个，缓解部分地区入学难的问题。\n"
    "在医疗卫生方面，市人民医院新院区已经完成主体建设，预计明年上半年投入使用。有关部门还"
    "将继续推进社区卫生服务中心建设，让群众在家门口就能看病。生态环境方面，今年将完成河道"
    "综合治理工程十五项，新增公园绿地面积三百万平方米。\n"
    "发布会上，有记者问到房价和就业等社会关注的问题。负责人回答说，政府将坚持稳定发展的原"
    "则，加大保障性住房供应，同时支持企业扩大招聘，帮助高校毕业生和农民工实现就业。他强调"
    "，各项工作都要以人民满意为标准，确保每一个项目按时保质完成。\n";

// Names with characters GBK has and GB2312 lacks: 喆 堃 镕.
inline constexpr std::string_view kGbkOnlyNews =
    "今年的青年科学家奖获奖名单中有张喆、李堃和王镕三位研究人员，他们在新材料领域取得了重要成果。\n";

// Characters only GB18030 has, in 4-byte sequences: 𠮷 (U+20BB7), and two
// that GB18030-2005 maps from 2 bytes: 䶮 (U+4DAE, FE 9F) and € (A2 E3).
inline constexpr std::string_view kGb18030News =
    "在这次展览上，来自日本的𠮷野家介绍了新店计划，门票价格为二十€，南汉皇帝刘䶮的史料也首次展出。\n";

// Traditional Chinese news (Big5), four paragraphs.
inline constexpr std::string_view kTraditionalNews =
    "本報訊（記者 陳志明）十四日上午，市政府舉行記者會，說明今年城市建設與民生工程的主要規"
    "劃。會中，經濟發展委員會負責人表示，今年全市將重點推動交通、教育、醫療與環境保護等領域"
    "的多項重大計畫，預計總投資超過八百億元。\n"
    "據了解，在交通方面，捷運第三條路線第二期工程將於年底前通車，並新建及改善市區道路一百二"
    "十公里，同時增加公車路線二十條，讓民眾出行更加方便。在教育方面，全市將新設國民中小學與"
    "幼兒園三十所，增加約兩萬個學位，以解決部分地區學生入學困難的問題。\n"
    "在醫療衛生方面，市立醫院新院區已經完成主體工程，預計明年上半年正式啟用。相關單位也將持"
    "續推動社區健康服務中心的建設，讓民眾在住家附近就能就醫。環境方面，今年將完成十五項河川"
    "整治工程，並新增公園綠地三百萬平方公尺。\n"
    "記者會上，有記者詢問房價與就業等社會關心的問題。負責人回答說，政府將堅持穩定發展的原則"
    "，增加社會住宅的供應，同時支持企業擴大招募，協助大學畢業生及各類勞工順利就業。他強調，"
    "各項工作都要以人民滿意為標準，確保每一個計畫都能如期完成。\n";

inline constexpr std::string_view kJapaneseNews =
    "東京都は十四日、新しい交通計画を発表しました。この計画では、地下鉄の路線を延長し、駅の"
    "周辺に公園や図書館を整備する予定です。担当者は「市民の生活をより便利にしたい」と話して"
    "います。計画の費用は約三百億円で、来年の春から工事が始まります。\n";

inline constexpr std::string_view kKoreanNews =
    "서울시는 14일 새로운 교통 계획을 발표했다. 이번 계획에 따라 지하철 노선이 연장되고 역 "
    "주변에 공원과 도서관이 들어설 예정이다. 담당자는 시민들의 생활이 더욱 편리해질 것이라고 "
    "말했다. 사업비는 약 삼천억 원이며 내년 봄부터 공사가 시작된다.\n";

inline constexpr std::string_view kFrenchNews =
    "La mairie a présenté jeudi son nouveau plan de transport. Les lignes de métro seront "
    "prolongées et des parcs, des bibliothèques et des écoles verront le jour près des "
    "stations. « Nous voulons que la vie des habitants soit plus agréable », a déclaré "
    "l'adjointe chargée des déplacements. Le coût est estimé à trois cents millions d'euros.\n";

// A news page around `body` (UTF-8), with `head` (e.g. a <meta>) first in
// <head>. Encode the result to get the bytes of a page in another charset.
inline std::string NewsPage(std::string_view head, std::string_view body,
                            std::string_view title = "News") {
  std::string page = "<!DOCTYPE html>\n<html>\n<head>\n";
  page += head;
  page += "\n<title>";
  page += title;
  page += "</title>\n<link rel=\"stylesheet\" href=\"/css/main.css\">\n</head>\n<body>\n";
  page += "<div class=\"nav\"><a href=\"/\">home</a> | <a href=\"/news/\">news</a></div>\n";
  page += "<div class=\"article\">\n<h1>";
  page += title;
  page += "</h1>\n";
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    page += "<p>";
    page += body.substr(start, end - start);
    page += "</p>\n";
    start = end + 1;
  }
  page += "</div>\n<div class=\"footer\">(c) 2025 example</div>\n</body>\n</html>\n";
  return page;
}

// `utf8` converted to `charset` with glibc iconv; "" if iconv fails (the
// tests then fail on the empty page, loudly).
inline std::string Encode(std::string_view utf8, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return {};
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t o_left = out.size();
  const size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
  const size_t rc_flush = iconv(cd, nullptr, nullptr, &o, &o_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1) || rc_flush == static_cast<size_t>(-1)) return {};
  out.resize(out.size() - o_left);
  return out;
}

}  // namespace gleaner::charset::testing

#endif  // GLEANER_TESTS_CHARSET_TEST_PAGES_H_
