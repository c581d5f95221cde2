#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| first_contact_fuzz_targets::enrollment_request(data));
