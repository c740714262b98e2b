//! Resource types as kubectl resolves them: the API server's discovery data.

pub use cluster::discovery::{lookup, ResourceType, RESOURCE_TYPES};
