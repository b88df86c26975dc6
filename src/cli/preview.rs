//! `s preview`: the fully resolved manifest on stdout (YAML by default, `-o json` for JSON),
//! with `${config(...)}` values masked.

use super::args::{OutputFormat, PreviewArgs};
use super::Context;
use crate::manifest;

pub fn run(ctx: &Context, _args: PreviewArgs) -> anyhow::Result<()> {
    let path = ctx.manifest_path()?;
    let options = manifest::LoadOptions {
        mask_config: true,
        ..ctx.load_options()
    };
    let loaded = manifest::load(&path, &options)?;
    for warning in &loaded.warnings {
        super::output::warn(warning);
    }
    let document = loaded.manifest.to_document();
    let text = match ctx.output() {
        OutputFormat::Json => serde_json::to_string_pretty(&document)? + "\n",
        OutputFormat::Default | OutputFormat::Yaml | OutputFormat::Raw => {
            serde_yaml::to_string(&document)?
        }
    };
    use std::io::Write;
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(())
}
