//! The one integration-test binary: CLI contract and exit codes, golden pages and the seed,
//! and the bad-input cases, all run against the real library and the real `warta` binary.

#[path = "suite/util.rs"]
mod util;

#[path = "suite/cli.rs"]
mod cli;

#[path = "suite/golden.rs"]
mod golden;

#[path = "suite/seed.rs"]
mod seed;

#[path = "suite/bad_cases.rs"]
mod bad_cases;

#[path = "suite/bad_input.rs"]
mod bad_input;

#[path = "suite/fetch.rs"]
mod fetch;

#[path = "suite/warc.rs"]
mod warc;

#[path = "suite/batch.rs"]
mod batch;

#[path = "suite/push.rs"]
mod push;
#[path = "suite/index.rs"]
mod index;
#[path = "suite/props.rs"]
mod props;
