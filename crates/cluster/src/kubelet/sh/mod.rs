//! The container shell (being written).
