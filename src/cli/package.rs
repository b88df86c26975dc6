//! `s package`: build each fc3 resource's code zip the way deploy would, report files, size
//! and checksum on stderr, and print the checksum (or a JSON object) on stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use super::args::{OutputFormat, PackageArgs};
use super::output::{self, status};
use super::{Context, Hinted};
use crate::manifest::{Manifest, Resource};
use crate::package::{self, human_size, Package, PackageError, Progress};

pub fn run(ctx: &Context, args: PackageArgs) -> anyhow::Result<()> {
    let manifest = ctx.load_manifest()?;
    let wanted = args.resource.as_deref().or(ctx.resource.as_deref());
    let resources = select(&manifest, wanted)?;
    if args.out.is_some() && resources.len() > 1 {
        return Err(Hinted::new(
            "`--out` needs a single resource",
            "name one, e.g. `s package <resource> --out code.zip`",
        )
        .into());
    }
    let mut built = Vec::new();
    for (resource, code) in resources {
        let out = args.out.clone().unwrap_or_else(|| {
            manifest
                .dir()
                .join(".s")
                .join(format!("{}.zip", resource.name))
        });
        let package = match build_one(&code, &out) {
            Ok(package) => package,
            // The size report names the code folder and says what to do on its own.
            Err(err @ PackageError::TooLarge(_)) => return Err(err.into()),
            Err(err) => {
                let context = format!("cannot package `{}`", resource.name);
                return Err(anyhow::Error::new(err).context(context));
            }
        };
        status(
            "Packaged",
            format!(
                "`{}`: {} {}, {}, checksum {} → {}",
                resource.name,
                package.files,
                if package.files == 1 { "file" } else { "files" },
                human_size(package.size),
                package.checksum,
                display_path(&package.path)
            ),
        );
        built.push((resource.name.clone(), package));
    }
    print_result(ctx.output(), &built)
}

/// The fc3 resources to package with their local code paths; others are skipped with a note.
fn select<'m>(
    manifest: &'m Manifest,
    wanted: Option<&str>,
) -> anyhow::Result<Vec<(&'m Resource, PathBuf)>> {
    if let Some(name) = wanted {
        if manifest.resource(name).is_none() {
            return Err(unknown_resource(manifest, name).into());
        }
    }
    let mut selected = Vec::new();
    for resource in &manifest.resources {
        if wanted.is_some_and(|w| w != resource.name) || !resource.component.starts_with("fc3") {
            continue;
        }
        match resource.props.get("code") {
            Some(serde_json::Value::String(code)) if !is_url(code) => {
                // `components()` drops the `.` of `./code`, for tidier messages.
                let path = manifest.dir().join(code).components().collect();
                selected.push((resource, path));
            }
            Some(_) => status(
                "Skipping",
                format!("`{}`: its code is not a local path", resource.name),
            ),
            None => status("Skipping", format!("`{}`: no `code`", resource.name)),
        }
    }
    if selected.is_empty() {
        return Err(Hinted::new(
            format!("nothing to package in `{}`", display_path(&manifest.path)),
            "set `props.code` of an fc3 resource to a local folder, e.g. `code: ./code`",
        )
        .into());
    }
    Ok(selected)
}

fn unknown_resource(manifest: &Manifest, name: &str) -> Hinted {
    let names: Vec<&str> = manifest.resources.iter().map(|r| r.name.as_str()).collect();
    let closest = names
        .iter()
        .max_by(|a, b| strsim::jaro_winkler(name, a).total_cmp(&strsim::jaro_winkler(name, b)))
        .filter(|c| strsim::jaro_winkler(name, c) > 0.7);
    let hint = match closest {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!("resources in this project: {}", names.join(", ")),
    };
    Hinted::new(
        format!(
            "resource `{name}` not found in `{}`",
            display_path(&manifest.path)
        ),
        hint,
    )
}

fn is_url(code: &str) -> bool {
    code.starts_with("http://") || code.starts_with("https://")
}

fn build_one(code: &Path, out: &Path) -> Result<Package, PackageError> {
    let bar = output::interactive().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner:.green} packaging [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar
    });
    let report = |p: Progress| {
        if let Some(bar) = &bar {
            bar.set_length(p.total);
            bar.set_position(p.done);
        }
    };
    let result = if package::is_archive(code) {
        // A ready archive is used as is by deploy; `s package` copies it where asked.
        package::prepare_code(code, Path::new("."), &report).and_then(|p| copy_to(p, out))
    } else {
        package::build_zip(code, out, &report)
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}

fn copy_to(package: Package, out: &Path) -> Result<Package, PackageError> {
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|source| PackageError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    std::fs::copy(&package.path, out).map_err(|source| PackageError::Write {
        path: out.to_path_buf(),
        source,
    })?;
    Ok(Package {
        path: out.to_path_buf(),
        ..package
    })
}

fn print_result(format: OutputFormat, built: &[(String, Package)]) -> anyhow::Result<()> {
    let describe = |name: &str, p: &Package| {
        json!({
            "resource": name,
            "path": p.path.display().to_string(),
            "checksum": p.checksum.to_string(),
            "size": p.size,
            "files": p.files,
        })
    };
    let out = match (format, built) {
        (OutputFormat::Json, [(name, p)]) => serde_json::to_string_pretty(&describe(name, p))?,
        (OutputFormat::Json, _) => {
            let all: Vec<_> = built.iter().map(|(n, p)| describe(n, p)).collect();
            serde_json::to_string_pretty(&all)?
        }
        (_, [(_, p)]) => p.checksum.to_string(),
        _ => built
            .iter()
            .map(|(name, p)| format!("{name}\t{}", p.checksum))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    std::io::stdout().write_all(format!("{out}\n").as_bytes())?;
    Ok(())
}

/// Paths under the working directory are shown relative to it.
fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}
