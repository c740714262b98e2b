//! The page's entry point; everything lives in the library so tests can mount it.

fn main() {
    #[cfg(target_arch = "wasm32")]
    web::start();
}
