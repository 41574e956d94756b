//! Times the core natively on the benchmark's events, to separate core cost from the wasm boundary.
//! `cargo run --release --example native_timing`
use std::time::Instant;

fn event(body_bytes: usize) -> Vec<u8> {
    use base64::Engine;
    let body = base64::engine::general_purpose::STANDARD.encode(vec![b'a'; body_bytes]);
    let headers: serde_json::Map<String, serde_json::Value> =
        (0..12).map(|i| (format!("X-Header-{i}"), format!("value-{i}-{}", "v".repeat(20)).into())).collect();
    serde_json::to_vec(&serde_json::json!({"path": "/api/users/42", "httpMethod": "POST", "headers": headers,
        "queryParameters": {"q": "x", "page": "2"}, "pathParameters": {"id": "42"}, "body": body, "isBase64Encoded": true}))
    .unwrap_or_default()
}

fn main() {
    for (label, bytes, n) in [
        ("2 KB", 1200, std::env::var("N").ok().and_then(|n| n.parse().ok()).unwrap_or(20_000)),
        ("1 MB", 768 * 1024, std::env::var("M").ok().and_then(|n| n.parse().ok()).unwrap_or(50)),
    ] {
        let input = event(bytes);
        let start = Instant::now();
        for _ in 0..n {
            let c = trigger_bridge::convert_event(&input, None, trigger_bridge::Format::TencentApigw).map(|c| c.into_json().to_json_string().len());
            std::hint::black_box(c.ok());
        }
        println!("{label}: {:.1} µs per conversion (native, JSON text out)", start.elapsed().as_secs_f64() * 1e6 / n as f64);
    }
}
