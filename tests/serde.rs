//! The `serde` feature: every result serializes through serde as exactly its JSON form.
#![cfg(feature = "serde")]

use std::fs;
use std::path::Path;

use trigger_bridge::json::ToJson;
use trigger_bridge::{client_response, convert_event, validate_event, Format};

fn same<T: serde::Serialize + ToJson>(value: &T) {
    let through_serde = serde_json::to_value(value).unwrap();
    let own: serde_json::Value = serde_json::from_str(&value.to_json().to_json_string()).unwrap();
    assert_eq!(through_serde, own);
}

#[test]
fn results_serialize_as_their_json_form() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for format in Format::HTTP {
        for file in fs::read_dir(root.join(format.id())).unwrap().flatten() {
            if file.path().extension().is_some_and(|e| e == "json") {
                let bytes = fs::read(file.path()).unwrap();
                for to in Format::HTTP {
                    same(&convert_event(&bytes, None, to).unwrap());
                }
                same(&validate_event(&bytes, None));
                seen += 1;
            }
        }
    }
    same(&client_response(br#"{"statusCode":"201","headers":{"a":1.50},"body":{"x":[1e3,-2]}}"#, Format::AliyunApigw));
    same(&client_response(b"[]", Format::TencentApigw));
    same(
        &trigger_bridge::cron::translate("0 30 9 * * MON-FRI", trigger_bridge::cron::Dialect::Aliyun, trigger_bridge::cron::Dialect::Tencent, None, None)
            .unwrap(),
    );
    assert!(seen > 10);
}
