//! 从台账生成表三 at the scale of a large city: a 50,000-row XLSX register (date cells,
//! applicant types and outcomes written several ways, a few bad rows) read, its mapping
//! guessed and table 三 tallied. Goal: well under a second (≤ 1 s).

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::import::sheet;
use nianbao::{tally, template};
use rust_xlsxwriter::{Format, Workbook};

const N_ROWS: u32 = 50_000;

fn register() -> Vec<u8> {
    let applicants = [
        "自然人",
        "个人",
        "企业",
        "科研机构",
        "社会公益组织",
        "律师事务所",
        "其他",
    ];
    let outcomes = [
        "予以公开",
        "（二）部分公开",
        "不予公开-国家秘密",
        "不予公开-保护第三方合法权益",
        "无法提供-本机关不掌握",
        "无法提供-没有现成信息需要另行制作",
        "信访举报投诉类",
        "重复申请",
        "逾期不补正",
        "其他",
    ];
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let header = [
        "序号",
        "收到申请日期",
        "申请人",
        "申请人类型",
        "申请内容",
        "答复日期",
        "答复结果",
    ];
    for (c, h) in (0_u16..).zip(header) {
        sheet.write_string(0, c, h).expect("write");
    }
    for r in 1..=N_ROWS {
        // Received over two years; most closed within 20 days, some open, a few bad rows.
        let day = r % 700;
        // Excel's day number of 2023-01-01, written with a date format: a date cell.
        let received = 44_927.0 + f64::from(day);
        sheet.write_number(r, 0, f64::from(r)).expect("write");
        sheet
            .write_number_with_format(r, 1, received, &date)
            .expect("write");
        sheet
            .write_string(r, 2, format!("申请人{r}"))
            .expect("write");
        let who = applicants[(r % 7) as usize];
        sheet
            .write_string(r, 3, if r % 997 == 0 { "未知" } else { who })
            .expect("write");
        sheet.write_string(r, 4, "某某信息").expect("write");
        if r % 11 != 0 {
            let closed = received + f64::from(r % 20);
            sheet
                .write_number_with_format(r, 5, closed, &date)
                .expect("write");
            sheet
                .write_string(r, 6, outcomes[(r % 10) as usize])
                .expect("write");
        }
    }
    workbook.save_to_buffer().expect("xlsx")
}

fn bench_tally(c: &mut Criterion) {
    let bytes = register();
    let t = template::for_year(2024).expect("2021 format");
    let mut group = c.benchmark_group("tally");
    group.sample_size(10);
    group.bench_function("read and tally a 50000-row XLSX register", |b| {
        b.iter(|| {
            let rows = sheet::rows(std::hint::black_box(&bytes)).expect("rows");
            let mapping = tally::guess(&t, &rows).expect("mapping");
            tally::tally(&t, &rows, &mapping, 2024).expect("tally")
        });
    });
    group.finish();
}

criterion_group!(benches, bench_tally);
criterion_main!(benches);
