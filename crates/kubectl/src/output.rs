//! What a command prints: stdout and stderr chunks in the order they were written, so a
//! transcript interleaves them as a terminal would, and the web app can colour errors.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub chunks: Vec<(Stream, String)>,
    /// The exit status a shell would see: 0 on success, 1 for kubectl errors.
    pub status: i32,
}

impl Output {
    pub fn out(&mut self, text: impl Into<String>) {
        self.push(Stream::Stdout, text.into());
    }

    pub fn err(&mut self, text: impl Into<String>) {
        self.push(Stream::Stderr, text.into());
    }

    /// Prints `error: <msg>` on stderr and marks the command failed, as kubectl's `CheckErr` does.
    pub fn error(&mut self, msg: impl AsRef<str>) {
        self.err(format!("error: {}\n", msg.as_ref()));
        self.status = 1;
    }

    fn push(&mut self, stream: Stream, text: String) {
        if text.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some((s, t)) if *s == stream => t.push_str(&text),
            _ => self.chunks.push((stream, text)),
        }
    }

    /// Everything printed, both streams interleaved.
    pub fn text(&self) -> String {
        self.chunks.iter().map(|(_, t)| t.as_str()).collect()
    }

    pub fn stdout(&self) -> String {
        self.only(Stream::Stdout)
    }

    pub fn stderr(&self) -> String {
        self.only(Stream::Stderr)
    }

    fn only(&self, stream: Stream) -> String {
        self.chunks.iter().filter(|(s, _)| *s == stream).map(|(_, t)| t.as_str()).collect()
    }
}
