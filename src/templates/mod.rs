//! The templates compiled into the binary (`templates/<name>/`): their descriptions and
//! parameters, resolving parameter values, and rendering into a project folder (never
//! outside it). Must not print or prompt: `cli::init` asks the questions.

mod params;
mod render;

use std::path::PathBuf;

use include_dir::{include_dir, Dir};
use indexmap::IndexMap;
use serde::Deserialize;

pub use params::{random_suffix, ParamType, Parameter};
pub use render::{render_files, substitute};

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The file in each template that describes it; never copied into a project.
const DESCRIPTOR: &str = "template.yaml";

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("unknown template `{name}`")]
    Unknown {
        name: String,
        suggestion: Option<String>,
    },
    #[error("template `{name}` has an invalid `template.yaml`: {message}")]
    Descriptor { name: String, message: String },
    #[error("parameter `{name}` is required")]
    Missing { name: String },
    #[error("parameter `{name}`: {reason}")]
    Invalid { name: String, reason: String },
    #[error("template file `{path}` would be written outside the project folder")]
    UnsafePath { path: String },
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One built-in template.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub description: String,
    /// Heading it is listed under, e.g. `quick start`.
    pub group: String,
    /// Parameters in the order the template declares them (the order they are asked).
    pub parameters: IndexMap<String, Parameter>,
    /// Commands to run in the new project, shown after `s init`.
    pub next_steps: Vec<String>,
    dir: &'static Dir<'static>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Descriptor {
    description: String,
    #[serde(default = "default_group")]
    group: String,
    #[serde(default)]
    parameters: IndexMap<String, Parameter>,
    #[serde(default = "default_next_steps")]
    next: Vec<String>,
}

fn default_group() -> String {
    "other".into()
}

fn default_next_steps() -> Vec<String> {
    vec!["s deploy".into(), r#"s invoke -e '{"name":"you"}'"#.into()]
}

/// Groups in the order they are listed, from first steps to whole applications; any other
/// group comes after these, alphabetically.
const GROUP_ORDER: &[&str] = &["quick start", "event-driven", "media", "data"];

/// The template a newcomer should see first.
const FIRST: &str = "python-hello";

/// The regions of Function Compute 3.0 (its endpoint list), offered for every template's
/// `region` parameter that does not list its own.
pub const FC_REGIONS: &[&str] = &[
    "cn-hangzhou",
    "cn-shanghai",
    "cn-qingdao",
    "cn-beijing",
    "cn-zhangjiakou",
    "cn-huhehaote",
    "cn-wulanchabu",
    "cn-shenzhen",
    "cn-chengdu",
    "cn-hongkong",
    "ap-southeast-1",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "eu-central-1",
    "eu-west-1",
    "us-west-1",
    "us-east-1",
];

fn group_rank(group: &str) -> usize {
    GROUP_ORDER
        .iter()
        .position(|g| *g == group)
        .unwrap_or(GROUP_ORDER.len())
}

/// Every built-in template, sorted by group (`GROUP_ORDER`) then name, `python-hello` first.
pub fn all() -> Result<Vec<Template>, TemplateError> {
    let mut templates = TEMPLATES.dirs().map(load).collect::<Result<Vec<_>, _>>()?;
    templates.sort_by(|a, b| {
        let key = |t: &Template| (group_rank(&t.group), t.name != FIRST);
        (key(a), &a.group, &a.name).cmp(&(key(b), &b.group, &b.name))
    });
    Ok(templates)
}

/// The template called `name`, or an error carrying the closest known name.
pub fn find(name: &str) -> Result<Template, TemplateError> {
    let templates = all()?;
    if let Some(found) = templates.iter().find(|t| t.name == name) {
        return Ok(found.clone());
    }
    let suggestion = templates
        .iter()
        .map(|t| (strsim::jaro_winkler(name, &t.name), &t.name))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n.clone());
    Err(TemplateError::Unknown {
        name: name.to_string(),
        suggestion,
    })
}

fn load(dir: &'static Dir<'static>) -> Result<Template, TemplateError> {
    let name = dir.path().to_string_lossy().into_owned();
    let invalid = |message: String| TemplateError::Descriptor {
        name: name.clone(),
        message,
    };
    let text = dir
        .get_file(dir.path().join(DESCRIPTOR))
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| invalid(format!("`{DESCRIPTOR}` is missing")))?;
    let mut descriptor: Descriptor =
        serde_yaml::from_str(text).map_err(|e| invalid(e.to_string()))?;
    if let Some(region) = descriptor.parameters.get_mut("region") {
        region
            .choices
            .get_or_insert_with(|| FC_REGIONS.iter().map(|r| r.to_string()).collect());
    }
    Ok(Template {
        name: name.clone(),
        description: descriptor.description,
        group: descriptor.group,
        parameters: descriptor.parameters,
        next_steps: descriptor.next,
        dir,
    })
}

impl Template {
    /// The project files: (path relative to the project, contents), descriptor left out.
    pub fn files(&self) -> Vec<(String, &'static [u8])> {
        let mut files = Vec::new();
        collect(self.dir, self.dir.path(), &mut files);
        files.retain(|(path, _)| path != DESCRIPTOR);
        files.sort();
        files
    }

    /// Render the project into `dest` with `values` (parameters plus `projectName`).
    pub fn render(
        &self,
        values: &IndexMap<String, String>,
        dest: &std::path::Path,
    ) -> Result<Vec<PathBuf>, TemplateError> {
        let files = self.files();
        let borrowed: Vec<(String, &[u8])> = files.iter().map(|(p, c)| (p.clone(), *c)).collect();
        render_files(&borrowed, values, dest)
    }
}

fn collect(
    dir: &'static Dir<'static>,
    root: &std::path::Path,
    out: &mut Vec<(String, &'static [u8])>,
) {
    for file in dir.files() {
        let rel = file.path().strip_prefix(root).unwrap_or(file.path());
        let rel: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
        out.push((rel.join("/"), file.contents()));
    }
    for sub in dir.dirs() {
        collect(sub, root, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_loads_and_has_a_manifest() {
        let templates = all().unwrap();
        assert!(templates.len() >= 2);
        for t in &templates {
            let files = t.files();
            assert!(
                files.iter().any(|(p, _)| p == "s.yaml"),
                "{} has no s.yaml",
                t.name
            );
            assert!(!files.iter().any(|(p, _)| p == DESCRIPTOR));
        }
    }

    #[test]
    fn every_region_prompt_offers_every_fc_region_and_python_hello_comes_first() {
        let templates = all().unwrap();
        assert_eq!(templates[0].name, FIRST);
        for t in &templates {
            if let Some(region) = t.parameters.get("region") {
                assert_eq!(region.choices.as_deref().unwrap(), FC_REGIONS, "{}", t.name);
            }
        }
    }

    #[test]
    fn parameters_keep_their_declared_order() {
        let t = find("python-hello").unwrap();
        let names: Vec<_> = t.parameters.keys().cloned().collect();
        assert_eq!(names, ["functionName", "region"]);
    }

    #[test]
    fn groups_are_listed_from_quick_start_to_data() {
        let groups: Vec<String> = all().unwrap().into_iter().map(|t| t.group).collect();
        let mut ranks: Vec<usize> = groups.iter().map(|g| group_rank(g)).collect();
        assert_eq!(groups[0], "quick start");
        let sorted = {
            let mut r = ranks.clone();
            r.sort();
            r
        };
        assert_eq!(ranks, sorted);
        ranks.dedup();
        assert_eq!(ranks, [0, 1, 2, 3], "{groups:?}");
    }

    #[test]
    fn unknown_name_suggests_the_closest_template() {
        match find("python-helo") {
            Err(TemplateError::Unknown { suggestion, .. }) => {
                assert_eq!(suggestion.as_deref(), Some("python-hello"))
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
