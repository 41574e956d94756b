//! Fixture helpers shared by the tests of the object-storage and message-queue formats.

use std::fs;
use std::path::Path;

use trigger_bridge::{convert_event, Format, Loss};

/// `tests/fixtures/<format id>/<name>.json`.
pub fn fixture(format: Format, name: &str) -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(format.id()).join(format!("{name}.json"))).unwrap()
}

/// JSON bytes as a serde_json value, the reference reader.
pub fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap()
}

/// The event converted into `to` (its format detected), read back by serde_json, and the losses.
pub fn converted(bytes: &[u8], to: Format) -> (serde_json::Value, Vec<Loss>) {
    let c = convert_event(bytes, None, to).unwrap();
    (json(c.output.to_json_string().as_bytes()), c.losses)
}
