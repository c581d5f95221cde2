#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| first_contact_fuzz_targets::delivery_frame(data));
