//! Hash maps and sets for word lists and per-document tables, with foldhash's fast hasher at a
//! fixed seed: the keys are short words, SipHash's flood protection is not needed for them, and
//! a fixed seed keeps every run's iteration order the same.

/// A `HashMap` with the fast, fixed-seed hasher.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
/// A `HashSet` with the fast, fixed-seed hasher.
pub type Set<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;
