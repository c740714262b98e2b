//! API object types, hand-written serde structs shaped like the upstream `k8s.io/api` types
//! (field names and JSON/YAML layout as the API server serves them).

pub mod core;
pub mod meta;

pub use self::core::*;
pub use self::meta::*;
