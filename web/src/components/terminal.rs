//! The kubectl command box and the output above it.

use std::cell::RefCell;
use std::rc::Rc;

use kubectl::Session;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, LineKind, Terminal as TerminalState};

#[derive(Properties, Clone)]
pub struct Props {
    pub session: Rc<RefCell<Session>>,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
    }
}

#[component]
pub fn Terminal(props: &Props) -> Html {
    let state = use_reducer(TerminalState::default);
    let input = use_node_ref();

    let onkeydown = {
        let (state, input, session) = (state.clone(), input.clone(), props.session.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(el) = input.cast::<HtmlInputElement>() else { return };
            if e.key() == "Enter" {
                e.prevent_default();
                let command = el.value();
                el.set_value("");
                let output = session.borrow_mut().run(&command);
                state.dispatch(Action::Ran(command, output));
            } else if e.key() == "l" && e.ctrl_key() {
                e.prevent_default();
                state.dispatch(Action::Clear);
            }
        })
    };

    // `$`, or the prompt of a container shell the terminal is attached to (`/ #`).
    let prompt = props.session.borrow().prompt().trim_end().to_string();

    html! {
        <section class="terminal" aria-label="Terminal">
            <pre class="terminal-output" data-testid="terminal-output" aria-live="polite">
                { for state.lines.iter().map(|l| {
                    let class = match l.kind {
                        LineKind::Command => "line command",
                        LineKind::Stdout => "line stdout",
                        LineKind::Stderr => "line stderr",
                    };
                    html! { <div class={class}>{ &l.text }</div> }
                }) }
            </pre>
            <div class="prompt">
                <span class="prompt-sign" aria-hidden="true">{ prompt }</span>
                <input
                    ref={input}
                    data-testid="command-input"
                    aria-label="kubectl command"
                    placeholder="kubectl get nodes"
                    autofocus=true
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    {onkeydown}
                />
            </div>
        </section>
    }
}
