use std::time::Instant;
fn main() {
    let body = "YWFh".repeat(300);
    let mut headers = String::new();
    for i in 0..12 {
        headers.push_str(&format!("\"X-Header-{i}\":\"value-{i}-vvvvvvvvvvvvvvvvvvvv\","));
    }
    headers.pop();
    let input = format!(
        r#"{{"path":"/api/users/42","httpMethod":"POST","headers":{{{headers}}},"queryParameters":{{"q":"x","page":"2"}},"pathParameters":{{"id":"42"}},"body":"{body}","isBase64Encoded":true}}"#
    );
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(50_000);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(trigger_bridge::json::parse(input.as_bytes()).ok());
    }
    println!("parse {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let v = trigger_bridge::json::parse(input.as_bytes()).unwrap();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(v.to_json_string());
    }
    println!("write {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(trigger_bridge::detect(input.as_bytes()).ok());
    }
    println!("detect {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(
            trigger_bridge::convert_event(input.as_bytes(), Some(trigger_bridge::Format::AliyunApigw), trigger_bridge::Format::TencentApigw).ok(),
        );
    }
    println!("convert {:.2} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
