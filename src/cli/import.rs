//! `import`: a published report read into a draft, with the import report.

use std::io::Write;
use std::process::ExitCode;

use anyhow::anyhow;

use super::args::ImportArgs;
use super::{refuse_overwrite, save};
use crate::storage;
use crate::template::{self};

pub(super) fn import(args: &ImportArgs, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    refuse_overwrite(&args.output, args.force)?;
    let imported = storage::import_report(&args.report)?;
    let template = template::builtin_by_id(&imported.draft.template).ok_or_else(|| {
        anyhow!(
            "导入结果使用的模板「{}」不是内置模板",
            imported.draft.template
        )
    })?;
    save(&args.output, &imported.draft, &template)?;
    write!(out, "{}", imported.report)?;
    Ok(ExitCode::SUCCESS)
}
