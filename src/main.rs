//! The native `trigger-bridge` command. All logic lives in [`trigger_bridge::cli`]; this only wires it to
//! the process's arguments, files, clock and streams.

use std::io::{Read, Write};
use std::process::ExitCode;

struct NativeHost;

impl trigger_bridge::cli::Host for NativeHost {
    fn read(&mut self, path: &str) -> Result<Vec<u8>, String> {
        let result = if path == "-" {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map(|_| buf)
        } else {
            std::fs::read(path)
        };
        result.map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "not found".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
            _ => e.to_string(),
        })
    }

    fn now(&self) -> i64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = trigger_bridge::cli::run(&args, &mut NativeHost);
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(&out.stdout);
    let _ = std::io::stderr().write_all(out.stderr.as_bytes());
    ExitCode::from(out.code)
}
