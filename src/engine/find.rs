//! Searches for the single characters the prose rules start from (年, 号, 件, 起).
//!
//! std's character search looks for the character's last byte, which in Chinese text is a
//! continuation byte shared with many other characters; memchr's `memmem` picks rarer
//! bytes. Each searcher is built once.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// 年: years (R12).
pub(super) static NIAN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("年"));
/// 号: 文号 (R14).
pub(super) static HAO: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("号"));
/// 件: counts (R11).
pub(super) static JIAN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("件"));
/// 起: counts of cases (R11).
pub(super) static QI: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("起"));
