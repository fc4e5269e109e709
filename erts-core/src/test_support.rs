//! Settings shared by the crate's property tests.

use proptest::test_runner::Config;

/// `native_cases` cases normally; two under Miri, without the regression
/// files that Miri's isolation cannot read.
pub(crate) fn proptest_config(native_cases: u32) -> Config {
    if cfg!(miri) {
        return Config {
            cases: 2,
            failure_persistence: None,
            ..Config::default()
        };
    }
    Config {
        cases: native_cases,
        ..Config::default()
    }
}
