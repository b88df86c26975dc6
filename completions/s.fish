# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_s_global_optspecs
    string join \n v/version t/template= a/access= o/output= target= endpoint= debug y/assume-yes skip-actions h/help
end

function __fish_s_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_s_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_s_using_subcommand
    set -l cmd (__fish_s_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c s -n "__fish_s_needs_command" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_needs_command" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_needs_command" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_needs_command" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_needs_command" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_needs_command" -s v -l version -d 'Print version (`-v` as in Serverless Devs, `-V` as in most tools)'
complete -c s -n "__fish_s_needs_command" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_needs_command" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_needs_command" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_needs_command" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_needs_command" -f -a "init" -d 'Create a project from a built-in template'
complete -c s -n "__fish_s_needs_command" -f -a "preview" -d 'Print the fully resolved manifest'
complete -c s -n "__fish_s_needs_command" -f -a "package" -d 'Build the code zip that deploy uploads'
complete -c s -n "__fish_s_needs_command" -f -a "deploy" -d 'Deploy functions and triggers'
complete -c s -n "__fish_s_needs_command" -f -a "invoke" -d 'Invoke a deployed function'
complete -c s -n "__fish_s_needs_command" -f -a "info" -d 'Show what is deployed'
complete -c s -n "__fish_s_needs_command" -f -a "remove" -d 'Remove deployed functions and triggers'
complete -c s -n "__fish_s_needs_command" -f -a "logs" -d 'Query or stream function logs'
complete -c s -n "__fish_s_needs_command" -f -a "metrics" -d 'Show invocation metrics'
complete -c s -n "__fish_s_needs_command" -f -a "config" -d 'Manage credentials'
complete -c s -n "__fish_s_needs_command" -f -a "build" -d 'Install function dependencies into the code folder'
complete -c s -n "__fish_s_needs_command" -f -a "layer" -d 'Publish and manage layers (shared code mounted at `/opt`)'
complete -c s -n "__fish_s_needs_command" -f -a "version" -d 'Publish and manage versions (frozen copies of a deployed function)'
complete -c s -n "__fish_s_needs_command" -f -a "alias" -d 'Publish and manage aliases (names for versions, with weighted routing)'
complete -c s -n "__fish_s_needs_command" -f -a "local" -d 'Run functions from the project folder without deploying'
complete -c s -n "__fish_s_needs_command" -f -a "task" -d 'Stateful async tasks'
complete -c s -n "__fish_s_needs_command" -f -a "queue" -d 'Local queues that async destinations deliver to'
complete -c s -n "__fish_s_needs_command" -f -a "bucket" -d 'Local OSS buckets (folders under `S_HOME/buckets`) that OSS triggers watch'
complete -c s -n "__fish_s_needs_command" -f -a "engine" -d 'Manage the local engine'
complete -c s -n "__fish_s_needs_command" -f -a "console" -d 'Open the engine\'s web console'
complete -c s -n "__fish_s_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c s -n "__fish_s_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand init" -s d -l dir -d 'Project directory (default: the template name)' -r -F
complete -c s -n "__fish_s_using_subcommand init" -l parameters -d 'Template parameters as a JSON object' -r
complete -c s -n "__fish_s_using_subcommand init" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand init" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand init" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand init" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand init" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand init" -l list -d 'List the built-in templates'
complete -c s -n "__fish_s_using_subcommand init" -l force -d 'Write into a folder that is not empty, replacing the template\'s files there (`-y` only takes the defaults; it never overwrites)'
complete -c s -n "__fish_s_using_subcommand init" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand init" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand init" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand init" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand preview" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand preview" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand preview" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand preview" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand preview" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand preview" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand preview" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand preview" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand preview" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand package" -l out -d 'Write the zip here (default: `.s/<resource>.zip` next to the manifest)' -r -F
complete -c s -n "__fish_s_using_subcommand package" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand package" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand package" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand package" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand package" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand package" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand package" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand package" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand package" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand deploy" -l function -d 'Deploy only the function: `code` for its code alone, `config` for its settings alone' -r -f -a "all\t'Code and settings'
code\t'The code package only'
config\t'The settings only'"
complete -c s -n "__fish_s_using_subcommand deploy" -l trigger -d 'Deploy only triggers: all of them, or the named ones (`--trigger a,b`)' -r
complete -c s -n "__fish_s_using_subcommand deploy" -l type -d 'Serverless Devs 2.x spelling of `--function code|config`' -r
complete -c s -n "__fish_s_using_subcommand deploy" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand deploy" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand deploy" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand deploy" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand deploy" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand deploy" -l async-invoke-config -d 'Deploy only the async invocation config'
complete -c s -n "__fish_s_using_subcommand deploy" -l skip-push -d 'Do not push the container image (the local engine pushes none; accepted for scripts)'
complete -c s -n "__fish_s_using_subcommand deploy" -l use-local -d 'Serverless Devs 2.x flag: the manifest is always the source of truth here'
complete -c s -n "__fish_s_using_subcommand deploy" -l use-remote -d 'Serverless Devs 2.x flag with no meaning here'
complete -c s -n "__fish_s_using_subcommand deploy" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand deploy" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand deploy" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand deploy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c s -n "__fish_s_using_subcommand invoke" -s e -l event -d 'Event payload as a string' -r
complete -c s -n "__fish_s_using_subcommand invoke" -s f -l event-file -d 'Event payload from a file (`-` for stdin)' -r -F
complete -c s -n "__fish_s_using_subcommand invoke" -l invocation-type -d '`sync` or `async`' -r -f -a "sync\t''
async\t''
Sync\t''
Async\t''"
complete -c s -n "__fish_s_using_subcommand invoke" -l async-task-id -d 'Task id for a stateful async invocation' -r
complete -c s -n "__fish_s_using_subcommand invoke" -l qualifier -d 'Version or alias' -r
complete -c s -n "__fish_s_using_subcommand invoke" -l timeout -d 'Client timeout in seconds (default: function timeout + 5)' -r
complete -c s -n "__fish_s_using_subcommand invoke" -l function-name -d 'Function to invoke without a manifest' -r
complete -c s -n "__fish_s_using_subcommand invoke" -l region -d 'Region of `--function-name` (the local engine serves every region\'s functions)' -r
complete -c s -n "__fish_s_using_subcommand invoke" -l stateful-async-invocation-id -d 'Serverless Devs 2.x name of `--async-task-id`' -r
complete -c s -n "__fish_s_using_subcommand invoke" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand invoke" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand invoke" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand invoke" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand invoke" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand invoke" -l silent -d 'Print only the result, not the log tail and request details'
complete -c s -n "__fish_s_using_subcommand invoke" -s s -l event-stdin -d 'Serverless Devs 2.x: read the event from stdin (same as `-f -`)'
complete -c s -n "__fish_s_using_subcommand invoke" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand invoke" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand invoke" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand invoke" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand info" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand info" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand info" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand info" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand info" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand info" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand info" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand info" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand info" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand remove" -l trigger -d 'Remove only triggers: all of them, or the named ones (`--trigger a,b`)' -r
complete -c s -n "__fish_s_using_subcommand remove" -l function-name -d 'Function to remove without a manifest' -r
complete -c s -n "__fish_s_using_subcommand remove" -l region -d 'Region of `--function-name` (the local engine serves every region\'s functions)' -r
complete -c s -n "__fish_s_using_subcommand remove" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand remove" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand remove" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand remove" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand remove" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand remove" -l function -d 'Remove only the function (with its triggers, which cannot outlive it)'
complete -c s -n "__fish_s_using_subcommand remove" -l async-invoke-config -d 'Remove only the async invocation config'
complete -c s -n "__fish_s_using_subcommand remove" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand remove" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand remove" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand remove" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand logs" -s s -l start-time -d 'Start of the window (RFC 3339, epoch, or relative like `10m`)' -r
complete -c s -n "__fish_s_using_subcommand logs" -s e -l end-time -d 'End of the window' -r
complete -c s -n "__fish_s_using_subcommand logs" -s r -l request-id -d 'Only the lines of this invocation' -r
complete -c s -n "__fish_s_using_subcommand logs" -l instance-id -d 'Only the lines of this instance' -r
complete -c s -n "__fish_s_using_subcommand logs" -l type -d '`success` or `fail`' -r
complete -c s -n "__fish_s_using_subcommand logs" -l search -d 'Only lines containing this text' -r
complete -c s -n "__fish_s_using_subcommand logs" -l match -d 'Highlight this text' -r
complete -c s -n "__fish_s_using_subcommand logs" -l qualifier -d 'Only lines of invocations of this version or alias' -r
complete -c s -n "__fish_s_using_subcommand logs" -l query -d 'Serverless Devs\' SLS query language, which the local log store does not speak' -r
complete -c s -n "__fish_s_using_subcommand logs" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand logs" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand logs" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand logs" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand logs" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand logs" -l tail -d 'Stream new lines as they are written'
complete -c s -n "__fish_s_using_subcommand logs" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand logs" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand logs" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand logs" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand metrics" -l window -d 'How far back to look, e.g. `1h`' -r
complete -c s -n "__fish_s_using_subcommand metrics" -l interval -d 'Bucket size for charts, e.g. `1m`' -r
complete -c s -n "__fish_s_using_subcommand metrics" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand metrics" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand metrics" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand metrics" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand metrics" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand metrics" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand metrics" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand metrics" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand metrics" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -f -a "add" -d 'Store a credential under `-a ALIAS` (default: `default`)'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -f -a "get" -d 'Show stored credentials (secrets masked), or only `-a ALIAS`'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -f -a "delete" -d 'Delete the credential `-a ALIAS`'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -f -a "rename" -d 'Rename an alias'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -f -a "default" -d 'Make an alias the default'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -f -a "import" -d 'Import the aliases of Serverless Devs\' `~/.s/access.yaml`'
complete -c s -n "__fish_s_using_subcommand config; and not __fish_seen_subcommand_from add get delete rename default import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -l AccessKeyID -d 'The AccessKey ID (`-` reads it from stdin; asked for on a terminal when missing)' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -l AccessKeySecret -d 'The AccessKey secret: `-` reads it from stdin (after the ID when that is `-` too); asked for on a terminal when missing' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -l AccountID -d 'The Alibaba Cloud account ID (`--target fc` needs it); kept when replacing an alias' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -l SecurityToken -d 'An STS security token, for temporary credentials' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -l store -d 'Where to keep the secret (default: where the alias keeps it now, else the keyring)' -r -f -a "keyring\t'The OS keyring (kernel keyutils on Linux, Keychain, Credential Manager)'
file\t'A file readable only by you (0600) under `S_HOME`'"
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -s f -l force -d 'Replace the alias when it exists already'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from get" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from get" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from get" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from get" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from get" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from get" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from get" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from delete" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from delete" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from delete" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from delete" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from delete" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from delete" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from delete" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from rename" -l source -d 'The alias to rename' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from rename" -l target -d 'Its new name' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from rename" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from rename" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from rename" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from rename" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from rename" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from rename" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from rename" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from default" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from default" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from default" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from default" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from default" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from default" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from default" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from default" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from default" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -l file -d 'The file to import (default: `$serverless_devs_config_home/access.yaml`, else `~/.s/access.yaml`)' -r -F
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -l store -d 'Where to keep the secrets' -r -f -a "keyring\t'The OS keyring (kernel keyutils on Linux, Keychain, Credential Manager)'
file\t'A file readable only by you (0600) under `S_HOME`'"
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -l force -d 'Replace aliases that already exist'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "add" -d 'Store a credential under `-a ALIAS` (default: `default`)'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show stored credentials (secrets masked), or only `-a ALIAS`'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete the credential `-a ALIAS`'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename an alias'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "default" -d 'Make an alias the default'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import the aliases of Serverless Devs\' `~/.s/access.yaml`'
complete -c s -n "__fish_s_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand build" -l python -d 'Python interpreter to install with (default: `python3`)' -r -F
complete -c s -n "__fish_s_using_subcommand build" -l node -d 'Node.js executable to install with (default: `node`, with the `npm` beside it)' -r -F
complete -c s -n "__fish_s_using_subcommand build" -l command -d 'Shell command to run in the code folder instead of the runtime\'s installer' -r
complete -c s -n "__fish_s_using_subcommand build" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand build" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand build" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand build" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand build" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand build" -l force -d 'Install again even when the inputs did not change'
complete -c s -n "__fish_s_using_subcommand build" -l use-docker -d 'Accepted for Serverless Devs compatibility: the build runs on the host'
complete -c s -n "__fish_s_using_subcommand build" -l use-sandbox -d 'Accepted for Serverless Devs compatibility: the build runs on the host'
complete -c s -n "__fish_s_using_subcommand build" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand build" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand build" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand build" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -f -a "publish" -d 'Publish a folder or zip as a new layer version'
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -f -a "list" -d 'List layers with their newest version'
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -f -a "versions" -d 'List the versions of a layer'
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -f -a "prepare-official" -d 'Build the local equivalent of an FC official layer now (deploy builds it otherwise)'
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -f -a "remove" -d 'Remove one version of a layer, or all of them'
complete -c s -n "__fish_s_using_subcommand layer; and not __fish_seen_subcommand_from publish list versions prepare-official remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -l code -d 'Folder (or `.zip`) with the layer\'s files, laid out as under `/opt`' -r -F
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -l layer-name -d 'Layer name' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -l compatible-runtime -d 'Runtimes the layer supports, comma-separated' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -l description -d 'What this layer version holds' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from publish" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from list" -l prefix -d 'Only layers whose name starts with this' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from list" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from list" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from list" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from list" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from list" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from list" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from list" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from versions" -l layer-name -d 'Layer name (as Serverless Devs spells it)' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from versions" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from versions" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from versions" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from versions" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from versions" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from versions" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from versions" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from versions" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from versions" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from prepare-official" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from prepare-official" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from prepare-official" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from prepare-official" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from prepare-official" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from prepare-official" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from prepare-official" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from prepare-official" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from prepare-official" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -l layer-name -d 'Layer name (as Serverless Devs spells it)' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -l version-id -d 'The version to remove (default: every version)' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from help" -f -a "publish" -d 'Publish a folder or zip as a new layer version'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from help" -f -a "list" -d 'List layers with their newest version'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from help" -f -a "versions" -d 'List the versions of a layer'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from help" -f -a "prepare-official" -d 'Build the local equivalent of an FC official layer now (deploy builds it otherwise)'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove one version of a layer, or all of them'
complete -c s -n "__fish_s_using_subcommand layer; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -f -a "publish" -d 'Publish the function as it is deployed now as a new version'
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -f -a "list" -d 'List the versions, newest first'
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -f -a "remove" -d 'Remove a version (no alias may route to it)'
complete -c s -n "__fish_s_using_subcommand version; and not __fish_seen_subcommand_from publish list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from publish" -l description -d 'What this version is, e.g. the release it ships' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from publish" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from publish" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from publish" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from publish" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from publish" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from publish" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from publish" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from publish" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from publish" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from list" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from list" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from list" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from list" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from list" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from list" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from list" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from remove" -l version-id -d 'The version to remove' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from remove" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from remove" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from remove" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from remove" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from remove" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from remove" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from remove" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from help" -f -a "publish" -d 'Publish the function as it is deployed now as a new version'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the versions, newest first'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a version (no alias may route to it)'
complete -c s -n "__fish_s_using_subcommand version; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -f -a "publish" -d 'Create an alias, or update it when it exists'
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -f -a "list" -d 'List the aliases'
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -f -a "get" -d 'Show one alias'
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -f -a "remove" -d 'Remove an alias'
complete -c s -n "__fish_s_using_subcommand alias; and not __fish_seen_subcommand_from publish list get remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -l alias-name -d 'The alias to create or update' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -l version-id -d 'The version the alias routes to (`latest`: the newest published version)' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -l description -d 'What the alias is for' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -l additional-version-weight -d 'Shares of invocations for other versions, as JSON: `{"2": 0.1}`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from publish" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from list" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from list" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from list" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from list" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from list" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from list" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from list" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from get" -l alias-name -d 'The alias to show' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from get" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from get" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from get" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from get" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from get" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from get" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from get" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from remove" -l alias-name -d 'The alias to remove' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from remove" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from remove" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from remove" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from remove" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from remove" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from remove" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from remove" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from help" -f -a "publish" -d 'Create an alias, or update it when it exists'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the aliases'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one alias'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an alias'
complete -c s -n "__fish_s_using_subcommand alias; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -f -a "invoke" -d 'Invoke a function from the project folder'
complete -c s -n "__fish_s_using_subcommand local; and not __fish_seen_subcommand_from invoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -s e -l event -d 'Event payload as a string' -r
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -s f -l event-file -d 'Event payload from a file (`-` for stdin)' -r -F
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l invocation-type -d '`sync` or `async`' -r -f -a "sync\t''
async\t''
Sync\t''
Async\t''"
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l async-task-id -d 'Task id for a stateful async invocation' -r
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l qualifier -d 'Version or alias' -r
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l timeout -d 'Client timeout in seconds (default: function timeout + 5)' -r
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l function-name -d 'Function to invoke without a manifest' -r
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l region -d 'Region of `--function-name` (the local engine serves every region\'s functions)' -r
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l stateful-async-invocation-id -d 'Serverless Devs 2.x name of `--async-task-id`' -r
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l silent -d 'Print only the result, not the log tail and request details'
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -s s -l event-stdin -d 'Serverless Devs 2.x: read the event from stdin (same as `-f -`)'
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from invoke" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "invoke" -d 'Invoke a function from the project folder'
complete -c s -n "__fish_s_using_subcommand local; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -f -a "list" -d 'List async tasks'
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -f -a "get" -d 'Show one task'
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -f -a "stop" -d 'Stop a running task'
complete -c s -n "__fish_s_using_subcommand task; and not __fish_seen_subcommand_from list get stop help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -l status -d 'Only tasks in this status (`Running`, `Failed`, ...; any case)' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -l limit -d 'Show at most this many, newest first' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from get" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from get" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from get" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from get" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from get" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from get" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from get" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from stop" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from stop" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from stop" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from stop" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from stop" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from stop" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from stop" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "list" -d 'List async tasks'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one task'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop a running task'
complete -c s -n "__fish_s_using_subcommand task; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -f -a "list" -d 'List local queues'
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -f -a "receive" -d 'Receive (and delete) messages'
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -f -a "peek" -d 'Show messages without deleting them'
complete -c s -n "__fish_s_using_subcommand queue; and not __fish_seen_subcommand_from list receive peek help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from list" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from list" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from list" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from list" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from list" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from list" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from list" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -l max -d 'Take at most this many messages' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -l wait -d 'Wait up to this many seconds for a first message' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from receive" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from peek" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from peek" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from peek" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from peek" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from peek" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from peek" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from peek" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from peek" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from peek" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "list" -d 'List local queues'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "receive" -d 'Receive (and delete) messages'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "peek" -d 'Show messages without deleting them'
complete -c s -n "__fish_s_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -f -a "cp" -d 'Copy a file into a bucket (`s bucket cp a.jpg oss://images/in/a.jpg`) or out of one'
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -f -a "ls" -d 'List buckets, or the objects under `oss://bucket[/prefix]`'
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -f -a "rm" -d 'Remove an object (`oss://bucket/key`)'
complete -c s -n "__fish_s_using_subcommand bucket; and not __fish_seen_subcommand_from cp ls rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from cp" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from cp" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from cp" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from cp" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from cp" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from cp" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from cp" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from cp" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from ls" -l wait -d 'Wait up to this many seconds for a first object under the prefix (e.g. one a trigger writes)' -r
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from ls" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from ls" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from ls" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from ls" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from ls" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from ls" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from ls" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from rm" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from rm" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from rm" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from rm" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from rm" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from rm" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from rm" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from rm" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy a file into a bucket (`s bucket cp a.jpg oss://images/in/a.jpg`) or out of one'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List buckets, or the objects under `oss://bucket[/prefix]`'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove an object (`oss://bucket/key`)'
complete -c s -n "__fish_s_using_subcommand bucket; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -f -a "start" -d 'Start the engine (in the foreground unless `--detach`)'
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -f -a "status" -d 'Show whether the engine runs, where, and what it holds'
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -f -a "stop" -d 'Stop a running engine'
complete -c s -n "__fish_s_using_subcommand engine; and not __fish_seen_subcommand_from start status stop help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -l listen -d 'Address to listen on (default: from `S_ENGINE`, else 127.0.0.1:9630); any address other than loopback needs `-a ALIAS`, and then every request must be signed with its key' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -l idle-timeout -d 'Seconds an idle instance is kept before it is reaped' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -l max-instances -d 'Maximum instances across all functions' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -l detach -d 'Run in the background and return once it answers'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from status" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from status" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from status" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from status" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from status" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from status" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from status" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from stop" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from stop" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from stop" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from stop" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from stop" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from stop" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from stop" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the engine (in the foreground unless `--detach`)'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show whether the engine runs, where, and what it holds'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop a running engine'
complete -c s -n "__fish_s_using_subcommand engine; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand console" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand console" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand console" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand console" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand console" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand console" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand console" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand console" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand console" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand completions" -s t -l template -d 'Manifest file (default: `s.yaml`, then `s.yml`)' -r -F
complete -c s -n "__fish_s_using_subcommand completions" -s a -l access -d 'Credential alias from `s config`' -r
complete -c s -n "__fish_s_using_subcommand completions" -s o -l output -d 'Output format' -r -f -a "default\t''
json\t''
yaml\t''
raw\t''"
complete -c s -n "__fish_s_using_subcommand completions" -l target -d 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`' -r
complete -c s -n "__fish_s_using_subcommand completions" -l endpoint -d 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`' -r
complete -c s -n "__fish_s_using_subcommand completions" -l debug -d 'Show debug output, including HTTP exchanges'
complete -c s -n "__fish_s_using_subcommand completions" -s y -l assume-yes -d 'Answer yes to every question'
complete -c s -n "__fish_s_using_subcommand completions" -l skip-actions -d 'Skip `actions` hooks'
complete -c s -n "__fish_s_using_subcommand completions" -s h -l help -d 'Print help'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "init" -d 'Create a project from a built-in template'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "preview" -d 'Print the fully resolved manifest'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "package" -d 'Build the code zip that deploy uploads'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "deploy" -d 'Deploy functions and triggers'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "invoke" -d 'Invoke a deployed function'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "info" -d 'Show what is deployed'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "remove" -d 'Remove deployed functions and triggers'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "logs" -d 'Query or stream function logs'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "metrics" -d 'Show invocation metrics'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "config" -d 'Manage credentials'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "build" -d 'Install function dependencies into the code folder'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "layer" -d 'Publish and manage layers (shared code mounted at `/opt`)'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "version" -d 'Publish and manage versions (frozen copies of a deployed function)'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "alias" -d 'Publish and manage aliases (names for versions, with weighted routing)'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "local" -d 'Run functions from the project folder without deploying'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "task" -d 'Stateful async tasks'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "queue" -d 'Local queues that async destinations deliver to'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "bucket" -d 'Local OSS buckets (folders under `S_HOME/buckets`) that OSS triggers watch'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "engine" -d 'Manage the local engine'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "console" -d 'Open the engine\'s web console'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "completions" -d 'Print shell completions'
complete -c s -n "__fish_s_using_subcommand help; and not __fish_seen_subcommand_from init preview package deploy invoke info remove logs metrics config build layer version alias local task queue bucket engine console completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "add" -d 'Store a credential under `-a ALIAS` (default: `default`)'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Show stored credentials (secrets masked), or only `-a ALIAS`'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "delete" -d 'Delete the credential `-a ALIAS`'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "rename" -d 'Rename an alias'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "default" -d 'Make an alias the default'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "import" -d 'Import the aliases of Serverless Devs\' `~/.s/access.yaml`'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from layer" -f -a "publish" -d 'Publish a folder or zip as a new layer version'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from layer" -f -a "list" -d 'List layers with their newest version'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from layer" -f -a "versions" -d 'List the versions of a layer'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from layer" -f -a "prepare-official" -d 'Build the local equivalent of an FC official layer now (deploy builds it otherwise)'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from layer" -f -a "remove" -d 'Remove one version of a layer, or all of them'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from version" -f -a "publish" -d 'Publish the function as it is deployed now as a new version'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from version" -f -a "list" -d 'List the versions, newest first'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from version" -f -a "remove" -d 'Remove a version (no alias may route to it)'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from alias" -f -a "publish" -d 'Create an alias, or update it when it exists'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from alias" -f -a "list" -d 'List the aliases'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from alias" -f -a "get" -d 'Show one alias'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from alias" -f -a "remove" -d 'Remove an alias'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from local" -f -a "invoke" -d 'Invoke a function from the project folder'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "list" -d 'List async tasks'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "get" -d 'Show one task'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from task" -f -a "stop" -d 'Stop a running task'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "list" -d 'List local queues'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "receive" -d 'Receive (and delete) messages'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "peek" -d 'Show messages without deleting them'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from bucket" -f -a "cp" -d 'Copy a file into a bucket (`s bucket cp a.jpg oss://images/in/a.jpg`) or out of one'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from bucket" -f -a "ls" -d 'List buckets, or the objects under `oss://bucket[/prefix]`'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from bucket" -f -a "rm" -d 'Remove an object (`oss://bucket/key`)'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from engine" -f -a "start" -d 'Start the engine (in the foreground unless `--detach`)'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from engine" -f -a "status" -d 'Show whether the engine runs, where, and what it holds'
complete -c s -n "__fish_s_using_subcommand help; and __fish_seen_subcommand_from engine" -f -a "stop" -d 'Stop a running engine'
