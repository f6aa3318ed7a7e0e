// zh_patterns: phrase tables; see zh_patterns.h. Each row notes where the
// phrase is seen, so a reader can judge whether it is still worth keeping.
#include "zh_patterns.h"

namespace gleaner::extract::internal {
namespace {

// ---- bylines ----------------------------------------------------------------

constexpr std::string_view kSourceLabelsData[] = {
    "本文转载自",  // 东方财富, 和讯 reposts: 本文转载自：证券时报
    "本文转自",    // blogs and 百家号: 本文转自：人民网
    "本文来源",  // 澎湃/东方财富 article footers: 本文来源：澎湃新闻
    "文章来源",  // government sites (gov.cn, provincial portals), 中国新闻网
    "新闻来源",  // county portals, school news pages
    "信息来源",  // government 政务公开 pages
    "消息来源",  // forum-style reposts
    "内容来源",  // 网易号/百家号 reposts
    "原文来源",  // WeChat reposts on portals
    "转载来源",  // blogs and 知乎-like reposts
    "稿件来源",  // provincial party newspapers' sites
    "供稿单位",  // school and government news: （供稿单位：理学院 撰稿：张明）
    "供稿",      // WebPlus school sites: （供稿：理学院 撰稿：张明 审核：李华）
    "来源",      // nearly every portal: 新浪, 腾讯, 人民网, 新华网 info lines
    "稿源",      // 经济日报/中国经济网: 稿源：经济日报
    "出处",      // 学习强国 and literary sites: 出处：人民日报
    "转载自",    // blogs: 转载自：新华网
    "转自",      // 网易/搜狐 reposts: 转自 新华社
    "来自",      // Discuz! portal info lines: 原作者: 李明|来自: 湘中晚报
    "Source",    // Reuters/AP syndication footers, English Chinese-portal editions
    // Traditional script (Big5 pages: 中央社, 自由時報, 明報, 香港01).
    "本文來源", "文章來源", "新聞來源", "資料來源", "來源", "出處", "轉自", "轉載自",
};

constexpr std::string_view kAuthorLabelsData[] = {
    "本报记者",  // party newspapers' sites (人民网, 光明网): 本报记者 张三
    "本网记者",  // portal-owned reporting (中国网, 央广网)
    "本台记者",  // broadcasters (央视网, 央广网)
    "本刊记者",  // magazines' sites (瞭望, 三联)
    "特约记者",  // 人民网, 环球网
    "见习记者",  // city newspapers
    "实习记者",  // city newspapers
    "首席记者",  // 21世纪经济报道, 澎湃
    "通讯员",    // government and army news: 通讯员 王五
    "实习生",    // city newspapers: 实习生 李四
    "记者",      // 新华社: （记者 张三 李四）
    "原作者",    // Discuz! portal info lines: 原作者: 李明
    "作者",      // blogs, 新浪/腾讯 opinion pages: 作者：张三
    "撰文",      // magazines: 撰文｜张三
    "撰稿",      // 界面, 财新
    "执笔",      // reports and commentaries
    "文字",      // photo stories: 文字：张三
    "文",        // magazines and 澎湃: 文/张三, 文｜张三 (only before / or |)
    "Written by",   // blogs, WordPress themes
    "Reporting by", // Reuters footers: Reporting by Jane Doe; Editing by ...
    "Story by",     // local US papers
    "Words by",     // magazines
    "Authors",      // academic-style pages
    "Author",       // WordPress/Medium
    "By",           // every English outlet: By Jane Doe and John Smith
    // Traditional script (中央社: 中央社記者張三台北14日電; 聯合報, 明報).
    "本報記者", "特約記者", "實習記者", "記者", "通訊員", "實習生",
};

constexpr std::string_view kEditorLabelsData[] = {
    "责任编辑",  // nearly every Chinese portal footer: 责任编辑：王五
    "值班编辑",  // 中国新闻网, 央视网
    "编辑",      // 中国新闻网 【编辑:赵六】, 人民网 (编辑：张三)
    "责编",      // 新浪, 东方网: 责编：赵六
    "Editing by",  // Reuters footers
    "Edited by",   // magazines
    "Editor",      // blogs, student papers
    "責任編輯", "編輯", "責編",  // traditional script: 中央社 編輯：張三
};

constexpr std::string_view kStopLabelsData[] = {
    "发布时间",  // info lines on most portals
    "发布日期",  // government sites
    "发表时间",  // forums, 知乎-like
    "发表日期",  // journals
    "更新时间",  // 新浪/央视 updated line
    "更新日期",
    "时间",      // 来源：新华社 时间：2025-03-14
    "日期",      // 日期：2025-03-14
    "浏览次数",  // government sites: 浏览次数：123
    "浏览量",
    "浏览",
    "阅读量",    // 网易号, WeChat-like pages
    "阅读数",
    "阅读",
    "点击数",    // school and county sites: 点击数：456
    "点击量",
    "点击",
    "访问量",
    "人气",      // small portals' counters
    "字号",      // 字号：大 中 小
    "字体",      // 字体：大 中 小
    "分享到",    // share bars
    "分享",
    "打印",      // 【打印】【关闭】
    "关闭",
    "收藏",
    "评论",      // 评论(12)
    "审核",      // government sites: 审核：李四
    "校对",      // 校对：张三
    "签发",      // 签发：王五
    "监制",      // 央视: 监制：王五
    "终审", "初审", "复审", "一审", "二审", "三审",  // 三审 lines on county sites
    "图片编辑",  // 澎湃 footers: 图片编辑：陈晨 (not the article's editor)
    "美术编辑", "视频编辑", "美编",
    "摄影",      // photographer, not author: 摄影：张三
    "制图",      // graphics credit
    "设计",      // graphics credit
    "翻译",      // translator
    "视频",      // video credit
    "图片来源",  // picture credit, not the article's source: 图片来源：视觉中国
    "图片",      // picture credit
    "Published", "Updated", "Posted",  // English info lines
    "發布時間", "發佈時間", "更新時間", "時間", "瀏覽", "點擊", "字體", "評論",  // traditional script
    "Photo", "Photograph",            // photo credits
    "Share", "Print", "Comments",     // share bars
};

constexpr std::string_view kNavWordsData[] = {
    "首页", "返回首页", "网站首页", "网站地图",      // breadcrumb/footers
    "登录", "注册", "退出",                          // account bars
    "分享", "分享到", "打印", "打印本页", "关闭", "关闭窗口",  // tool bars
    "字号", "字体", "大", "中", "小", "默认",        // 字号：大 中 小
    "小字号", "大字号", "中字号",                    // 人民网 info bar
    "收藏", "加入收藏", "评论", "我要评论", "纠错", "我要纠错", "举报",
    "返回", "返回顶部", "返回列表", "上一篇", "下一篇", "更多",
    "微信", "微博", "QQ", "QQ空间", "扫一扫", "二维码",  // share icons' alt text
    "手机版", "客户端", "下载", "订阅", "简体", "繁体",
    "参与互动",                                      // 中国新闻网 info line
    "佚名", "匿名", "未知", "管理员", "小编", "admin",  // CMS default names
    "网友", "原创", "本站",                          // 来源：本站 is no outlet
    "Home", "Login", "Log in", "Sign in", "Sign up", "Register",
    "Share", "Print", "Close", "Comments", "Comment", "Subscribe",
    "Menu", "Search", "More", "Email", "Facebook", "Twitter",
};

constexpr std::string_view kKnownOutletsData[] = {
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse",
    "Bloomberg", "CNN", "BBC", "NPR", "Xinhua", "Axios", "Politico",
    "Forbes", "Wired", "TechCrunch", "The Verge", "Al Jazeera", "CNBC",
    "Fox News", "NBC News", "CBS News", "ABC News", "Kyodo", "Yonhap",
    "Deutsche Welle", "DW", "France 24", "Euronews", "Vox", "Slate",
    "新华社", "中新社", "央视新闻", "央视网", "人民网", "新华网", "中国新闻网",
    "澎湃新闻", "新浪网", "腾讯网", "网易", "搜狐", "凤凰网", "环球网",
};

constexpr std::string_view kOutletEndingsData[] = {
    "网",      // 央视网 (cctv.com info line: 央视网 | 2025年03月14日), 新华网 (新浪's <a class=source>)
    "社",      // 新华社, 中新社
    "报",      // 人民日报, 湘中晚报
    "台",      // 电视台, 广播电台
    "新闻",    // 澎湃新闻, 央视新闻
    "客户端",  // 人民日报客户端
    "杂志", "周刊",
    "網", "報", "新聞", "雜誌", "週刊",  // traditional script
};

constexpr std::string_view kBylineTailWordsData[] = {
    "综合报道",  // 中国新闻网: 记者 张三 综合报道
    "报道",      // 记者 张三 报道
    "摄影",      // 记者 张三 摄影
    "摄",        // 新华社 photos: 记者 张三 摄
    "供图",      // 张三 供图
    "整理",      // 张三 整理
    "编译",      // 张三 编译
    "发自",      // 记者 张三 发自北京
};

// Pieces that never occur in a person's name but do in prose that follows
// 记者 ("记者在现场看到", "记者从市商务局获悉"): such a "name" is a sentence.
constexpr std::string_view kNonNameWordsData[] = {
    "的", "了", "在", "从", "從", "对", "對", "说", "說", "看到", "获悉", "獲悉",
    "表示", "认为", "認為", "我们", "我們", "他们", "他們", "这", "這",
};

constexpr std::string_view kEnglishRoleWordsData[] = {
    "Staff Writer", "Staff Reporter", "Senior Writer", "Correspondent",
    "Contributor", "Columnist", "Editor", "Reporter", "Special to",
    "Staff", "Writer", "Updated", "Published",
    // Degrees after health writers' names (Healthline: "Written by Jane Doe, MS, RD").
    "PhD", "MD", "MS", "MSc", "BSc", "BA", "MA", "RD", "RN", "APD", "MPH", "CPT",
};

// ---- dates ------------------------------------------------------------------

constexpr std::string_view kDateLabelsData[] = {
    "发布时间", "发布日期", "发表时间", "发表日期", "更新时间", "更新日期",
    "时间", "日期", "发布于", "发表于", "更新于",  // 新浪/网易/政府网站 info lines
    "Published", "Updated", "Posted", "Last updated", "Date",  // English sites
    "posted @", "posted on", "Posted on",  // blog post footers (博客园: posted @ 2025-03-14 08:56)
};

constexpr std::string_view kTimeLabelsData[] = {
    "Last updated", "Updated", "Published", "Posted",  // CNN/NBC: Updated 3:05 PM ET
    "updated", "published", "posted",
    "更新于", "发布于", "发表于", "更新", "发布",      // 新浪/网易 mobile pages
};

constexpr UnitPhrase kZhAgoUnitsData[] = {
    {"秒前", 1},          // 微博, 今日头条 feeds
    {"秒钟前", 1},
    {"分钟前", 60},       // 腾讯/网易/新浪 lists: 3分钟前
    {"分前", 60},         // 百家号
    {"小时前", 3600},     // 3小时前
    {"个小时前", 3600},
    {"天前", 86400},      // 2天前
    {"日前", 86400},      // formal: 3日前
    {"周前", 7 * 86400},  // 1周前
    // Traditional script (Big5 portals, 香港/台湾 news sites).
    {"秒鐘前", 1}, {"分鐘前", 60}, {"小時前", 3600}, {"個小時前", 3600}, {"週前", 7 * 86400},
};

constexpr UnitPhrase kZhFixedAgoData[] = {
    {"刚刚", 0},         // list cells on 新浪/腾讯/网易: "刚刚"; 0 = only in a short text
    {"剛剛", 0},         // traditional script
    {"半小时前", 1800},  // 今日头条, 百家号
    {"半小時前", 1800},
};

constexpr UnitPhrase kEnAgoUnitsData[] = {
    {"second", 1}, {"sec", 1}, {"minute", 60}, {"min", 60},
    {"hour", 3600}, {"hr", 3600}, {"day", 86400}, {"week", 7 * 86400},
};

constexpr DayWord kZhDayWordsData[] = {
    {"今天", 0},   // 今天 09:15 on 新浪/腾讯 lists
    {"今日", 0},   // 今日 09:15
    {"昨天", -1},  // 昨天 08:30
    {"昨日", -1},
    {"前天", -2},  // 前天 10:00
};
// (昨天, 今天, 前天 are written the same in traditional script.)

constexpr DayWord kEnDayWordsData[] = {
    {"today", 0},
    {"yesterday", -1},  // "Yesterday at 8:30 AM" on blogs and forums
};

constexpr HalfDayWord kZhHalfDayWordsData[] = {
    {"上午", HalfDay::kAm}, {"早上", HalfDay::kAm}, {"早晨", HalfDay::kAm},
    {"清晨", HalfDay::kAm}, {"凌晨", HalfDay::kAm},
    {"中午", HalfDay::kNoon},
    {"下午", HalfDay::kPm}, {"傍晚", HalfDay::kPm}, {"晚上", HalfDay::kPm},
    {"晚间", HalfDay::kPm}, {"夜间", HalfDay::kPm},
};

constexpr std::string_view kZhWeekdayPrefixesData[] = {
    "星期",  // 2025年3月14日 星期五 (人民日报 paper edition pages)
    "礼拜",
    "周",    // 3月14日 周五 08:56 (澎湃)
    "週",    // traditional script: 3月14日 週五
};

constexpr MonthName kMonthNamesData[] = {
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4},
    {"may", 5}, {"june", 6}, {"july", 7}, {"august", 8},
    {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
    {"sept", 9},  // AP style: Sept. 14
    {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6},
    {"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
};

// Only names with one meaning: CST (China or US Central) and IST (India,
// Ireland, Israel) are left out on purpose.
constexpr ZoneName kZoneNamesData[] = {
    {"UTC", 0, false}, {"GMT", 0, false}, {"UT", 0, false},
    {"BST", 60, false}, {"CET", 60, false}, {"CEST", 120, false},
    {"WET", 0, false}, {"WEST", 60, false}, {"EET", 120, false},
    {"EEST", 180, false}, {"MSK", 180, false},
    {"EST", -300, false}, {"EDT", -240, false},
    {"CDT", -300, false},
    {"MST", -420, false}, {"MDT", -360, false},
    {"PST", -480, false}, {"PDT", -420, false},
    {"ET", -300, true}, {"CT", -360, true}, {"MT", -420, true}, {"PT", -480, true},
    {"JST", 540, false}, {"KST", 540, false}, {"HKT", 480, false},
    {"SGT", 480, false}, {"AEST", 600, false}, {"AEDT", 660, false},
    {"北京时间", 480, false},  // 2025年3月14日 08:56（北京时间）
    {"北京時間", 480, false}, {"台北時間", 480, false}, {"香港時間", 480, false},
};

// ---- titles -----------------------------------------------------------------

constexpr std::string_view kSiteNameMarksZhData[] = {
    "网",      // 新浪网, 中国新闻网, 中企商务网
    "新闻",    // 澎湃新闻, 腾讯新闻, channel names: 国内新闻
    "报",      // 人民日报, 经济日报, 南方周末报
    "频道",    // 财经频道
    "在线",    // 中国日报在线
    "客户端",  // 央视新闻客户端
    "官网", "门户", "资讯", "之声", "电视台", "广播", "卫视",
    "时报", "晚报", "早报", "周刊", "杂志",
    "腾讯", "新浪", "网易", "搜狐", "凤凰", "澎湃", "头条",
    "人民政府",  // 兰州市人民政府--标题 (city and county portals)
    "大学", "学院",  // 标题-兰州理工大学, 标题-理学院 (school news CMSs)
    // Traditional script (港澳新聞網, 自由時報, 聯合新聞網).
    "網", "新聞", "報", "頻道", "電視台", "時報", "週刊", "雜誌", "門戶", "資訊",
};

constexpr std::string_view kSiteNameMarksEnData[] = {
    ".com", ".cn", ".net", ".org", ".co.uk",
    "News", "Times", "Post", "Journal", "Daily", "Herald", "Tribune",
    "Guardian", "Gazette", "Online", "Magazine", "Media", "Press", "Radio",
    "TV", "Network", "Channel", "Weekly", "Telegraph", "Independent",
    "Chronicle", "Observer", "Review", "Report", "Wire", "Today", "Insider",
};

}  // namespace

constinit const PhraseList kSourceLabels{kSourceLabelsData};
constinit const PhraseList kAuthorLabels{kAuthorLabelsData};
constinit const PhraseList kEditorLabels{kEditorLabelsData};
constinit const PhraseList kStopLabels{kStopLabelsData};
constinit const PhraseList kNavWords{kNavWordsData};
constinit const PhraseList kKnownOutlets{kKnownOutletsData};
constinit const PhraseList kBylineTailWords{kBylineTailWordsData};
constinit const PhraseList kOutletEndings{kOutletEndingsData};
constinit const PhraseList kEnglishRoleWords{kEnglishRoleWordsData};
constinit const PhraseList kNonNameWords{kNonNameWordsData};
constinit const PhraseList kDateLabels{kDateLabelsData};
constinit const PhraseList kTimeLabels{kTimeLabelsData};
constinit const std::span<const UnitPhrase> kZhAgoUnits{kZhAgoUnitsData};
constinit const std::span<const UnitPhrase> kEnAgoUnits{kEnAgoUnitsData};
constinit const std::span<const UnitPhrase> kZhFixedAgo{kZhFixedAgoData};
constinit const std::span<const DayWord> kZhDayWords{kZhDayWordsData};
constinit const std::span<const DayWord> kEnDayWords{kEnDayWordsData};
constinit const std::span<const HalfDayWord> kZhHalfDayWords{kZhHalfDayWordsData};
constinit const PhraseList kZhWeekdayPrefixes{kZhWeekdayPrefixesData};
constinit const std::span<const MonthName> kMonthNames{kMonthNamesData};
constinit const std::span<const ZoneName> kZoneNames{kZoneNamesData};
constinit const PhraseList kSiteNameMarksZh{kSiteNameMarksZhData};
constinit const PhraseList kSiteNameMarksEn{kSiteNameMarksEnData};

}  // namespace gleaner::extract::internal
