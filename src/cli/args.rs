//! What the user typed: clap derive types for every command. Nothing here has behaviour;
//! `cli::context` resolves these into settings and each command file acts on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "s",
    version,
    about = "Build, run and deploy Function Compute functions: locally or in the cloud",
    propagate_version = true,
    disable_version_flag = true,
    after_help = "Run `s <resource> <command>` to act on one resource of a multi-resource project."
)]
pub struct Cli {
    /// Print version (`-v` as in Serverless Devs, `-V` as in most tools)
    #[arg(short = 'v', short_alias = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Manifest file (default: `s.yaml`, then `s.yml`)
    #[arg(short = 't', long = "template", global = true, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Credential alias from `s config`
    #[arg(short = 'a', long = "access", global = true, value_name = "ALIAS")]
    pub access: Option<String>,
    /// Output format
    #[arg(short = 'o', long = "output", global = true, value_enum, default_value_t = OutputFormat::Default)]
    pub output: OutputFormat,
    /// Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`
    #[arg(long, global = true, env = "S_TARGET", value_name = "TARGET")]
    pub target: Option<String>,
    /// FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`
    #[arg(long, global = true, value_name = "HOST")]
    pub endpoint: Option<String>,
    /// Show debug output, including HTTP exchanges
    #[arg(long, global = true)]
    pub debug: bool,
    /// Answer yes to every question
    #[arg(short = 'y', long = "assume-yes", global = true)]
    pub assume_yes: bool,
    /// Skip `actions` hooks
    #[arg(long, global = true)]
    pub skip_actions: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Default,
    Json,
    Yaml,
    Raw,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a project from a built-in template
    Init(InitArgs),
    /// Print the fully resolved manifest
    Preview(PreviewArgs),
    /// Build the code zip that deploy uploads
    Package(PackageArgs),
    /// Deploy functions and triggers
    Deploy(DeployArgs),
    /// Invoke a deployed function
    Invoke(InvokeArgs),
    /// Show what is deployed
    Info(InfoArgs),
    /// Remove deployed functions and triggers
    Remove(RemoveArgs),
    /// Query or stream function logs
    Logs(LogsArgs),
    /// Show invocation metrics
    Metrics(MetricsArgs),
    /// Manage credentials
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Install function dependencies into the code folder
    Build(BuildArgs),
    /// Publish and manage layers (shared code mounted at `/opt`)
    #[command(subcommand)]
    Layer(LayerCommand),
    /// Publish and manage versions (frozen copies of a deployed function)
    #[command(subcommand)]
    Version(VersionCommand),
    /// Publish and manage aliases (names for versions, with weighted routing)
    #[command(subcommand)]
    Alias(AliasCommand),
    /// Run functions from the project folder without deploying
    #[command(subcommand)]
    Local(LocalCommand),
    /// Stateful async tasks
    #[command(subcommand)]
    Task(TaskCommand),
    /// Local queues that async destinations deliver to
    #[command(subcommand)]
    Queue(QueueCommand),
    /// Local OSS buckets (folders under `S_HOME/buckets`) that OSS triggers watch
    #[command(subcommand)]
    Bucket(BucketCommand),
    /// Manage the local engine
    #[command(subcommand)]
    Engine(EngineCommand),
    /// Open the engine's web console
    Console,
    /// Print shell completions
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Template name (see `s init --list`); asks when omitted on a terminal
    // Its own id: `template` is taken by the global `-t/--template` manifest flag.
    #[arg(id = "template_name", value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// Project directory (default: the template name)
    #[arg(short = 'd', long = "dir")]
    pub dir: Option<PathBuf>,
    /// Template parameters as a JSON object
    #[arg(long)]
    pub parameters: Option<String>,
    /// List the built-in templates
    #[arg(long)]
    pub list: bool,
    /// Write into a folder that is not empty, replacing the template's files there
    /// (`-y` only takes the defaults; it never overwrites)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {}

#[derive(Debug, Args)]
pub struct PackageArgs {
    /// Resource to package (default: every resource with local code)
    pub resource: Option<String>,
    /// Write the zip here (default: `.s/<resource>.zip` next to the manifest)
    #[arg(long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Deploy only the function: `code` for its code alone, `config` for its settings alone
    #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "all", value_name = "PART")]
    pub function: Option<FunctionPart>,
    /// Deploy only triggers: all of them, or the named ones (`--trigger a,b`)
    #[arg(long, num_args = 0..=1, value_delimiter = ',', default_missing_value = "", value_name = "NAMES")]
    pub trigger: Option<Vec<String>>,
    /// Deploy only the async invocation config
    #[arg(long = "async-invoke-config", alias = "async_invoke_config")]
    pub async_invoke_config: bool,
    /// Do not push the container image (the local engine pushes none; accepted for scripts)
    #[arg(long = "skip-push")]
    pub skip_push: bool,
    /// Serverless Devs 2.x spelling of `--function code|config`
    #[arg(long = "type", hide = true, value_name = "PART")]
    pub legacy_type: Option<String>,
    /// Serverless Devs 2.x flag: the manifest is always the source of truth here
    #[arg(long = "use-local", hide = true)]
    pub use_local: bool,
    /// Serverless Devs 2.x flag with no meaning here
    #[arg(long = "use-remote", hide = true)]
    pub use_remote: bool,
}

/// Which half of a function `s deploy --function` sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FunctionPart {
    /// Code and settings
    All,
    /// The code package only
    Code,
    /// The settings only
    Config,
}

#[derive(Debug, Args)]
pub struct InvokeArgs {
    /// Event payload as a string
    #[arg(short = 'e', long = "event", conflicts_with = "event_file")]
    pub event: Option<String>,
    /// Event payload from a file (`-` for stdin)
    #[arg(short = 'f', long = "event-file")]
    pub event_file: Option<PathBuf>,
    /// `sync` or `async`
    #[arg(long = "invocation-type", default_value = "sync", value_parser = ["sync", "async", "Sync", "Async"])]
    pub invocation_type: String,
    /// Task id for a stateful async invocation
    #[arg(long = "async-task-id")]
    pub async_task_id: Option<String>,
    /// Version or alias
    #[arg(long, default_value = "LATEST")]
    pub qualifier: String,
    /// Client timeout in seconds (default: function timeout + 5)
    #[arg(long)]
    pub timeout: Option<u64>,
    /// Function to invoke without a manifest
    #[arg(long = "function-name")]
    pub function_name: Option<String>,
    /// Region of `--function-name` (the local engine serves every region's functions)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Print only the result, not the log tail and request details
    #[arg(long)]
    pub silent: bool,
    /// Serverless Devs 2.x name of `--async-task-id`
    #[arg(
        long = "stateful-async-invocation-id",
        hide = true,
        conflicts_with = "async_task_id"
    )]
    pub stateful_async_invocation_id: Option<String>,
    /// Serverless Devs 2.x: read the event from stdin (same as `-f -`)
    #[arg(short = 's', long = "event-stdin", hide = true, conflicts_with_all = ["event", "event_file"])]
    pub event_stdin: bool,
}

#[derive(Debug, Args)]
pub struct InfoArgs {}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Remove only the function (with its triggers, which cannot outlive it)
    #[arg(long)]
    pub function: bool,
    /// Remove only triggers: all of them, or the named ones (`--trigger a,b`)
    #[arg(long, num_args = 0..=1, value_delimiter = ',', default_missing_value = "", value_name = "NAMES")]
    pub trigger: Option<Vec<String>>,
    /// Remove only the async invocation config
    #[arg(long = "async-invoke-config", alias = "async_invoke_config")]
    pub async_invoke_config: bool,
    /// Function to remove without a manifest
    #[arg(long = "function-name", value_name = "NAME")]
    pub function_name: Option<String>,
    /// Region of `--function-name` (the local engine serves every region's functions)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Stream new lines as they are written
    #[arg(long)]
    pub tail: bool,
    /// Start of the window (RFC 3339, epoch, or relative like `10m`)
    #[arg(short = 's', long = "start-time")]
    pub start_time: Option<String>,
    /// End of the window
    #[arg(short = 'e', long = "end-time")]
    pub end_time: Option<String>,
    /// Only the lines of this invocation
    #[arg(short = 'r', long = "request-id")]
    pub request_id: Option<String>,
    /// Only the lines of this instance
    #[arg(long = "instance-id")]
    pub instance_id: Option<String>,
    /// `success` or `fail`
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Only lines containing this text
    #[arg(long, alias = "keyword")]
    pub search: Option<String>,
    /// Highlight this text
    #[arg(long = "match")]
    pub highlight: Option<String>,
    /// Only lines of invocations of this version or alias
    #[arg(long, value_name = "QUALIFIER")]
    pub qualifier: Option<String>,
    /// Serverless Devs' SLS query language, which the local log store does not speak
    #[arg(long, hide = true, value_name = "QUERY")]
    pub query: Option<String>,
}

#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// How far back to look, e.g. `1h`
    #[arg(long, default_value = "1h")]
    pub window: String,
    /// Bucket size for charts, e.g. `1m`
    #[arg(long, default_value = "1m")]
    pub interval: String,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Store a credential under `-a ALIAS` (default: `default`)
    Add(ConfigAddArgs),
    /// Show stored credentials (secrets masked), or only `-a ALIAS`
    Get,
    /// Delete the credential `-a ALIAS`
    Delete,
    /// Rename an alias
    Rename {
        /// The alias to rename
        #[arg(long)]
        source: String,
        /// Its new name
        #[arg(long)]
        target: String,
    },
    /// Make an alias the default
    Default {
        /// The alias to use when `-a` and `access:` name none
        alias: String,
    },
    /// Import the aliases of Serverless Devs' `~/.s/access.yaml`
    Import(ConfigImportArgs),
}

/// Where a credential's secret is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SecretStoreArg {
    /// The OS keyring (kernel keyutils on Linux, Keychain, Credential Manager)
    Keyring,
    /// A file readable only by you (0600) under `S_HOME`
    File,
}

#[derive(Debug, Args)]
#[allow(non_snake_case)]
pub struct ConfigAddArgs {
    /// The AccessKey ID (`-` reads it from stdin; asked for on a terminal when missing)
    #[arg(long = "AccessKeyID", value_name = "ID")]
    pub access_key_id: Option<String>,
    /// The AccessKey secret: `-` reads it from stdin (after the ID when that is `-` too);
    /// asked for on a terminal when missing
    #[arg(long = "AccessKeySecret", value_name = "SECRET")]
    pub access_key_secret: Option<String>,
    /// The Alibaba Cloud account ID (`--target fc` needs it); kept when replacing an alias
    #[arg(long = "AccountID")]
    pub account_id: Option<String>,
    /// An STS security token, for temporary credentials
    #[arg(long = "SecurityToken")]
    pub security_token: Option<String>,
    /// Where to keep the secret (default: where the alias keeps it now, else the keyring)
    #[arg(long, value_enum)]
    pub store: Option<SecretStoreArg>,
    /// Replace the alias when it exists already
    #[arg(short = 'f', long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ConfigImportArgs {
    /// The file to import (default: `$serverless_devs_config_home/access.yaml`, else `~/.s/access.yaml`)
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Where to keep the secrets
    #[arg(long, value_enum, default_value_t = SecretStoreArg::Keyring)]
    pub store: SecretStoreArg,
    /// Replace aliases that already exist
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Resource to build (default: every fc3 resource with local code)
    pub resource: Option<String>,
    /// Python interpreter to install with (default: `python3`)
    #[arg(long, value_name = "PATH")]
    pub python: Option<PathBuf>,
    /// Node.js executable to install with (default: `node`, with the `npm` beside it)
    #[arg(long, value_name = "PATH")]
    pub node: Option<PathBuf>,
    /// Install again even when the inputs did not change
    #[arg(long)]
    pub force: bool,
    /// Shell command to run in the code folder instead of the runtime's installer
    #[arg(long, value_name = "COMMAND")]
    pub command: Option<String>,
    /// Accepted for Serverless Devs compatibility: the build runs on the host
    #[arg(long = "use-docker")]
    pub use_docker: bool,
    /// Accepted for Serverless Devs compatibility: the build runs on the host
    #[arg(long = "use-sandbox")]
    pub use_sandbox: bool,
}

#[derive(Debug, Subcommand)]
pub enum LayerCommand {
    /// Publish a folder or zip as a new layer version
    Publish(LayerPublishArgs),
    /// List layers with their newest version
    List {
        /// Only layers whose name starts with this
        #[arg(long)]
        prefix: Option<String>,
    },
    /// List the versions of a layer
    Versions(LayerNameArgs),
    /// Build the local equivalent of an FC official layer now (deploy builds it otherwise)
    #[command(name = "prepare-official")]
    PrepareOfficial {
        /// FC's name of the layer, e.g. `Python3-Flask2x`; every supported one when omitted
        #[arg(value_name = "NAME")]
        name: Option<String>,
    },
    /// Remove one version of a layer, or all of them
    Remove {
        #[command(flatten)]
        layer: LayerNameArgs,
        /// The version to remove (default: every version)
        #[arg(long = "version-id")]
        version_id: Option<u32>,
    },
}

#[derive(Debug, Args)]
pub struct LayerPublishArgs {
    /// Folder (or `.zip`) with the layer's files, laid out as under `/opt`
    #[arg(long, value_name = "DIR")]
    pub code: PathBuf,
    /// Layer name
    #[arg(long = "layer-name", value_name = "NAME")]
    pub layer_name: String,
    /// Runtimes the layer supports, comma-separated
    #[arg(
        long = "compatible-runtime",
        value_delimiter = ',',
        value_name = "RUNTIMES"
    )]
    pub compatible_runtime: Vec<String>,
    /// What this layer version holds
    #[arg(long)]
    pub description: Option<String>,
}

#[derive(Debug, Args)]
pub struct LayerNameArgs {
    /// Layer name
    #[arg(value_name = "NAME", required_unless_present = "layer_name")]
    pub name: Option<String>,
    /// Layer name (as Serverless Devs spells it)
    #[arg(long = "layer-name", value_name = "NAME", conflicts_with = "name")]
    pub layer_name: Option<String>,
}

impl LayerNameArgs {
    pub fn get(&self) -> &str {
        self.name
            .as_deref()
            .or(self.layer_name.as_deref())
            .unwrap_or_default()
    }
}

#[derive(Debug, Subcommand)]
pub enum LocalCommand {
    /// Invoke a function from the project folder
    Invoke(InvokeArgs),
}

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// List async tasks
    List {
        /// Only tasks in this status (`Running`, `Failed`, ...; any case)
        #[arg(long)]
        status: Option<String>,
        /// Show at most this many, newest first
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Show one task
    Get {
        /// The task id (`--async-task-id` of the invoke)
        id: String,
    },
    /// Stop a running task
    Stop {
        /// The task id (`--async-task-id` of the invoke)
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum VersionCommand {
    /// Publish the function as it is deployed now as a new version
    Publish {
        /// What this version is, e.g. the release it ships
        #[arg(long)]
        description: Option<String>,
    },
    /// List the versions, newest first
    List,
    /// Remove a version (no alias may route to it)
    Remove {
        /// The version to remove
        #[arg(long = "version-id", value_name = "ID")]
        version_id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AliasCommand {
    /// Create an alias, or update it when it exists
    Publish(AliasPublishArgs),
    /// List the aliases
    List,
    /// Show one alias
    Get {
        /// The alias to show
        #[arg(long = "alias-name", value_name = "NAME")]
        alias_name: String,
    },
    /// Remove an alias
    Remove {
        /// The alias to remove
        #[arg(long = "alias-name", value_name = "NAME")]
        alias_name: String,
    },
}

#[derive(Debug, Args)]
pub struct AliasPublishArgs {
    /// The alias to create or update
    #[arg(long = "alias-name", value_name = "NAME")]
    pub alias_name: String,
    /// The version the alias routes to (`latest`: the newest published version)
    #[arg(long = "version-id", value_name = "ID")]
    pub version_id: String,
    /// What the alias is for
    #[arg(long)]
    pub description: Option<String>,
    /// Shares of invocations for other versions, as JSON: `{"2": 0.1}`
    #[arg(
        long = "additional-version-weight",
        alias = "additionVersionWeight",
        value_name = "JSON"
    )]
    pub additional_version_weight: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// List local queues
    List,
    /// Receive (and delete) messages
    Receive {
        /// The queue (`s queue list` shows them)
        name: String,
        /// Take at most this many messages
        #[arg(long, default_value_t = 1)]
        max: u32,
        /// Wait up to this many seconds for a first message
        #[arg(long, value_name = "SECONDS", default_value_t = 0)]
        wait: u64,
    },
    /// Show messages without deleting them
    Peek {
        /// The queue (`s queue list` shows them)
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum BucketCommand {
    /// Copy a file into a bucket (`s bucket cp a.jpg oss://images/in/a.jpg`) or out of one
    Cp {
        /// A local file, or `oss://bucket/key`
        source: String,
        /// `oss://bucket/key` (a trailing `/` keeps the file name), or a local path
        destination: String,
    },
    /// List buckets, or the objects under `oss://bucket[/prefix]`
    Ls {
        /// `oss://bucket[/prefix]` (none: list the buckets)
        url: Option<String>,
        /// Wait up to this many seconds for a first object under the prefix (e.g. one a
        /// trigger writes)
        #[arg(long, value_name = "SECONDS", default_value_t = 0)]
        wait: u64,
    },
    /// Remove an object (`oss://bucket/key`)
    Rm {
        /// `oss://bucket/key` of the object
        url: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum EngineCommand {
    /// Start the engine (in the foreground unless `--detach`)
    Start(EngineStartArgs),
    /// Show whether the engine runs, where, and what it holds
    Status,
    /// Stop a running engine
    Stop,
}

#[derive(Debug, Args)]
pub struct EngineStartArgs {
    /// Run in the background and return once it answers
    #[arg(long)]
    pub detach: bool,
    /// Address to listen on (default: from `S_ENGINE`, else 127.0.0.1:9630); any address other
    /// than loopback needs `-a ALIAS`, and then every request must be signed with its key
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// Seconds an idle instance is kept before it is reaped
    #[arg(long, default_value_t = 300)]
    pub idle_timeout: u64,
    /// Maximum instances across all functions
    #[arg(long, default_value_t = 64)]
    pub max_instances: u32,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to generate completions for
    pub shell: clap_complete::Shell,
}
