//! Issue 10, item 8: time and memory grow with the input, not faster. Each check runs an input and one
//! twice its size and asserts the ratio (at most about twice the time and the peak memory), never an
//! absolute time. Peak memory is counted by a global allocator; the checks run one at a time, in one
//! test, so that nothing else allocates while one is measured.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use trigger_bridge::{client, convert_event_value, json, Format, LossCode};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Best time of three runs and the largest peak above what was allocated before, for `run` on a fresh
/// input from `make` each time (the input is made before measuring and counts as already there).
fn measure<I, O>(make: &dyn Fn() -> I, run: &dyn Fn(I) -> O) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut peak = 0;
    for _ in 0..3 {
        let input = make();
        let base = CURRENT.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let start = Instant::now();
        let out = run(input);
        best = best.min(start.elapsed());
        peak = peak.max(PEAK.load(Ordering::Relaxed) - base);
        drop(out);
    }
    (best, peak)
}

/// Run `what` at size `n` and `2n`; the larger may take about twice the time and memory (3 times with
/// room for noise on a shared machine; quadratic growth is 4 times and more).
/// `max_multiple` bounds the larger peak against its input: small fields cost their `String`s' headers.
fn assert_linear<I, O>(what: &str, n: usize, make: &dyn Fn(usize) -> I, run: &dyn Fn(I) -> O, input_size: &dyn Fn(usize) -> usize, max_multiple: usize) {
    // Other processes share the machine: a time ratio over the bound is measured again (up to three
    // times) before it counts. Quadratic growth fails every time; a noisy neighbour does not.
    let (mut t1, mut m1, mut t2, mut m2) = (Duration::ZERO, 0, Duration::ZERO, 0);
    let mut time_ratio = f64::INFINITY;
    for _ in 0..3 {
        (t1, m1) = measure(&|| make(n), run);
        (t2, m2) = measure(&|| make(2 * n), run);
        time_ratio = t2.as_secs_f64() / t1.as_secs_f64().max(1e-6);
        if time_ratio < 3.0 || t2 < Duration::from_millis(20) {
            break;
        }
    }
    let memory_ratio = m2 as f64 / m1.max(1) as f64;
    eprintln!("{what}: {t1:?} -> {t2:?} ({time_ratio:.2}x), peak {m1} -> {m2} bytes ({memory_ratio:.2}x) for {} -> {} bytes", input_size(n), input_size(2 * n));
    assert!(time_ratio < 3.0 || t2 < Duration::from_millis(20), "{what}: twice the input took {time_ratio:.2} times as long ({t1:?}, {t2:?})");
    assert!(memory_ratio < 2.5, "{what}: twice the input needed {memory_ratio:.2} times the memory ({m1}, {m2})");
    assert!(m2 < max_multiple * input_size(2 * n), "{what}: {m2} bytes at peak for {} bytes of input", input_size(2 * n));
}

fn long_headers(count: usize) -> Vec<u8> {
    // Issue 10, item 1: values of 65,536 bytes, where parse_owned used to copy the rest of the document.
    let value = "v".repeat(65_536);
    let headers: Vec<String> = (0..count).map(|i| format!("\"X-H{i}\":\"{value}\"")).collect();
    format!(r#"{{"httpMethod":"GET","path":"/","queryParameters":{{}},"headers":{{{}}},"body":""}}"#, headers.join(",")).into_bytes()
}

fn repeated_query(values: usize) -> Vec<u8> {
    // Issue 10, item 2: one loss per value, each quoting the key. (A long key repeated N times is still
    // held N times by the neutral model, which has no shared keys: see docs/limits.md.)
    let key = "k".repeat(24);
    let list: Vec<String> = (0..values).map(|i| format!("\"{i}\"")).collect();
    format!(r#"{{"httpMethod":"GET","path":"/","headers":{{}},"queryString":{{"{key}":[{}]}},"requestContext":{{}}}}"#, list.join(",")).into_bytes()
}

fn big_result(size: usize) -> Vec<u8> {
    format!(r#"{{"statusCode":200,"headers":{{"Content-Type":"text/plain"}},"body":"{}"}}"#, "x".repeat(size)).into_bytes()
}

#[test]
fn time_and_memory_grow_linearly() {
    assert_linear("parse_owned, 64 KiB header values", 60, &long_headers, &|bytes: Vec<u8>| json::parse_owned(bytes).unwrap(), &|n| long_headers(n).len(), 3);
    assert_linear(
        "convert, 64 KiB header values",
        60,
        &long_headers,
        &|bytes: Vec<u8>| convert_event_value(json::parse_owned(bytes).unwrap(), None, Format::TencentApigw).unwrap(),
        &|n| long_headers(n).len(),
        3,
    );
    assert_linear(
        "convert, a repeated query key",
        10_000,
        &repeated_query,
        &|bytes: Vec<u8>| {
            let c = convert_event_value(json::parse_owned(bytes).unwrap(), None, Format::AliyunApigw).unwrap();
            assert_eq!(c.losses.iter().filter(|l| l.code == LossCode::QueryRepeatedDropped).count(), 1);
            c
        },
        &|n| repeated_query(n).len(),
        40,
    );
    assert_linear(
        "client_response_owned, a large body",
        4 << 20,
        &big_result,
        &|bytes: Vec<u8>| client::client_response_owned(bytes, Format::AliyunHttp),
        &|n| big_result(n).len(),
        2,
    );
    // The result's own buffer becomes the body: the peak is about the result once, not 13 times.
    let result = big_result(8 << 20);
    let size = result.len();
    let (_, peak) = measure(&|| result.clone(), &|bytes: Vec<u8>| client::client_response_owned(bytes, Format::AliyunHttp));
    assert!(peak < size / 2, "client_response_owned needed {peak} more bytes for a {size}-byte result");
}
