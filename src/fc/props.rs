//! From s.yaml `props` (fc3 component) to the API's function input, and from an input to the
//! stored Function. One owner for both, used by deploy, the engine, and `s local invoke`.

use super::{Function, FunctionInput, FunctionLayer};

/// Props keys that configure something other than the function itself.
const NON_FUNCTION_PROPS: &[&str] = &[
    "region",
    "code",
    "triggers",
    "asyncInvokeConfig",
    "concurrencyConfig",
    "provisionConfig",
    "scalingConfig",
    "customDomain",
    "vpcBinding",
    "endpoint",
    "artifact",
];

/// Build the function part of an fc3 resource's props (everything but `code` and the
/// sibling configs). `code` is packaged separately by the caller.
pub fn function_input_from_props(props: &serde_json::Value) -> Result<FunctionInput, String> {
    let mut map = props
        .as_object()
        .cloned()
        .ok_or_else(|| "`props` must be a mapping".to_string())?;
    for key in NON_FUNCTION_PROPS {
        map.remove(*key);
    }
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| e.to_string())
}

/// The handler Serverless Devs' fc3 sends for a custom runtime or container whose manifest
/// has none: FC requires the field, and these runtimes never read it, so public templates
/// leave it out.
pub const DEFAULT_CUSTOM_HANDLER: &str = "handler";

/// Whether a create request for `runtime` gets [`DEFAULT_CUSTOM_HANDLER`] when it names no
/// handler (fc3 keeps the target's handler on update, so only creates need it).
pub fn takes_default_handler(runtime: &str) -> bool {
    runtime == "custom" || runtime.starts_with("custom.") || runtime == "custom-container"
}

impl FunctionInput {
    /// Fill in what fc3 fills in before a create: the custom runtimes' handler.
    pub fn with_create_defaults(mut self) -> FunctionInput {
        let runtime = self.runtime.as_deref().unwrap_or_default();
        if self.handler.is_none() && takes_default_handler(runtime) {
            self.handler = Some(DEFAULT_CUSTOM_HANDLER.to_string());
        }
        self
    }
}

/// Defaults FC applies when a create request leaves a field out.
pub const DEFAULT_MEMORY_MB: u32 = 512;
pub const DEFAULT_TIMEOUT_S: u32 = 3;
pub const DEFAULT_CUSTOM_PORT: u16 = 9000;

impl Function {
    /// A new function from a create request, with FC's defaults for absent fields.
    pub fn from_input(input: &FunctionInput) -> Function {
        let mut function = Function {
            function_name: input.function_name.clone().unwrap_or_default(),
            memory_size: Some(DEFAULT_MEMORY_MB),
            timeout: Some(DEFAULT_TIMEOUT_S),
            instance_concurrency: Some(1),
            internet_access: Some(true),
            ..Function::default()
        };
        function.apply_input(input);
        function
    }

    /// Apply an update: fields present in `input` replace ours, absent ones stay.
    pub fn apply_input(&mut self, input: &FunctionInput) {
        macro_rules! take {
            ($field:ident) => {
                if let Some(v) = &input.$field {
                    self.$field = v.clone().into();
                }
            };
        }
        take!(runtime);
        take!(handler);
        take!(description);
        if input.memory_size.is_some() {
            self.memory_size = input.memory_size;
        }
        if input.cpu.is_some() {
            self.cpu = input.cpu;
        }
        if input.disk_size.is_some() {
            self.disk_size = input.disk_size;
        }
        if input.timeout.is_some() {
            self.timeout = input.timeout;
        }
        if input.instance_concurrency.is_some() {
            self.instance_concurrency = input.instance_concurrency;
        }
        if let Some(env) = &input.environment_variables {
            self.environment_variables = env.clone();
        }
        if let Some(layers) = &input.layers {
            self.layers = layers
                .iter()
                .map(|arn| FunctionLayer {
                    arn: arn.clone(),
                    size: 0,
                })
                .collect();
        }
        if input.custom_runtime_config.is_some() {
            self.custom_runtime_config = input.custom_runtime_config.clone();
        }
        if input.instance_lifecycle_config.is_some() {
            self.instance_lifecycle_config = input.instance_lifecycle_config.clone();
        }
        if input.internet_access.is_some() {
            self.internet_access = input.internet_access;
        }
        if input.role.is_some() {
            self.role = input.role.clone();
        }
        for (key, value) in &input.extra {
            if key != "tags" && key != "resourceGroupId" {
                self.extra.insert(key.clone(), value.clone());
            }
        }
    }

    pub fn memory_mb(&self) -> u32 {
        self.memory_size.unwrap_or(DEFAULT_MEMORY_MB)
    }

    pub fn timeout_s(&self) -> u32 {
        self.timeout.unwrap_or(DEFAULT_TIMEOUT_S)
    }

    pub fn concurrency_per_instance(&self) -> u32 {
        self.instance_concurrency.unwrap_or(1).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn props_become_function_input_without_sibling_configs() {
        let props = json!({
            "region": "cn-hangzhou", "functionName": "f", "runtime": "python3.10",
            "handler": "index.handler", "code": "./code", "memorySize": 256,
            "triggers": [{"triggerName": "t"}], "vpcConfig": {"vpcId": "v"}
        });
        let input = function_input_from_props(&props).unwrap();
        assert_eq!(input.function_name.as_deref(), Some("f"));
        assert_eq!(input.memory_size, Some(256));
        assert!(input.code.is_none());
        assert!(input.extra.contains_key("vpcConfig"));
        assert!(!input.extra.contains_key("triggers"));
    }

    #[test]
    fn create_applies_fc_defaults_and_update_keeps_absent_fields() {
        let input = FunctionInput {
            function_name: Some("f".into()),
            runtime: Some("python3.10".into()),
            handler: Some("index.handler".into()),
            ..Default::default()
        };
        let mut f = Function::from_input(&input);
        assert_eq!(f.memory_mb(), 512);
        assert_eq!(f.timeout_s(), 3);
        f.apply_input(&FunctionInput {
            timeout: Some(30),
            ..Default::default()
        });
        assert_eq!(f.timeout_s(), 30);
        assert_eq!(f.handler, "index.handler");
    }

    #[test]
    fn custom_runtimes_without_handler_get_fc3s_default_on_create_only() {
        for runtime in [
            "custom",
            "custom.debian10",
            "custom.debian12",
            "custom-container",
        ] {
            let input = FunctionInput {
                runtime: Some(runtime.into()),
                ..Default::default()
            };
            assert_eq!(
                input.with_create_defaults().handler.as_deref(),
                Some("handler")
            );
        }
        let named = FunctionInput {
            runtime: Some("custom.debian10".into()),
            handler: Some("app.main".into()),
            ..Default::default()
        };
        assert_eq!(
            named.with_create_defaults().handler.as_deref(),
            Some("app.main")
        );
        let python = FunctionInput {
            runtime: Some("python3.10".into()),
            ..Default::default()
        };
        assert_eq!(python.with_create_defaults().handler, None);
    }
}
