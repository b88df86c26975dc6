//! A small HTTP load client for the benchmarks: POSTs one payload to a URL from N concurrent
//! keep-alive connections and prints latency percentiles and throughput as JSON.
//!
//! usage: loadgen URL [--body STR] [--concurrency N] [--requests N] [--warmup N] [--header K:V]...
//!
//! Warm-up requests (default: max(concurrency, 20)) are plain synchronous POSTs without the
//! extra headers; they open the connections and start the function's instances.

use std::time::{Duration, Instant};

struct Options {
    url: String,
    body: String,
    concurrency: usize,
    requests: usize,
    warmup: Option<usize>,
    headers: Vec<(String, String)>,
}

fn parse_args() -> Options {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        url: String::new(),
        body: "{}".into(),
        concurrency: 1,
        requests: 2000,
        warmup: None,
        headers: Vec::new(),
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("flag needs a value");
        match arg.as_str() {
            "--body" => options.body = value(),
            "--concurrency" => options.concurrency = value().parse().expect("a number"),
            "--requests" => options.requests = value().parse().expect("a number"),
            "--warmup" => options.warmup = Some(value().parse().expect("a number")),
            "--header" => {
                let v = value();
                let (k, val) = v.split_once(':').expect("K:V");
                options.headers.push((k.trim().into(), val.trim().into()));
            }
            url => options.url = url.to_string(),
        }
    }
    assert!(
        !options.url.is_empty(),
        "usage: loadgen URL [--body STR] [--concurrency N] [--requests N] [--warmup N]"
    );
    options
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let options = parse_args();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(options.concurrency)
        .build()
        .unwrap();
    // Warm the connections and the function's instances first.
    let warmup = options.warmup.unwrap_or(options.concurrency.max(20));
    for _ in 0..warmup {
        let _ = client
            .post(&options.url)
            .body(options.body.clone())
            .send()
            .await;
    }
    let per_worker = options.requests.div_ceil(options.concurrency);
    let started = Instant::now();
    let workers: Vec<_> = (0..options.concurrency)
        .map(|_| {
            let client = client.clone();
            let url = options.url.clone();
            let body = options.body.clone();
            let headers = options.headers.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(per_worker);
                let mut tally = Tally::default();
                for _ in 0..per_worker {
                    let t = Instant::now();
                    let mut request = client.post(&url).body(body.clone());
                    for (k, v) in &headers {
                        request = request.header(k, v);
                    }
                    tally.add(request.send().await).await;
                    latencies.push(t.elapsed());
                }
                (latencies, tally)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut tally = Tally::default();
    for w in workers {
        let (l, t) = w.await.unwrap();
        latencies.extend(l);
        tally.merge(t);
    }
    let errors = tally.errors();
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    println!(
        "{{\"requests\":{},\"concurrency\":{},\"errors\":{},{},\"p50_ms\":{:.3},\"p90_ms\":{:.3},\"p99_ms\":{:.3},\"max_ms\":{:.3},\"throughput_rps\":{:.0}}}",
        latencies.len(),
        options.concurrency,
        errors,
        tally.json_fields(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.90),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        latencies.len() as f64 / elapsed
    );
}

/// How the requests ended: HTTP statuses, function errors (200 with `x-fc-error-type`),
/// failures to connect or read (e.g. while the engine restarts), and error responses
/// without an FC error body (`Code`), which a caller could not make sense of.
#[derive(Default)]
struct Tally {
    statuses: std::collections::BTreeMap<u16, usize>,
    function_errors: usize,
    transport: usize,
    unclear: usize,
}

impl Tally {
    async fn add(&mut self, result: reqwest::Result<reqwest::Response>) {
        let Ok(response) = result else {
            self.transport += 1;
            return;
        };
        let status = response.status();
        *self.statuses.entry(status.as_u16()).or_default() += 1;
        if response.headers().contains_key("x-fc-error-type") {
            self.function_errors += 1;
        }
        match response.bytes().await {
            Ok(body) if !status.is_success() => {
                if !String::from_utf8_lossy(&body).contains("\"Code\"") {
                    self.unclear += 1;
                }
            }
            Ok(_) => {}
            Err(_) => self.transport += 1,
        }
    }

    fn merge(&mut self, other: Tally) {
        for (status, n) in other.statuses {
            *self.statuses.entry(status).or_default() += n;
        }
        self.function_errors += other.function_errors;
        self.transport += other.transport;
        self.unclear += other.unclear;
    }

    /// Requests that did not get a 2xx answer.
    fn errors(&self) -> usize {
        let failed: usize = self
            .statuses
            .iter()
            .filter(|(s, _)| !(200..300).contains(*s))
            .map(|(_, n)| n)
            .sum();
        failed + self.transport
    }

    fn json_fields(&self) -> String {
        let statuses: Vec<String> = self
            .statuses
            .iter()
            .map(|(s, n)| format!("\"{s}\":{n}"))
            .collect();
        format!(
            "\"statuses\":{{{}}},\"function_errors\":{},\"transport_errors\":{},\"unclear_errors\":{}",
            statuses.join(","),
            self.function_errors,
            self.transport,
            self.unclear
        )
    }
}
