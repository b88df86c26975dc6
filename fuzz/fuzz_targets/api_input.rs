//! What the API and `s deploy` parse from JSON: CreateFunction / UpdateFunction bodies (and
//! the function record built from them), trigger bodies with their `triggerConfig`, fc3
//! component props, destination ARNs and the signer's query canonicalization.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(input) = serde_json::from_slice::<s::fc::FunctionInput>(data) {
        let mut function = s::fc::Function::from_input(&input);
        function.apply_input(&input);
        let _ = (function.memory_mb(), function.timeout_s());
        let _ = function.concurrency_per_instance();
        let _ = serde_json::to_vec(&function);
    }
    if let Ok(trigger) = serde_json::from_slice::<s::fc::TriggerInput>(data) {
        let _ = serde_json::to_vec(&trigger);
    }
    if let Ok(props) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = s::fc::function_input_from_props(&props);
    }
    let text = String::from_utf8_lossy(data);
    let _ = s::fc::parse_destination(&text);
    let pairs: Vec<(String, String)> = text
        .split('&')
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    let _ = s::fc::signature::canonical_query(&pairs);
});
