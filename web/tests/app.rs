//! Browser tests: mount the app into a fresh element in headless Chromium and use it.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

async fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

async fn type_command(root: &Element, command: &str) {
    let input: HtmlInputElement = root.query_selector("[data-testid=command-input]").unwrap().unwrap().dyn_into().unwrap();
    input.set_value(command);
    let init = KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    input.dispatch_event(&KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(input.value(), "", "the box is cleared after Enter");
}

fn terminal_lines(root: &Element) -> Vec<(String, String)> {
    let nodes = root.query_selector_all("[data-testid=terminal-output] .line").unwrap();
    (0..nodes.length())
        .map(|i| {
            let el: Element = nodes.item(i).unwrap().dyn_into().unwrap();
            (el.class_name(), el.text_content().unwrap())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn kubectl_get_nodes_prints_the_four_nodes() {
    let root = mount().await;
    type_command(&root, "kubectl get nodes").await;
    let lines = terminal_lines(&root);
    assert_eq!(lines[0], ("line command".to_string(), "kubectl get nodes".to_string()));
    assert_eq!(lines[1].0, "line stdout");
    let table: Vec<&str> = lines[1].1.lines().collect();
    assert_eq!(
        table,
        [
            "NAME            STATUS   ROLES           AGE   VERSION",
            "control-plane   Ready    control-plane   0s    v1.31.0",
            "node-1          Ready    <none>          0s    v1.31.0",
            "node-2          Ready    <none>          0s    v1.31.0",
            "node-3          Ready    <none>          0s    v1.31.0",
        ]
    );
}

#[wasm_bindgen_test]
async fn errors_are_marked_as_stderr() {
    let root = mount().await;
    type_command(&root, "kubectl get nodez").await;
    let lines = terminal_lines(&root);
    assert_eq!(lines[1], ("line stderr".to_string(), "error: the server doesn't have a resource type \"nodez\"".to_string()));
}
