//! Metadata tests on real page fragments and on pages copied into `fixtures/meta/`.

use super::*;
