//! A web page's frame and a document's index block around the report: breadcrumbs,
//! publication info, font-size and version buttons, share links, the site's footer. Never
//! part of the report's text; a date it prints may be the report's publication date.

use crate::date::Date;
use crate::text::compact;

/// Marks that belong to a page's frame wherever they stand.
const FRAME: [&str; 21] = [
    "当前位置",
    "您现在的位置",
    "您的位置",
    "【打印】",
    "打印本页",
    "关闭窗口",
    "【关闭",
    "网站标识码",
    "ICP备",
    "公网安备",
    "版权所有",
    "Copyright",
    "©",
    "分享到",
    "扫一扫",
    "返回顶部",
    "网站地图",
    "友情链接",
    "索引号",
    "主题分类",
    "发文字号",
];

/// Marks that belong to a page's frame on a short line that is not a sentence: the same
/// words stand in the report's own sentences (「通过政务微博发布」).
const FRAME_WORDS: [&str; 43] = [
    "字号",
    "字体",
    "无障碍",
    "长者版",
    "关怀版",
    "发布时间",
    "发布日期",
    "成文日期",
    "发文机关",
    "发布机构",
    "浏览次数",
    "阅读次数",
    "访问量",
    "来源",
    "主办",
    "承办",
    "微信",
    "微博",
    "QQ空间",
    "全真版",
    "文字版",
    "文件下载",
    "附件下载",
    "附件：",
    "相关链接",
    "相关文章",
    "相关阅读",
    "联系我们",
    "浏览器",
    "分辨率",
    "上一篇",
    "下一篇",
    "登录",
    "【打印",
    "【收藏",
    "已失效",
    "是否有效",
    "有效期限",
    "有限期限",
    "查看解读",
    "点击查看",
    "即将离开",
    "您访问的链接",
];

/// A line of a web page's frame or of a document's index block, not of the report.
pub(super) fn is_page_chrome(line: &str) -> bool {
    let l = compact(line);
    let n = l.chars().count();
    let is_sentence = l.contains(['。', '；']) || n > 60;
    FRAME.iter().any(|m| l.contains(m))
        || (!is_sentence && FRAME_WORDS.iter().any(|m| l.contains(m)))
        || (n <= 24 && (l.ends_with("年报") || l.contains("联系电话")) && !l.contains('。'))
        // 「时间：2023-01-11 11:18」「日期:2024-01-30」: a date the page prints for itself.
        || (n <= 40 && ["时间", "日期"].iter().any(|k| l.starts_with(k)) && printed_date(&l).is_some())
        || is_page_mark(&l)
        // 「Page 9 - 2020年报_审计局」: a flip-book viewer's page title.
        || (l.starts_with("Page") && l.chars().skip(4).take_while(char::is_ascii_digit).count() > 0
            && l.contains('-') && n <= 40)
        // 「2026-01-19 16:31 来源：…」: the page's info line, its date first.
        || (n <= 60 && !is_sentence && date_at_start(&l).is_some() && l.contains("来源"))
}

/// 「P. 9」「Page 9」: a page's number a flip-book viewer prints.
fn is_page_mark(l: &str) -> bool {
    let rest = l
        .strip_prefix("P.")
        .or_else(|| l.strip_prefix("Page"))
        .or_else(|| l.strip_prefix("第"));
    rest.is_some_and(|r| {
        let r = r.trim_end_matches('页');
        !r.is_empty() && r.len() <= 4 && r.chars().all(|c| c.is_ascii_digit())
    })
}

/// What a date printed in a page's frame or a document's index block says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum DateKind {
    /// 发布日期, 发布时间, 日期: when the page was published.
    Published,
    /// 成文日期: the document's own date.
    Written,
}

/// The date a line of the page's frame prints after 「发布日期」「发布时间」「成文日期」 or
/// 「日期」「时间」 (「发布时间：2025-01-23 09:30」, 「成文日期：2025年01月20日」).
pub(super) fn printed_date(line: &str) -> Option<(DateKind, Date)> {
    let l = compact(line);
    const KEYS: [(&str, DateKind); 6] = [
        ("发布日期", DateKind::Published),
        ("发布时间", DateKind::Published),
        ("成文日期", DateKind::Written),
        ("生成日期", DateKind::Written),
        ("日期", DateKind::Published),
        ("时间", DateKind::Published),
    ];
    KEYS.iter()
        .find_map(|&(key, kind)| {
            let at = l.find(key)?;
            let rest = l[at + key.len()..].trim_start_matches([':', '：', ']', '】']);
            Some((kind, date_at_start(rest)?))
        })
        // 「2026-01-19 16:31 来源：…」: the page's info line starts with its date.
        .or_else(|| Some((DateKind::Published, date_at_start(&l)?)).filter(|_| l.contains("来源")))
}

/// The date a text starts with: 「2025-01-23」, 「2025/1/23」, 「2025年1月23日」, a time
/// after it ignored.
fn date_at_start(text: &str) -> Option<Date> {
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日')))
        .map_or(text.len(), |(i, _)| i);
    let date = &text[..end];
    // 「2025-01-2309:30」 once spaces are gone: the day has two digits at most.
    let date = match date.rfind(['-', '/', '.', '月']) {
        Some(sep) => {
            let day_start = sep + date[sep..].chars().next().map_or(1, char::len_utf8);
            let day: String = date[day_start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .take(2)
                .collect();
            format!("{}{day}", &date[..day_start])
        }
        None => return None,
    };
    Date::parse(&date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_lines_and_sentences() {
        for line in [
            "来源：清河区人民政府办公室　发布时间：2025-01-23 09:30　字号：[大 中 小]",
            "分享到：微信 微博 QQ空间",
            "全真版 | 文字版",
            "文件下载：清河区2024年政府信息公开工作年度报告.pdf",
            "友情链接：中国政府网 | 云岭省人民政府",
            "网站地图 | 联系我们",
            "主办：青川市清河区人民政府办公室　ICP备案：滇ICP备12345678号",
            "建议使用IE9以上浏览器、1366×768分辨率浏览本站",
            "相关链接",
            "时间:2023-01-11 11:18",
            "日期：2024-01-30",
            "P. 9",
            "Page 9 - 2020年报_审计局",
            "2026-01-19 16:31 来源: 汕尾市商务局 【字体: 打印",
            "文件已失效",
            "您访问的链接即将离开“海淀区人民政府”门户网站",
        ] {
            assert!(is_page_chrome(line), "{line}");
        }
        for line in [
            "通过政务微信、微博发布政策解读57篇。",
            "（四）政府信息公开平台建设",
            "本年度未收取信息处理费。无其他需要报告的事项。",
        ] {
            assert!(!is_page_chrome(line), "{line}");
        }
    }

    #[test]
    fn dates_printed_in_the_frame() {
        let date = |y, m, d| Date::new(y, m, d).expect("date");
        assert_eq!(
            printed_date("来源：办公室　发布时间：2025-01-23 09:30　字号：[大 中 小]"),
            Some((DateKind::Published, date(2025, 1, 23)))
        );
        assert_eq!(
            printed_date("成文日期：2025年01月20日"),
            Some((DateKind::Written, date(2025, 1, 20)))
        );
        assert_eq!(
            printed_date("发布日期:2021-01-27 14:55:15"),
            Some((DateKind::Published, date(2021, 1, 27)))
        );
        assert_eq!(printed_date("发布时间："), None);
        assert_eq!(
            printed_date("公文生成日期:2023-01-06"),
            Some((DateKind::Written, date(2023, 1, 6)))
        );
    }
}
