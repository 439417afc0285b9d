//! 基本信息: who reports, for which year — the metadata of a draft, its fields and their
//! ids (`meta.agency` …), and 机关层级. A leaf: the template, the draft, the engine and
//! the edges all name these fields, and they are written out here only.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The report years a draft may name.
pub const YEARS: std::ops::RangeInclusive<u16> = 2019..=2100;

/// 机关层级: the kind of agency, which decides R8 (规章) and R16 (deadline).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// 国务院部门.
    StateCouncilDept,
    /// 省级人民政府.
    ProvincialGov,
    /// 设区的市级人民政府.
    MunicipalGov,
    /// 县级人民政府.
    CountyGov,
    /// 县级以上人民政府部门.
    GovDept,
    /// 乡镇人民政府、街道办事处.
    TownshipGov,
    /// 其他.
    Other,
}

impl Level {
    /// Every level, in the order users pick from.
    pub const ALL: [Self; 7] = [
        Self::StateCouncilDept,
        Self::ProvincialGov,
        Self::MunicipalGov,
        Self::CountyGov,
        Self::GovDept,
        Self::TownshipGov,
        Self::Other,
    ];

    /// The Chinese name users see.
    pub fn label(self) -> &'static str {
        match self {
            Self::StateCouncilDept => "国务院部门",
            Self::ProvincialGov => "省级人民政府",
            Self::MunicipalGov => "设区的市级人民政府",
            Self::CountyGov => "县级人民政府",
            Self::GovDept => "县级以上人民政府部门",
            Self::TownshipGov => "乡镇人民政府、街道办事处",
            Self::Other => "其他",
        }
    }

    /// The level named by its Chinese label (or, for 乡镇人民政府、街道办事处, either half)
    /// or its identifier.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if ["乡镇人民政府", "街道办事处"].contains(&text) {
            return Some(Self::TownshipGov);
        }
        Self::ALL
            .into_iter()
            .find(|l| l.label() == text || format!("{l:?}").eq_ignore_ascii_case(text))
    }

    /// Every level's label, each in 「」 (one label, 乡镇人民政府、街道办事处, holds a 、).
    pub fn listed() -> String {
        Self::ALL
            .iter()
            .map(|l| format!("「{}」", l.label()))
            .collect()
    }

    /// The message for text that names no level, listing the levels.
    pub fn unknown(text: &str) -> String {
        format!("无法识别机关层级「{text}」，可选：{}", Self::listed())
    }

    /// 机关层级 as the agency's name suggests, with the reason (for the user to check).
    pub fn infer(agency: &str) -> Option<(Self, &'static str)> {
        let a = agency;
        if a.is_empty() {
            return None;
        }
        let ends = |s: &str| a.ends_with(s);
        let township = ["街道办事处", "镇人民政府", "乡人民政府", "街道", "镇", "乡"];
        if township.iter().any(|e| ends(e)) {
            return Some((Self::TownshipGov, "名称为乡镇人民政府或街道办事处"));
        }
        if ends("人民政府") {
            let place = &a[..a.len() - "人民政府".len()];
            if place.ends_with('省')
                || place.ends_with("自治区")
                || ["北京市", "天津市", "上海市", "重庆市"].contains(&place)
            {
                return Some((Self::ProvincialGov, "名称为省、自治区、直辖市人民政府"));
            }
            if place.ends_with('县') || place.ends_with('区') || place.ends_with('旗') {
                return Some((Self::CountyGov, "名称为区、县人民政府"));
            }
            if place.ends_with("自治州") || place.ends_with('盟') {
                return Some((Self::MunicipalGov, "名称为自治州、盟人民政府"));
            }
            if place.ends_with('市') {
                return Some((
                    Self::MunicipalGov,
                    "名称为市人民政府；如为县级市，请改为县级人民政府",
                ));
            }
            return None;
        }
        // A government's office may publish the government's report or its own: the name
        // does not say which.
        if ends("人民政府办公室") || ends("人民政府办公厅") {
            return None;
        }
        if ends("行政公署") {
            return Some((Self::MunicipalGov, "名称为行政公署"));
        }
        let is_central = !["省", "市", "县", "区", "州", "盟", "旗", "镇", "乡"]
            .iter()
            .any(|p| a.contains(p))
            && (a.starts_with("国家")
                || a.starts_with("中国")
                || a.starts_with("国务院")
                || ends("部"));
        if is_central {
            return Some((Self::StateCouncilDept, "名称为国务院部门"));
        }
        if DEPARTMENT_ENDS.iter().any(|e| ends(e)) {
            return Some((Self::GovDept, "名称为政府工作部门（局、委、办、厅）"));
        }
        None
    }
}

/// Endings of a government department's name (局、委、办、厅…).
pub(crate) const DEPARTMENT_ENDS: [&str; 9] = [
    "局",
    "委员会",
    "委",
    "办公室",
    "办",
    "厅",
    "署",
    "中心",
    "管理处",
];

/// 基本信息: who reports, for which year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)] // Fields added later get their defaults when an older file is read.
pub struct Meta {
    /// `meta.agency`: 机关全称.
    pub agency: String,
    /// `meta.year`: 报告年度.
    pub year: u16,
    /// `meta.level`: 机关层级.
    pub level: Option<Level>,
    /// `meta.published_on`: 发布日期 as typed (`YYYY-MM-DD`); empty when not yet published.
    pub published_on: String,
    /// `meta.website`: where the report is published.
    pub website: String,
    /// `meta.contact`: 联系方式.
    pub contact: String,
}

/// One metadata field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// 机关全称.
    Agency,
    /// 报告年度.
    Year,
    /// 机关层级.
    Level,
    /// 发布日期.
    PublishedOn,
    /// 网站.
    Website,
    /// 联系方式.
    Contact,
}

impl Field {
    /// Every field, in the order the editor shows them.
    pub const ALL: [Self; 6] = [
        Self::Agency,
        Self::Year,
        Self::Level,
        Self::PublishedOn,
        Self::Website,
        Self::Contact,
    ];

    /// The stable id: `meta.agency`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Agency => "meta.agency",
            Self::Year => "meta.year",
            Self::Level => "meta.level",
            Self::PublishedOn => "meta.published_on",
            Self::Website => "meta.website",
            Self::Contact => "meta.contact",
        }
    }

    /// The Chinese name users see: 机关全称.
    pub fn label(self) -> &'static str {
        match self {
            Self::Agency => "机关全称",
            Self::Year => "报告年度",
            Self::Level => "机关层级",
            Self::PublishedOn => "发布日期",
            Self::Website => "网站",
            Self::Contact => "联系方式",
        }
    }

    /// The field with this id.
    pub fn by_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.id() == id)
    }

    /// Every id, joined with 、 for a message.
    pub fn ids() -> String {
        Self::ALL.map(Self::id).join("、")
    }
}

/// How a metadata field is named (机关全称), by its id; the id itself when unknown.
pub fn label(id: &str) -> &str {
    match Field::by_id(id) {
        Some(field) => field.label(),
        None => id,
    }
}

impl Meta {
    /// A field as text.
    pub fn get(&self, field: Field) -> String {
        match field {
            Field::Agency => self.agency.clone(),
            Field::Year => self.year.to_string(),
            Field::Level => self.level.map(Level::label).unwrap_or_default().to_owned(),
            Field::PublishedOn => self.published_on.clone(),
            Field::Website => self.website.clone(),
            Field::Contact => self.contact.clone(),
        }
    }

    /// A field as text, by its id (`meta.agency`); empty for an unknown id.
    pub fn field(&self, id: &str) -> String {
        Field::by_id(id).map(|f| self.get(f)).unwrap_or_default()
    }

    /// The text of a free-text field (机关全称, 发布日期, 网站, 联系方式), to edit in place;
    /// `None` for the year and the level, which are picked from lists.
    pub fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Agency => Some(&mut self.agency),
            Field::PublishedOn => Some(&mut self.published_on),
            Field::Website => Some(&mut self.website),
            Field::Contact => Some(&mut self.contact),
            Field::Year | Field::Level => None,
        }
    }

    /// Sets a field from text, checked: a year in [`YEARS`], a level by its name or
    /// identifier, a date as `YYYY-MM-DD`; empty text clears a field (not the year).
    ///
    /// # Errors
    /// A message in Chinese naming what is wrong; the field is left as it was.
    pub fn set(&mut self, field: Field, text: &str) -> Result<(), String> {
        let text = text.trim();
        match field {
            Field::Year => {
                self.year = text
                    .parse()
                    .ok()
                    .filter(|y| YEARS.contains(y))
                    .ok_or_else(|| {
                        format!("报告年度应为{}至{}之间的年份", YEARS.start(), YEARS.end())
                    })?;
            }
            Field::Level => {
                self.level = if text.is_empty() {
                    None
                } else {
                    Some(Level::parse(text).ok_or_else(|| Level::unknown(text))?)
                };
            }
            Field::PublishedOn if !text.is_empty() && Date::parse(text).is_none() => {
                return Err(format!("无法识别日期「{text}」，请按 YYYY-MM-DD 填写"));
            }
            Field::Agency | Field::PublishedOn | Field::Website | Field::Contact => {
                if let Some(value) = self.text_mut(field) {
                    text.clone_into(value);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_names() {
        let level = |a: &str| Level::infer(a).map(|(l, _)| l);
        assert_eq!(
            level("某某市某某区某某街道办事处"),
            Some(Level::TownshipGov)
        );
        assert_eq!(level("某某县某某镇人民政府"), Some(Level::TownshipGov));
        assert_eq!(level("深圳市罗湖区人民政府"), Some(Level::CountyGov));
        assert_eq!(level("深圳市人民政府"), Some(Level::MunicipalGov));
        assert_eq!(level("北京市人民政府"), Some(Level::ProvincialGov));
        assert_eq!(level("广东省人民政府"), Some(Level::ProvincialGov));
        assert_eq!(
            level("深圳市龙岗区政务服务数据管理局"),
            Some(Level::GovDept)
        );
        assert_eq!(level("国家卫生健康委员会"), Some(Level::StateCouncilDept));
        assert_eq!(level("教育部"), Some(Level::StateCouncilDept));
        assert_eq!(
            level("岳阳市人民政府办公室"),
            None,
            "the government's or its own"
        );
        assert_eq!(level("江西省人民政府办公厅"), None);
        assert_eq!(level(""), None);
    }
}
