//! The top-level component: one sandbox session, and the panes that drive it.

use std::cell::RefCell;
use std::rc::Rc;

use cluster::ClusterConfig;
use kubectl::Session;
use yew::prelude::*;

use crate::components::terminal::Terminal;

#[component]
pub fn App() -> Html {
    let session = use_mut_ref(|| Session::new(ClusterConfig::default()));
    let session: Rc<RefCell<Session>> = session;
    html! {
        <div class="app">
            <header class="topbar">
                <h1>{ "kubeplay" }</h1>
                <span class="tagline">{ "a Kubernetes cluster in your browser" }</span>
            </header>
            <Terminal {session} />
        </div>
    }
}
