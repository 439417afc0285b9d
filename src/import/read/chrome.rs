//! A web page's frame and a document's index block around the report: breadcrumbs,
//! publication info, font-size buttons, the site's footer.

use crate::text::compact;

/// A line of a web page's frame or of a document's index block, not of the report:
/// breadcrumbs, publication info, font-size buttons, the site's footer.
pub(super) fn is_page_chrome(line: &str) -> bool {
    const MARKS: [&str; 24] = [
        "当前位置",
        "您现在的位置",
        "您的位置",
        "字号",
        "【打印】",
        "打印本页",
        "关闭窗口",
        "【关闭",
        "无障碍",
        "长者版",
        "发布时间",
        "浏览次数",
        "分享到",
        "主办：",
        "承办：",
        "网站标识码",
        "ICP备",
        "公网安备",
        "索引号",
        "主题分类",
        "发文字号",
        "成文日期",
        "发文机关",
        "访问量",
    ];
    let l = compact(line);
    MARKS.iter().any(|m| l.contains(&compact(m)))
        || (l.chars().count() <= 24
            && (l.ends_with("年报") || l.contains("联系电话"))
            && !l.contains('。'))
}
