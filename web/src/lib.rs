//! The kubeplay web app. Only the browser build has content: on the host this crate is empty,
//! so native `cargo test --workspace` does not compile Yew.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod state;

#[cfg(target_arch = "wasm32")]
pub use app::App;

/// Mounts the app into the page's `<main id="app">` (or `<body>` if there is none).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document()).expect("a browser document");
    match document.get_element_by_id("app") {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
