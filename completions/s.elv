
use builtin;
use str;

set edit:completion:arg-completer[s] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 's'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'s'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand -v 'Print version (`-v` as in Serverless Devs, `-V` as in most tools)'
            cand --version 'Print version (`-v` as in Serverless Devs, `-V` as in most tools)'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
            cand init 'Create a project from a built-in template'
            cand preview 'Print the fully resolved manifest'
            cand package 'Build the code zip that deploy uploads'
            cand deploy 'Deploy functions and triggers'
            cand invoke 'Invoke a deployed function'
            cand info 'Show what is deployed'
            cand remove 'Remove deployed functions and triggers'
            cand logs 'Query or stream function logs'
            cand metrics 'Show invocation metrics'
            cand config 'Manage credentials'
            cand build 'Install function dependencies into the code folder'
            cand layer 'Publish and manage layers (shared code mounted at `/opt`)'
            cand version 'Publish and manage versions (frozen copies of a deployed function)'
            cand alias 'Publish and manage aliases (names for versions, with weighted routing)'
            cand local 'Run functions from the project folder without deploying'
            cand task 'Stateful async tasks'
            cand queue 'Local queues that async destinations deliver to'
            cand bucket 'Local OSS buckets (folders under `S_HOME/buckets`) that OSS triggers watch'
            cand engine 'Manage the local engine'
            cand console 'Open the engine''s web console'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;init'= {
            cand -d 'Project directory (default: the template name)'
            cand --dir 'Project directory (default: the template name)'
            cand --parameters 'Template parameters as a JSON object'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --list 'List the built-in templates'
            cand --force 'Write into a folder that is not empty, replacing the template''s files there (`-y` only takes the defaults; it never overwrites)'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;preview'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;package'= {
            cand --out 'Write the zip here (default: `.s/<resource>.zip` next to the manifest)'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;deploy'= {
            cand --function 'Deploy only the function: `code` for its code alone, `config` for its settings alone'
            cand --trigger 'Deploy only triggers: all of them, or the named ones (`--trigger a,b`)'
            cand --type 'Serverless Devs 2.x spelling of `--function code|config`'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --async-invoke-config 'Deploy only the async invocation config'
            cand --skip-push 'Do not push the container image (the local engine pushes none; accepted for scripts)'
            cand --use-local 'Serverless Devs 2.x flag: the manifest is always the source of truth here'
            cand --use-remote 'Serverless Devs 2.x flag with no meaning here'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'s;invoke'= {
            cand -e 'Event payload as a string'
            cand --event 'Event payload as a string'
            cand -f 'Event payload from a file (`-` for stdin)'
            cand --event-file 'Event payload from a file (`-` for stdin)'
            cand --invocation-type '`sync` or `async`'
            cand --async-task-id 'Task id for a stateful async invocation'
            cand --qualifier 'Version or alias'
            cand --timeout 'Client timeout in seconds (default: function timeout + 5)'
            cand --function-name 'Function to invoke without a manifest'
            cand --region 'Region of `--function-name` (the local engine serves every region''s functions)'
            cand --stateful-async-invocation-id 'Serverless Devs 2.x name of `--async-task-id`'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --silent 'Print only the result, not the log tail and request details'
            cand -s 'Serverless Devs 2.x: read the event from stdin (same as `-f -`)'
            cand --event-stdin 'Serverless Devs 2.x: read the event from stdin (same as `-f -`)'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;info'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;remove'= {
            cand --trigger 'Remove only triggers: all of them, or the named ones (`--trigger a,b`)'
            cand --function-name 'Function to remove without a manifest'
            cand --region 'Region of `--function-name` (the local engine serves every region''s functions)'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --function 'Remove only the function (with its triggers, which cannot outlive it)'
            cand --async-invoke-config 'Remove only the async invocation config'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;logs'= {
            cand -s 'Start of the window (RFC 3339, epoch, or relative like `10m`)'
            cand --start-time 'Start of the window (RFC 3339, epoch, or relative like `10m`)'
            cand -e 'End of the window'
            cand --end-time 'End of the window'
            cand -r 'Only the lines of this invocation'
            cand --request-id 'Only the lines of this invocation'
            cand --instance-id 'Only the lines of this instance'
            cand --type '`success` or `fail`'
            cand --search 'Only lines containing this text'
            cand --match 'Highlight this text'
            cand --qualifier 'Only lines of invocations of this version or alias'
            cand --query 'Serverless Devs'' SLS query language, which the local log store does not speak'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --tail 'Stream new lines as they are written'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;metrics'= {
            cand --window 'How far back to look, e.g. `1h`'
            cand --interval 'Bucket size for charts, e.g. `1m`'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;config'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Store a credential under `-a ALIAS` (default: `default`)'
            cand get 'Show stored credentials (secrets masked), or only `-a ALIAS`'
            cand delete 'Delete the credential `-a ALIAS`'
            cand rename 'Rename an alias'
            cand default 'Make an alias the default'
            cand import 'Import the aliases of Serverless Devs'' `~/.s/access.yaml`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;config;add'= {
            cand --AccessKeyID 'The AccessKey ID (`-` reads it from stdin; asked for on a terminal when missing)'
            cand --AccessKeySecret 'The AccessKey secret: `-` reads it from stdin (after the ID when that is `-` too); asked for on a terminal when missing'
            cand --AccountID 'The Alibaba Cloud account ID (`--target fc` needs it); kept when replacing an alias'
            cand --SecurityToken 'An STS security token, for temporary credentials'
            cand --store 'Where to keep the secret (default: where the alias keeps it now, else the keyring)'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand -f 'Replace the alias when it exists already'
            cand --force 'Replace the alias when it exists already'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'s;config;get'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;config;delete'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;config;rename'= {
            cand --source 'The alias to rename'
            cand --target 'Its new name'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;config;default'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;config;import'= {
            cand --file 'The file to import (default: `$serverless_devs_config_home/access.yaml`, else `~/.s/access.yaml`)'
            cand --store 'Where to keep the secrets'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --force 'Replace aliases that already exist'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'s;config;help'= {
            cand add 'Store a credential under `-a ALIAS` (default: `default`)'
            cand get 'Show stored credentials (secrets masked), or only `-a ALIAS`'
            cand delete 'Delete the credential `-a ALIAS`'
            cand rename 'Rename an alias'
            cand default 'Make an alias the default'
            cand import 'Import the aliases of Serverless Devs'' `~/.s/access.yaml`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;config;help;add'= {
        }
        &'s;config;help;get'= {
        }
        &'s;config;help;delete'= {
        }
        &'s;config;help;rename'= {
        }
        &'s;config;help;default'= {
        }
        &'s;config;help;import'= {
        }
        &'s;config;help;help'= {
        }
        &'s;build'= {
            cand --python 'Python interpreter to install with (default: `python3`)'
            cand --node 'Node.js executable to install with (default: `node`, with the `npm` beside it)'
            cand --command 'Shell command to run in the code folder instead of the runtime''s installer'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --force 'Install again even when the inputs did not change'
            cand --use-docker 'Accepted for Serverless Devs compatibility: the build runs on the host'
            cand --use-sandbox 'Accepted for Serverless Devs compatibility: the build runs on the host'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;layer'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
            cand publish 'Publish a folder or zip as a new layer version'
            cand list 'List layers with their newest version'
            cand versions 'List the versions of a layer'
            cand prepare-official 'Build the local equivalent of an FC official layer now (deploy builds it otherwise)'
            cand remove 'Remove one version of a layer, or all of them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;layer;publish'= {
            cand --code 'Folder (or `.zip`) with the layer''s files, laid out as under `/opt`'
            cand --layer-name 'Layer name'
            cand --compatible-runtime 'Runtimes the layer supports, comma-separated'
            cand --description 'What this layer version holds'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;layer;list'= {
            cand --prefix 'Only layers whose name starts with this'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;layer;versions'= {
            cand --layer-name 'Layer name (as Serverless Devs spells it)'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;layer;prepare-official'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;layer;remove'= {
            cand --layer-name 'Layer name (as Serverless Devs spells it)'
            cand --version-id 'The version to remove (default: every version)'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;layer;help'= {
            cand publish 'Publish a folder or zip as a new layer version'
            cand list 'List layers with their newest version'
            cand versions 'List the versions of a layer'
            cand prepare-official 'Build the local equivalent of an FC official layer now (deploy builds it otherwise)'
            cand remove 'Remove one version of a layer, or all of them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;layer;help;publish'= {
        }
        &'s;layer;help;list'= {
        }
        &'s;layer;help;versions'= {
        }
        &'s;layer;help;prepare-official'= {
        }
        &'s;layer;help;remove'= {
        }
        &'s;layer;help;help'= {
        }
        &'s;version'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
            cand publish 'Publish the function as it is deployed now as a new version'
            cand list 'List the versions, newest first'
            cand remove 'Remove a version (no alias may route to it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;version;publish'= {
            cand --description 'What this version is, e.g. the release it ships'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;version;list'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;version;remove'= {
            cand --version-id 'The version to remove'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;version;help'= {
            cand publish 'Publish the function as it is deployed now as a new version'
            cand list 'List the versions, newest first'
            cand remove 'Remove a version (no alias may route to it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;version;help;publish'= {
        }
        &'s;version;help;list'= {
        }
        &'s;version;help;remove'= {
        }
        &'s;version;help;help'= {
        }
        &'s;alias'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
            cand publish 'Create an alias, or update it when it exists'
            cand list 'List the aliases'
            cand get 'Show one alias'
            cand remove 'Remove an alias'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;alias;publish'= {
            cand --alias-name 'The alias to create or update'
            cand --version-id 'The version the alias routes to (`latest`: the newest published version)'
            cand --description 'What the alias is for'
            cand --additional-version-weight 'Shares of invocations for other versions, as JSON: `{"2": 0.1}`'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;alias;list'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;alias;get'= {
            cand --alias-name 'The alias to show'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;alias;remove'= {
            cand --alias-name 'The alias to remove'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;alias;help'= {
            cand publish 'Create an alias, or update it when it exists'
            cand list 'List the aliases'
            cand get 'Show one alias'
            cand remove 'Remove an alias'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;alias;help;publish'= {
        }
        &'s;alias;help;list'= {
        }
        &'s;alias;help;get'= {
        }
        &'s;alias;help;remove'= {
        }
        &'s;alias;help;help'= {
        }
        &'s;local'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
            cand invoke 'Invoke a function from the project folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;local;invoke'= {
            cand -e 'Event payload as a string'
            cand --event 'Event payload as a string'
            cand -f 'Event payload from a file (`-` for stdin)'
            cand --event-file 'Event payload from a file (`-` for stdin)'
            cand --invocation-type '`sync` or `async`'
            cand --async-task-id 'Task id for a stateful async invocation'
            cand --qualifier 'Version or alias'
            cand --timeout 'Client timeout in seconds (default: function timeout + 5)'
            cand --function-name 'Function to invoke without a manifest'
            cand --region 'Region of `--function-name` (the local engine serves every region''s functions)'
            cand --stateful-async-invocation-id 'Serverless Devs 2.x name of `--async-task-id`'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --silent 'Print only the result, not the log tail and request details'
            cand -s 'Serverless Devs 2.x: read the event from stdin (same as `-f -`)'
            cand --event-stdin 'Serverless Devs 2.x: read the event from stdin (same as `-f -`)'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;local;help'= {
            cand invoke 'Invoke a function from the project folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;local;help;invoke'= {
        }
        &'s;local;help;help'= {
        }
        &'s;task'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List async tasks'
            cand get 'Show one task'
            cand stop 'Stop a running task'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;task;list'= {
            cand --status 'Only tasks in this status (`Running`, `Failed`, ...; any case)'
            cand --limit 'Show at most this many, newest first'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;task;get'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;task;stop'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;task;help'= {
            cand list 'List async tasks'
            cand get 'Show one task'
            cand stop 'Stop a running task'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;task;help;list'= {
        }
        &'s;task;help;get'= {
        }
        &'s;task;help;stop'= {
        }
        &'s;task;help;help'= {
        }
        &'s;queue'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List local queues'
            cand receive 'Receive (and delete) messages'
            cand peek 'Show messages without deleting them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;queue;list'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;queue;receive'= {
            cand --max 'Take at most this many messages'
            cand --wait 'Wait up to this many seconds for a first message'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;queue;peek'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;queue;help'= {
            cand list 'List local queues'
            cand receive 'Receive (and delete) messages'
            cand peek 'Show messages without deleting them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;queue;help;list'= {
        }
        &'s;queue;help;receive'= {
        }
        &'s;queue;help;peek'= {
        }
        &'s;queue;help;help'= {
        }
        &'s;bucket'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
            cand cp 'Copy a file into a bucket (`s bucket cp a.jpg oss://images/in/a.jpg`) or out of one'
            cand ls 'List buckets, or the objects under `oss://bucket[/prefix]`'
            cand rm 'Remove an object (`oss://bucket/key`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;bucket;cp'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;bucket;ls'= {
            cand --wait 'Wait up to this many seconds for a first object under the prefix (e.g. one a trigger writes)'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;bucket;rm'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;bucket;help'= {
            cand cp 'Copy a file into a bucket (`s bucket cp a.jpg oss://images/in/a.jpg`) or out of one'
            cand ls 'List buckets, or the objects under `oss://bucket[/prefix]`'
            cand rm 'Remove an object (`oss://bucket/key`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;bucket;help;cp'= {
        }
        &'s;bucket;help;ls'= {
        }
        &'s;bucket;help;rm'= {
        }
        &'s;bucket;help;help'= {
        }
        &'s;engine'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
            cand start 'Start the engine (in the foreground unless `--detach`)'
            cand status 'Show whether the engine runs, where, and what it holds'
            cand stop 'Stop a running engine'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;engine;start'= {
            cand --listen 'Address to listen on (default: from `S_ENGINE`, else 127.0.0.1:9630); any address other than loopback needs `-a ALIAS`, and then every request must be signed with its key'
            cand --idle-timeout 'Seconds an idle instance is kept before it is reaped'
            cand --max-instances 'Maximum instances across all functions'
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --detach 'Run in the background and return once it answers'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;engine;status'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;engine;stop'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;engine;help'= {
            cand start 'Start the engine (in the foreground unless `--detach`)'
            cand status 'Show whether the engine runs, where, and what it holds'
            cand stop 'Stop a running engine'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;engine;help;start'= {
        }
        &'s;engine;help;status'= {
        }
        &'s;engine;help;stop'= {
        }
        &'s;engine;help;help'= {
        }
        &'s;console'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;completions'= {
            cand -t 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand --template 'Manifest file (default: `s.yaml`, then `s.yml`)'
            cand -a 'Credential alias from `s config`'
            cand --access 'Credential alias from `s config`'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --target 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`'
            cand --endpoint 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`'
            cand --debug 'Show debug output, including HTTP exchanges'
            cand -y 'Answer yes to every question'
            cand --assume-yes 'Answer yes to every question'
            cand --skip-actions 'Skip `actions` hooks'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'s;help'= {
            cand init 'Create a project from a built-in template'
            cand preview 'Print the fully resolved manifest'
            cand package 'Build the code zip that deploy uploads'
            cand deploy 'Deploy functions and triggers'
            cand invoke 'Invoke a deployed function'
            cand info 'Show what is deployed'
            cand remove 'Remove deployed functions and triggers'
            cand logs 'Query or stream function logs'
            cand metrics 'Show invocation metrics'
            cand config 'Manage credentials'
            cand build 'Install function dependencies into the code folder'
            cand layer 'Publish and manage layers (shared code mounted at `/opt`)'
            cand version 'Publish and manage versions (frozen copies of a deployed function)'
            cand alias 'Publish and manage aliases (names for versions, with weighted routing)'
            cand local 'Run functions from the project folder without deploying'
            cand task 'Stateful async tasks'
            cand queue 'Local queues that async destinations deliver to'
            cand bucket 'Local OSS buckets (folders under `S_HOME/buckets`) that OSS triggers watch'
            cand engine 'Manage the local engine'
            cand console 'Open the engine''s web console'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s;help;init'= {
        }
        &'s;help;preview'= {
        }
        &'s;help;package'= {
        }
        &'s;help;deploy'= {
        }
        &'s;help;invoke'= {
        }
        &'s;help;info'= {
        }
        &'s;help;remove'= {
        }
        &'s;help;logs'= {
        }
        &'s;help;metrics'= {
        }
        &'s;help;config'= {
            cand add 'Store a credential under `-a ALIAS` (default: `default`)'
            cand get 'Show stored credentials (secrets masked), or only `-a ALIAS`'
            cand delete 'Delete the credential `-a ALIAS`'
            cand rename 'Rename an alias'
            cand default 'Make an alias the default'
            cand import 'Import the aliases of Serverless Devs'' `~/.s/access.yaml`'
        }
        &'s;help;config;add'= {
        }
        &'s;help;config;get'= {
        }
        &'s;help;config;delete'= {
        }
        &'s;help;config;rename'= {
        }
        &'s;help;config;default'= {
        }
        &'s;help;config;import'= {
        }
        &'s;help;build'= {
        }
        &'s;help;layer'= {
            cand publish 'Publish a folder or zip as a new layer version'
            cand list 'List layers with their newest version'
            cand versions 'List the versions of a layer'
            cand prepare-official 'Build the local equivalent of an FC official layer now (deploy builds it otherwise)'
            cand remove 'Remove one version of a layer, or all of them'
        }
        &'s;help;layer;publish'= {
        }
        &'s;help;layer;list'= {
        }
        &'s;help;layer;versions'= {
        }
        &'s;help;layer;prepare-official'= {
        }
        &'s;help;layer;remove'= {
        }
        &'s;help;version'= {
            cand publish 'Publish the function as it is deployed now as a new version'
            cand list 'List the versions, newest first'
            cand remove 'Remove a version (no alias may route to it)'
        }
        &'s;help;version;publish'= {
        }
        &'s;help;version;list'= {
        }
        &'s;help;version;remove'= {
        }
        &'s;help;alias'= {
            cand publish 'Create an alias, or update it when it exists'
            cand list 'List the aliases'
            cand get 'Show one alias'
            cand remove 'Remove an alias'
        }
        &'s;help;alias;publish'= {
        }
        &'s;help;alias;list'= {
        }
        &'s;help;alias;get'= {
        }
        &'s;help;alias;remove'= {
        }
        &'s;help;local'= {
            cand invoke 'Invoke a function from the project folder'
        }
        &'s;help;local;invoke'= {
        }
        &'s;help;task'= {
            cand list 'List async tasks'
            cand get 'Show one task'
            cand stop 'Stop a running task'
        }
        &'s;help;task;list'= {
        }
        &'s;help;task;get'= {
        }
        &'s;help;task;stop'= {
        }
        &'s;help;queue'= {
            cand list 'List local queues'
            cand receive 'Receive (and delete) messages'
            cand peek 'Show messages without deleting them'
        }
        &'s;help;queue;list'= {
        }
        &'s;help;queue;receive'= {
        }
        &'s;help;queue;peek'= {
        }
        &'s;help;bucket'= {
            cand cp 'Copy a file into a bucket (`s bucket cp a.jpg oss://images/in/a.jpg`) or out of one'
            cand ls 'List buckets, or the objects under `oss://bucket[/prefix]`'
            cand rm 'Remove an object (`oss://bucket/key`)'
        }
        &'s;help;bucket;cp'= {
        }
        &'s;help;bucket;ls'= {
        }
        &'s;help;bucket;rm'= {
        }
        &'s;help;engine'= {
            cand start 'Start the engine (in the foreground unless `--detach`)'
            cand status 'Show whether the engine runs, where, and what it holds'
            cand stop 'Stop a running engine'
        }
        &'s;help;engine;start'= {
        }
        &'s;help;engine;status'= {
        }
        &'s;help;engine;stop'= {
        }
        &'s;help;console'= {
        }
        &'s;help;completions'= {
        }
        &'s;help;help'= {
        }
    ]
    $completions[$command]
}
