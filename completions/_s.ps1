
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 's' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        's'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        's' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print version (`-v` as in Serverless Devs, `-V` as in most tools)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version (`-v` as in Serverless Devs, `-V` as in most tools)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a project from a built-in template')
            [CompletionResult]::new('preview', 'preview', [CompletionResultType]::ParameterValue, 'Print the fully resolved manifest')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Build the code zip that deploy uploads')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy functions and triggers')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke a deployed function')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show what is deployed')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove deployed functions and triggers')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Query or stream function logs')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'Show invocation metrics')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Manage credentials')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Install function dependencies into the code folder')
            [CompletionResult]::new('layer', 'layer', [CompletionResultType]::ParameterValue, 'Publish and manage layers (shared code mounted at `/opt`)')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Publish and manage versions (frozen copies of a deployed function)')
            [CompletionResult]::new('alias', 'alias', [CompletionResultType]::ParameterValue, 'Publish and manage aliases (names for versions, with weighted routing)')
            [CompletionResult]::new('local', 'local', [CompletionResultType]::ParameterValue, 'Run functions from the project folder without deploying')
            [CompletionResult]::new('task', 'task', [CompletionResultType]::ParameterValue, 'Stateful async tasks')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Local queues that async destinations deliver to')
            [CompletionResult]::new('bucket', 'bucket', [CompletionResultType]::ParameterValue, 'Local OSS buckets (folders under `S_HOME/buckets`) that OSS triggers watch')
            [CompletionResult]::new('engine', 'engine', [CompletionResultType]::ParameterValue, 'Manage the local engine')
            [CompletionResult]::new('console', 'console', [CompletionResultType]::ParameterValue, 'Open the engine''s web console')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;init' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Project directory (default: the template name)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Project directory (default: the template name)')
            [CompletionResult]::new('--parameters', '--parameters', [CompletionResultType]::ParameterName, 'Template parameters as a JSON object')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the built-in templates')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Write into a folder that is not empty, replacing the template''s files there (`-y` only takes the defaults; it never overwrites)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;preview' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;package' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the zip here (default: `.s/<resource>.zip` next to the manifest)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;deploy' {
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Deploy only the function: `code` for its code alone, `config` for its settings alone')
            [CompletionResult]::new('--trigger', '--trigger', [CompletionResultType]::ParameterName, 'Deploy only triggers: all of them, or the named ones (`--trigger a,b`)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Serverless Devs 2.x spelling of `--function code|config`')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--async-invoke-config', '--async-invoke-config', [CompletionResultType]::ParameterName, 'Deploy only the async invocation config')
            [CompletionResult]::new('--skip-push', '--skip-push', [CompletionResultType]::ParameterName, 'Do not push the container image (the local engine pushes none; accepted for scripts)')
            [CompletionResult]::new('--use-local', '--use-local', [CompletionResultType]::ParameterName, 'Serverless Devs 2.x flag: the manifest is always the source of truth here')
            [CompletionResult]::new('--use-remote', '--use-remote', [CompletionResultType]::ParameterName, 'Serverless Devs 2.x flag with no meaning here')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        's;invoke' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Event payload as a string')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Event payload as a string')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Event payload from a file (`-` for stdin)')
            [CompletionResult]::new('--event-file', '--event-file', [CompletionResultType]::ParameterName, 'Event payload from a file (`-` for stdin)')
            [CompletionResult]::new('--invocation-type', '--invocation-type', [CompletionResultType]::ParameterName, '`sync` or `async`')
            [CompletionResult]::new('--async-task-id', '--async-task-id', [CompletionResultType]::ParameterName, 'Task id for a stateful async invocation')
            [CompletionResult]::new('--qualifier', '--qualifier', [CompletionResultType]::ParameterName, 'Version or alias')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Client timeout in seconds (default: function timeout + 5)')
            [CompletionResult]::new('--function-name', '--function-name', [CompletionResultType]::ParameterName, 'Function to invoke without a manifest')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of `--function-name` (the local engine serves every region''s functions)')
            [CompletionResult]::new('--stateful-async-invocation-id', '--stateful-async-invocation-id', [CompletionResultType]::ParameterName, 'Serverless Devs 2.x name of `--async-task-id`')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Print only the result, not the log tail and request details')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Serverless Devs 2.x: read the event from stdin (same as `-f -`)')
            [CompletionResult]::new('--event-stdin', '--event-stdin', [CompletionResultType]::ParameterName, 'Serverless Devs 2.x: read the event from stdin (same as `-f -`)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;info' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;remove' {
            [CompletionResult]::new('--trigger', '--trigger', [CompletionResultType]::ParameterName, 'Remove only triggers: all of them, or the named ones (`--trigger a,b`)')
            [CompletionResult]::new('--function-name', '--function-name', [CompletionResultType]::ParameterName, 'Function to remove without a manifest')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of `--function-name` (the local engine serves every region''s functions)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Remove only the function (with its triggers, which cannot outlive it)')
            [CompletionResult]::new('--async-invoke-config', '--async-invoke-config', [CompletionResultType]::ParameterName, 'Remove only the async invocation config')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;logs' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Start of the window (RFC 3339, epoch, or relative like `10m`)')
            [CompletionResult]::new('--start-time', '--start-time', [CompletionResultType]::ParameterName, 'Start of the window (RFC 3339, epoch, or relative like `10m`)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'End of the window')
            [CompletionResult]::new('--end-time', '--end-time', [CompletionResultType]::ParameterName, 'End of the window')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Only the lines of this invocation')
            [CompletionResult]::new('--request-id', '--request-id', [CompletionResultType]::ParameterName, 'Only the lines of this invocation')
            [CompletionResult]::new('--instance-id', '--instance-id', [CompletionResultType]::ParameterName, 'Only the lines of this instance')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, '`success` or `fail`')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only lines containing this text')
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Highlight this text')
            [CompletionResult]::new('--qualifier', '--qualifier', [CompletionResultType]::ParameterName, 'Only lines of invocations of this version or alias')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Serverless Devs'' SLS query language, which the local log store does not speak')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Stream new lines as they are written')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;metrics' {
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'How far back to look, e.g. `1h`')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Bucket size for charts, e.g. `1m`')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;config' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Store a credential under `-a ALIAS` (default: `default`)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show stored credentials (secrets masked), or only `-a ALIAS`')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete the credential `-a ALIAS`')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an alias')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make an alias the default')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import the aliases of Serverless Devs'' `~/.s/access.yaml`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;config;add' {
            [CompletionResult]::new('--AccessKeyID', '--AccessKeyID', [CompletionResultType]::ParameterName, 'The AccessKey ID (`-` reads it from stdin; asked for on a terminal when missing)')
            [CompletionResult]::new('--AccessKeySecret', '--AccessKeySecret', [CompletionResultType]::ParameterName, 'The AccessKey secret: `-` reads it from stdin (after the ID when that is `-` too); asked for on a terminal when missing')
            [CompletionResult]::new('--AccountID', '--AccountID', [CompletionResultType]::ParameterName, 'The Alibaba Cloud account ID (`--target fc` needs it); kept when replacing an alias')
            [CompletionResult]::new('--SecurityToken', '--SecurityToken', [CompletionResultType]::ParameterName, 'An STS security token, for temporary credentials')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where to keep the secret (default: where the alias keeps it now, else the keyring)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Replace the alias when it exists already')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the alias when it exists already')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        's;config;get' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;config;delete' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;config;rename' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'The alias to rename')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Its new name')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;config;default' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;config;import' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The file to import (default: `$serverless_devs_config_home/access.yaml`, else `~/.s/access.yaml`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where to keep the secrets')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace aliases that already exist')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        's;config;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Store a credential under `-a ALIAS` (default: `default`)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show stored credentials (secrets masked), or only `-a ALIAS`')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete the credential `-a ALIAS`')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an alias')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make an alias the default')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import the aliases of Serverless Devs'' `~/.s/access.yaml`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;config;help;add' {
            break
        }
        's;config;help;get' {
            break
        }
        's;config;help;delete' {
            break
        }
        's;config;help;rename' {
            break
        }
        's;config;help;default' {
            break
        }
        's;config;help;import' {
            break
        }
        's;config;help;help' {
            break
        }
        's;build' {
            [CompletionResult]::new('--python', '--python', [CompletionResultType]::ParameterName, 'Python interpreter to install with (default: `python3`)')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Node.js executable to install with (default: `node`, with the `npm` beside it)')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'Shell command to run in the code folder instead of the runtime''s installer')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Install again even when the inputs did not change')
            [CompletionResult]::new('--use-docker', '--use-docker', [CompletionResultType]::ParameterName, 'Accepted for Serverless Devs compatibility: the build runs on the host')
            [CompletionResult]::new('--use-sandbox', '--use-sandbox', [CompletionResultType]::ParameterName, 'Accepted for Serverless Devs compatibility: the build runs on the host')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;layer' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Publish a folder or zip as a new layer version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List layers with their newest version')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'List the versions of a layer')
            [CompletionResult]::new('prepare-official', 'prepare-official', [CompletionResultType]::ParameterValue, 'Build the local equivalent of an FC official layer now (deploy builds it otherwise)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one version of a layer, or all of them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;layer;publish' {
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Folder (or `.zip`) with the layer''s files, laid out as under `/opt`')
            [CompletionResult]::new('--layer-name', '--layer-name', [CompletionResultType]::ParameterName, 'Layer name')
            [CompletionResult]::new('--compatible-runtime', '--compatible-runtime', [CompletionResultType]::ParameterName, 'Runtimes the layer supports, comma-separated')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What this layer version holds')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;layer;list' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only layers whose name starts with this')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;layer;versions' {
            [CompletionResult]::new('--layer-name', '--layer-name', [CompletionResultType]::ParameterName, 'Layer name (as Serverless Devs spells it)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;layer;prepare-official' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;layer;remove' {
            [CompletionResult]::new('--layer-name', '--layer-name', [CompletionResultType]::ParameterName, 'Layer name (as Serverless Devs spells it)')
            [CompletionResult]::new('--version-id', '--version-id', [CompletionResultType]::ParameterName, 'The version to remove (default: every version)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;layer;help' {
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Publish a folder or zip as a new layer version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List layers with their newest version')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'List the versions of a layer')
            [CompletionResult]::new('prepare-official', 'prepare-official', [CompletionResultType]::ParameterValue, 'Build the local equivalent of an FC official layer now (deploy builds it otherwise)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one version of a layer, or all of them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;layer;help;publish' {
            break
        }
        's;layer;help;list' {
            break
        }
        's;layer;help;versions' {
            break
        }
        's;layer;help;prepare-official' {
            break
        }
        's;layer;help;remove' {
            break
        }
        's;layer;help;help' {
            break
        }
        's;version' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Publish the function as it is deployed now as a new version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the versions, newest first')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a version (no alias may route to it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;version;publish' {
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What this version is, e.g. the release it ships')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;version;list' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;version;remove' {
            [CompletionResult]::new('--version-id', '--version-id', [CompletionResultType]::ParameterName, 'The version to remove')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;version;help' {
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Publish the function as it is deployed now as a new version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the versions, newest first')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a version (no alias may route to it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;version;help;publish' {
            break
        }
        's;version;help;list' {
            break
        }
        's;version;help;remove' {
            break
        }
        's;version;help;help' {
            break
        }
        's;alias' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Create an alias, or update it when it exists')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the aliases')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one alias')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an alias')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;alias;publish' {
            [CompletionResult]::new('--alias-name', '--alias-name', [CompletionResultType]::ParameterName, 'The alias to create or update')
            [CompletionResult]::new('--version-id', '--version-id', [CompletionResultType]::ParameterName, 'The version the alias routes to (`latest`: the newest published version)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What the alias is for')
            [CompletionResult]::new('--additional-version-weight', '--additional-version-weight', [CompletionResultType]::ParameterName, 'Shares of invocations for other versions, as JSON: `{"2": 0.1}`')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;alias;list' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;alias;get' {
            [CompletionResult]::new('--alias-name', '--alias-name', [CompletionResultType]::ParameterName, 'The alias to show')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;alias;remove' {
            [CompletionResult]::new('--alias-name', '--alias-name', [CompletionResultType]::ParameterName, 'The alias to remove')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;alias;help' {
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Create an alias, or update it when it exists')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the aliases')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one alias')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an alias')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;alias;help;publish' {
            break
        }
        's;alias;help;list' {
            break
        }
        's;alias;help;get' {
            break
        }
        's;alias;help;remove' {
            break
        }
        's;alias;help;help' {
            break
        }
        's;local' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke a function from the project folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;local;invoke' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Event payload as a string')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Event payload as a string')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Event payload from a file (`-` for stdin)')
            [CompletionResult]::new('--event-file', '--event-file', [CompletionResultType]::ParameterName, 'Event payload from a file (`-` for stdin)')
            [CompletionResult]::new('--invocation-type', '--invocation-type', [CompletionResultType]::ParameterName, '`sync` or `async`')
            [CompletionResult]::new('--async-task-id', '--async-task-id', [CompletionResultType]::ParameterName, 'Task id for a stateful async invocation')
            [CompletionResult]::new('--qualifier', '--qualifier', [CompletionResultType]::ParameterName, 'Version or alias')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Client timeout in seconds (default: function timeout + 5)')
            [CompletionResult]::new('--function-name', '--function-name', [CompletionResultType]::ParameterName, 'Function to invoke without a manifest')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of `--function-name` (the local engine serves every region''s functions)')
            [CompletionResult]::new('--stateful-async-invocation-id', '--stateful-async-invocation-id', [CompletionResultType]::ParameterName, 'Serverless Devs 2.x name of `--async-task-id`')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Print only the result, not the log tail and request details')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Serverless Devs 2.x: read the event from stdin (same as `-f -`)')
            [CompletionResult]::new('--event-stdin', '--event-stdin', [CompletionResultType]::ParameterName, 'Serverless Devs 2.x: read the event from stdin (same as `-f -`)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;local;help' {
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke a function from the project folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;local;help;invoke' {
            break
        }
        's;local;help;help' {
            break
        }
        's;task' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List async tasks')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one task')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running task')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;task;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only tasks in this status (`Running`, `Failed`, ...; any case)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many, newest first')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;task;get' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;task;stop' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;task;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List async tasks')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one task')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running task')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;task;help;list' {
            break
        }
        's;task;help;get' {
            break
        }
        's;task;help;stop' {
            break
        }
        's;task;help;help' {
            break
        }
        's;queue' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List local queues')
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Receive (and delete) messages')
            [CompletionResult]::new('peek', 'peek', [CompletionResultType]::ParameterValue, 'Show messages without deleting them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;queue;list' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;queue;receive' {
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Take at most this many messages')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait up to this many seconds for a first message')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;queue;peek' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;queue;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List local queues')
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Receive (and delete) messages')
            [CompletionResult]::new('peek', 'peek', [CompletionResultType]::ParameterValue, 'Show messages without deleting them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;queue;help;list' {
            break
        }
        's;queue;help;receive' {
            break
        }
        's;queue;help;peek' {
            break
        }
        's;queue;help;help' {
            break
        }
        's;bucket' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy a file into a bucket (`s bucket cp a.jpg oss://images/in/a.jpg`) or out of one')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List buckets, or the objects under `oss://bucket[/prefix]`')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an object (`oss://bucket/key`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;bucket;cp' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;bucket;ls' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait up to this many seconds for a first object under the prefix (e.g. one a trigger writes)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;bucket;rm' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;bucket;help' {
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy a file into a bucket (`s bucket cp a.jpg oss://images/in/a.jpg`) or out of one')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List buckets, or the objects under `oss://bucket[/prefix]`')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an object (`oss://bucket/key`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;bucket;help;cp' {
            break
        }
        's;bucket;help;ls' {
            break
        }
        's;bucket;help;rm' {
            break
        }
        's;bucket;help;help' {
            break
        }
        's;engine' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the engine (in the foreground unless `--detach`)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the engine runs, where, and what it holds')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running engine')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;engine;start' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (default: from `S_ENGINE`, else 127.0.0.1:9630); any address other than loopback needs `-a ALIAS`, and then every request must be signed with its key')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Seconds an idle instance is kept before it is reaped')
            [CompletionResult]::new('--max-instances', '--max-instances', [CompletionResultType]::ParameterName, 'Maximum instances across all functions')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Run in the background and return once it answers')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;engine;status' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;engine;stop' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;engine;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the engine (in the foreground unless `--detach`)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the engine runs, where, and what it holds')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running engine')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;engine;help;start' {
            break
        }
        's;engine;help;status' {
            break
        }
        's;engine;help;stop' {
            break
        }
        's;engine;help;help' {
            break
        }
        's;console' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;completions' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Manifest file (default: `s.yaml`, then `s.yml`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('--access', '--access', [CompletionResultType]::ParameterName, 'Credential alias from `s config`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Where to deploy: `local` (default), `fc`, or an engine URL `http(s)://host:port`')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'FC API endpoint for `--target fc` (overrides `props.endpoint`), e.g. `fcv3.cn-hangzhou.aliyuncs.com`')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show debug output, including HTTP exchanges')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--assume-yes', '--assume-yes', [CompletionResultType]::ParameterName, 'Answer yes to every question')
            [CompletionResult]::new('--skip-actions', '--skip-actions', [CompletionResultType]::ParameterName, 'Skip `actions` hooks')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        's;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a project from a built-in template')
            [CompletionResult]::new('preview', 'preview', [CompletionResultType]::ParameterValue, 'Print the fully resolved manifest')
            [CompletionResult]::new('package', 'package', [CompletionResultType]::ParameterValue, 'Build the code zip that deploy uploads')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy functions and triggers')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke a deployed function')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show what is deployed')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove deployed functions and triggers')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Query or stream function logs')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'Show invocation metrics')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Manage credentials')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Install function dependencies into the code folder')
            [CompletionResult]::new('layer', 'layer', [CompletionResultType]::ParameterValue, 'Publish and manage layers (shared code mounted at `/opt`)')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Publish and manage versions (frozen copies of a deployed function)')
            [CompletionResult]::new('alias', 'alias', [CompletionResultType]::ParameterValue, 'Publish and manage aliases (names for versions, with weighted routing)')
            [CompletionResult]::new('local', 'local', [CompletionResultType]::ParameterValue, 'Run functions from the project folder without deploying')
            [CompletionResult]::new('task', 'task', [CompletionResultType]::ParameterValue, 'Stateful async tasks')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Local queues that async destinations deliver to')
            [CompletionResult]::new('bucket', 'bucket', [CompletionResultType]::ParameterValue, 'Local OSS buckets (folders under `S_HOME/buckets`) that OSS triggers watch')
            [CompletionResult]::new('engine', 'engine', [CompletionResultType]::ParameterValue, 'Manage the local engine')
            [CompletionResult]::new('console', 'console', [CompletionResultType]::ParameterValue, 'Open the engine''s web console')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's;help;init' {
            break
        }
        's;help;preview' {
            break
        }
        's;help;package' {
            break
        }
        's;help;deploy' {
            break
        }
        's;help;invoke' {
            break
        }
        's;help;info' {
            break
        }
        's;help;remove' {
            break
        }
        's;help;logs' {
            break
        }
        's;help;metrics' {
            break
        }
        's;help;config' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Store a credential under `-a ALIAS` (default: `default`)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show stored credentials (secrets masked), or only `-a ALIAS`')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete the credential `-a ALIAS`')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an alias')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Make an alias the default')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import the aliases of Serverless Devs'' `~/.s/access.yaml`')
            break
        }
        's;help;config;add' {
            break
        }
        's;help;config;get' {
            break
        }
        's;help;config;delete' {
            break
        }
        's;help;config;rename' {
            break
        }
        's;help;config;default' {
            break
        }
        's;help;config;import' {
            break
        }
        's;help;build' {
            break
        }
        's;help;layer' {
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Publish a folder or zip as a new layer version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List layers with their newest version')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'List the versions of a layer')
            [CompletionResult]::new('prepare-official', 'prepare-official', [CompletionResultType]::ParameterValue, 'Build the local equivalent of an FC official layer now (deploy builds it otherwise)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one version of a layer, or all of them')
            break
        }
        's;help;layer;publish' {
            break
        }
        's;help;layer;list' {
            break
        }
        's;help;layer;versions' {
            break
        }
        's;help;layer;prepare-official' {
            break
        }
        's;help;layer;remove' {
            break
        }
        's;help;version' {
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Publish the function as it is deployed now as a new version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the versions, newest first')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a version (no alias may route to it)')
            break
        }
        's;help;version;publish' {
            break
        }
        's;help;version;list' {
            break
        }
        's;help;version;remove' {
            break
        }
        's;help;alias' {
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Create an alias, or update it when it exists')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the aliases')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one alias')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an alias')
            break
        }
        's;help;alias;publish' {
            break
        }
        's;help;alias;list' {
            break
        }
        's;help;alias;get' {
            break
        }
        's;help;alias;remove' {
            break
        }
        's;help;local' {
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke a function from the project folder')
            break
        }
        's;help;local;invoke' {
            break
        }
        's;help;task' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List async tasks')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one task')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running task')
            break
        }
        's;help;task;list' {
            break
        }
        's;help;task;get' {
            break
        }
        's;help;task;stop' {
            break
        }
        's;help;queue' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List local queues')
            [CompletionResult]::new('receive', 'receive', [CompletionResultType]::ParameterValue, 'Receive (and delete) messages')
            [CompletionResult]::new('peek', 'peek', [CompletionResultType]::ParameterValue, 'Show messages without deleting them')
            break
        }
        's;help;queue;list' {
            break
        }
        's;help;queue;receive' {
            break
        }
        's;help;queue;peek' {
            break
        }
        's;help;bucket' {
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy a file into a bucket (`s bucket cp a.jpg oss://images/in/a.jpg`) or out of one')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List buckets, or the objects under `oss://bucket[/prefix]`')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an object (`oss://bucket/key`)')
            break
        }
        's;help;bucket;cp' {
            break
        }
        's;help;bucket;ls' {
            break
        }
        's;help;bucket;rm' {
            break
        }
        's;help;engine' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the engine (in the foreground unless `--detach`)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the engine runs, where, and what it holds')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running engine')
            break
        }
        's;help;engine;start' {
            break
        }
        's;help;engine;status' {
            break
        }
        's;help;engine;stop' {
            break
        }
        's;help;console' {
            break
        }
        's;help;completions' {
            break
        }
        's;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
