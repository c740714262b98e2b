//! The simulated Kubernetes cluster. Pure Rust, no I/O and no web dependency: everything it does
//! is a deterministic function of its [`ClusterConfig`] (seed, start time) and the calls made on it.
//!
//! Layers (see ARCHITECTURE.md): [`time`] and [`rng`] are leaves; [`api`] holds the object
//! types; [`store`] keeps objects; [`clock`] is the discrete-event timer queue; [`Cluster`] ties
//! them together.

pub mod api;
pub mod apiserver;
pub mod clock;
mod cluster;
pub mod controller;
pub mod discovery;
pub mod events;
pub mod fields;
pub mod kubelet;
pub mod labels;
pub mod nodes;
pub mod object;
pub mod quantity;
mod registry;
pub mod rng;
pub mod scheduler;
pub mod store;
pub mod time;
pub mod validation;

pub use apiserver::{ApiError, DeleteOptions, Propagation};
pub use cluster::{Cluster, ClusterConfig, Timer, KUBERNETES_VERSION};
pub use object::{Kind, Object};
