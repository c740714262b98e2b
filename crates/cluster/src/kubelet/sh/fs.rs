//! A container's filesystem: an in-memory tree of directories and text files, keyed by
//! normalised absolute path. No symlinks, owners or timestamps; a mode per node (for `ls -l`
//! and for running scripts). Volumes are directories the kubelet fills before the container
//! starts ([`Fs::put_file`]); a volume shared by several containers can be moved between their
//! filesystems with [`Fs::take_subtree`] / [`Fs::put_subtree`].
//!
//! Bounded: at most [`MAX_NODES`] entries and [`MAX_BYTES`] bytes of file data; writes beyond
//! fail with [`FsError::NoSpace`].

use std::collections::BTreeMap;

/// Most entries (files and directories) one filesystem holds.
pub const MAX_NODES: usize = 20_000;
/// Most bytes of file data one filesystem holds.
pub const MAX_BYTES: usize = 16 << 20;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    Dir { mode: u32 },
    File { data: String, mode: u32 },
}

/// Why a filesystem operation failed (the errno it stands for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FsError {
    /// ENOENT
    NotFound,
    /// ENOTDIR
    NotDir,
    /// EISDIR
    IsDir,
    /// EEXIST
    Exists,
    /// ENOTEMPTY
    NotEmpty,
    /// ENOSPC
    NoSpace,
    /// EINVAL (moving a directory into itself, removing `/`)
    Invalid,
}

impl FsError {
    /// `strerror` of the errno.
    pub fn text(self) -> &'static str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotDir => "Not a directory",
            FsError::IsDir => "Is a directory",
            FsError::Exists => "File exists",
            FsError::NotEmpty => "Directory not empty",
            FsError::NoSpace => "No space left on device",
            FsError::Invalid => "Invalid argument",
        }
    }
}

/// An in-memory filesystem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fs {
    nodes: BTreeMap<String, Node>,
    bytes: usize,
}

impl Default for Fs {
    fn default() -> Self {
        Fs::new()
    }
}

/// `path` made absolute against `cwd`, with `.`, `..` and repeated slashes resolved.
pub fn normalize(cwd: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let joined = if path.starts_with('/') { [path, ""] } else { [cwd, path] };
    for piece in joined {
        for c in piece.split('/') {
            match c {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                c => parts.push(c),
            }
        }
    }
    let mut out = String::with_capacity(path.len() + cwd.len() + 1);
    for p in &parts {
        out.push('/');
        out.push_str(p);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// The parent directory of a normalised path (`/` for `/`).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// The last component of a normalised path.
pub fn base(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn child_prefix(dir: &str) -> String {
    if dir == "/" {
        "/".into()
    } else {
        format!("{dir}/")
    }
}

impl Fs {
    /// A filesystem holding only `/`.
    pub fn empty() -> Fs {
        let mut nodes = BTreeMap::new();
        nodes.insert("/".to_string(), Node::Dir { mode: 0o755 });
        Fs { nodes, bytes: 0 }
    }

    /// The skeleton of a busybox/alpine image: `/bin`, `/dev` (`null`, `stdout`, `stderr`),
    /// `/etc` (`hostname`, `hosts`, `passwd`), `/home`, `/proc`, `/root`, `/sys`, `/tmp`, `/usr`,
    /// `/var`.
    pub fn new() -> Fs {
        let mut fs = Fs::empty();
        for d in ["/bin", "/dev", "/etc", "/home", "/proc", "/root", "/sys", "/tmp", "/usr", "/usr/bin", "/var"] {
            fs.nodes.insert(d.into(), Node::Dir { mode: if d == "/tmp" { 0o1777 } else { 0o755 } });
        }
        for f in ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/zero"] {
            fs.nodes.insert(f.into(), Node::File { data: String::new(), mode: 0o666 });
        }
        let _ = fs.write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n", false);
        fs
    }

    pub fn exists(&self, path: &str) -> bool {
        self.nodes.contains_key(path)
    }

    pub fn is_dir(&self, path: &str) -> bool {
        matches!(self.nodes.get(path), Some(Node::Dir { .. }))
    }

    pub fn is_file(&self, path: &str) -> bool {
        matches!(self.nodes.get(path), Some(Node::File { .. }))
    }

    /// The permission bits of a node.
    pub fn mode(&self, path: &str) -> Option<u32> {
        self.nodes.get(path).map(|n| match n {
            Node::Dir { mode } | Node::File { mode, .. } => *mode,
        })
    }

    pub fn set_mode(&mut self, path: &str, new: u32) -> Result<(), FsError> {
        match self.nodes.get_mut(path) {
            Some(Node::Dir { mode }) | Some(Node::File { mode, .. }) => {
                *mode = new & 0o7777;
                Ok(())
            }
            None => Err(FsError::NotFound),
        }
    }

    /// Bytes of file data held.
    pub fn used_bytes(&self) -> usize {
        self.bytes
    }

    fn check_parent(&self, path: &str) -> Result<(), FsError> {
        match self.nodes.get(parent(path)) {
            Some(Node::Dir { .. }) => Ok(()),
            Some(Node::File { .. }) => Err(FsError::NotDir),
            None => Err(FsError::NotFound),
        }
    }

    /// A file's contents.
    pub fn read(&self, path: &str) -> Result<&str, FsError> {
        match self.nodes.get(path) {
            Some(Node::File { data, .. }) => Ok(data),
            Some(Node::Dir { .. }) => Err(FsError::IsDir),
            None => Err(self.check_parent(path).err().unwrap_or(FsError::NotFound)),
        }
    }

    /// Writes (or with `append`, appends to) a file, creating it (mode 0644) if its directory
    /// exists.
    pub fn write(&mut self, path: &str, text: &str, append: bool) -> Result<(), FsError> {
        let old = match self.nodes.get(path) {
            Some(Node::Dir { .. }) => return Err(FsError::IsDir),
            Some(Node::File { data, .. }) => data.len(),
            None => {
                self.check_parent(path)?;
                if self.nodes.len() >= MAX_NODES {
                    return Err(FsError::NoSpace);
                }
                0
            }
        };
        let new_total = if append { self.bytes + text.len() } else { self.bytes - old + text.len() };
        if new_total > MAX_BYTES {
            return Err(FsError::NoSpace);
        }
        self.bytes = new_total;
        match self.nodes.entry(path.to_string()).or_insert(Node::File { data: String::new(), mode: 0o644 }) {
            Node::File { data, .. } => {
                if !append {
                    data.clear();
                }
                data.push_str(text);
            }
            Node::Dir { .. } => unreachable!("checked above"),
        }
        Ok(())
    }

    /// Creates a directory; with `parents`, also its missing ancestors, and an existing
    /// directory is no error (`mkdir -p`).
    pub fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), FsError> {
        match self.nodes.get(path) {
            Some(Node::Dir { .. }) if parents => return Ok(()),
            Some(_) => return Err(FsError::Exists),
            None => {}
        }
        if parents {
            let p = parent(path);
            if p != path {
                self.mkdir(p, true)?;
            }
        } else {
            self.check_parent(path)?;
        }
        if self.nodes.len() >= MAX_NODES {
            return Err(FsError::NoSpace);
        }
        self.nodes.insert(path.to_string(), Node::Dir { mode: 0o755 });
        Ok(())
    }

    /// Creates `path` with `data` and all missing parent directories (for the kubelet: volumes,
    /// `/etc/hosts`, ...).
    pub fn put_file(&mut self, path: &str, data: &str) -> Result<(), FsError> {
        let path = normalize("/", path);
        self.mkdir(parent(&path), true)?;
        self.write(&path, data, false)
    }

    /// The names in a directory, sorted, each with whether it is a directory.
    pub fn list(&self, dir: &str) -> Result<Vec<(String, bool)>, FsError> {
        match self.nodes.get(dir) {
            Some(Node::Dir { .. }) => {}
            Some(Node::File { .. }) => return Err(FsError::NotDir),
            None => return Err(FsError::NotFound),
        }
        let prefix = child_prefix(dir);
        let mut out = Vec::new();
        for (path, node) in self.nodes.range(prefix.clone()..) {
            let Some(rest) = path.strip_prefix(&prefix) else { break };
            if rest.is_empty() || rest.contains('/') {
                continue;
            }
            out.push((rest.to_string(), matches!(node, Node::Dir { .. })));
        }
        Ok(out)
    }

    fn subtree_keys(&self, path: &str) -> Vec<String> {
        let prefix = child_prefix(path);
        let mut keys = vec![path.to_string()];
        keys.extend(self.nodes.range(prefix.clone()..).map(|(k, _)| k).take_while(|k| k.starts_with(&prefix)).cloned());
        keys
    }

    fn node_bytes(node: &Node) -> usize {
        match node {
            Node::File { data, .. } => data.len(),
            Node::Dir { .. } => 0,
        }
    }

    /// Removes a file, an empty directory, or with `recursive` a whole tree.
    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        match self.nodes.get(path) {
            None => return Err(FsError::NotFound),
            Some(Node::Dir { .. }) if path == "/" => return Err(FsError::Invalid),
            Some(Node::Dir { .. }) if !recursive => {
                return Err(if self.list(path).is_ok_and(|l| l.is_empty()) { FsError::IsDir } else { FsError::NotEmpty })
            }
            _ => {}
        }
        for k in self.subtree_keys(path) {
            if let Some(n) = self.nodes.remove(&k) {
                self.bytes -= Self::node_bytes(&n);
            }
        }
        Ok(())
    }

    /// Removes an empty directory (`rmdir`).
    pub fn rmdir(&mut self, path: &str) -> Result<(), FsError> {
        match self.nodes.get(path) {
            None => Err(FsError::NotFound),
            Some(Node::File { .. }) => Err(FsError::NotDir),
            Some(Node::Dir { .. }) if path == "/" => Err(FsError::Invalid),
            Some(Node::Dir { .. }) => {
                if self.list(path).is_ok_and(|l| !l.is_empty()) {
                    return Err(FsError::NotEmpty);
                }
                self.nodes.remove(path);
                Ok(())
            }
        }
    }

    /// Moves a file or tree to `to` (which must not exist as a directory; an existing file is
    /// replaced).
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), FsError> {
        if !self.nodes.contains_key(from) {
            return Err(FsError::NotFound);
        }
        if from == to {
            return Ok(());
        }
        if to.starts_with(&child_prefix(from)) || from == "/" {
            return Err(FsError::Invalid);
        }
        self.check_parent(to)?;
        match (self.nodes.get(from), self.nodes.get(to)) {
            (Some(Node::File { .. }), Some(Node::Dir { .. })) => return Err(FsError::IsDir),
            (Some(Node::Dir { .. }), Some(Node::File { .. })) => return Err(FsError::NotDir),
            (_, Some(Node::Dir { .. })) => self.rmdir(to)?,
            (_, Some(Node::File { .. })) => self.remove(to, false)?,
            _ => {}
        }
        for k in self.subtree_keys(from) {
            if let Some(n) = self.nodes.remove(&k) {
                self.nodes.insert(format!("{to}{}", &k[from.len()..]), n);
            }
        }
        Ok(())
    }

    /// Copies a file (or with `recursive` a tree) to `to`.
    pub fn copy(&mut self, from: &str, to: &str, recursive: bool) -> Result<(), FsError> {
        match self.nodes.get(from) {
            None => Err(FsError::NotFound),
            Some(Node::File { data, mode }) => {
                let (data, mode) = (data.clone(), *mode);
                self.write(to, &data, false)?;
                self.set_mode(to, mode)
            }
            Some(Node::Dir { .. }) if !recursive => Err(FsError::IsDir),
            Some(Node::Dir { .. }) => {
                if to.starts_with(&child_prefix(from)) {
                    return Err(FsError::Invalid);
                }
                for k in self.subtree_keys(from) {
                    let dest = format!("{to}{}", &k[from.len()..]);
                    match self.nodes.get(&k).cloned() {
                        Some(Node::Dir { .. }) => self.mkdir(&dest, true)?,
                        Some(Node::File { data, mode }) => {
                            self.write(&dest, &data, false)?;
                            self.set_mode(&dest, mode)?;
                        }
                        None => {}
                    }
                }
                Ok(())
            }
        }
    }

    /// Removes the directory `dir` and everything below it and returns it as a filesystem of its
    /// own (rooted at `/`): how a shared volume moves from one container to another.
    pub fn take_subtree(&mut self, dir: &str) -> Fs {
        let dir = normalize("/", dir);
        let mut out = Fs::empty();
        if dir == "/" {
            return std::mem::replace(self, out);
        }
        for k in self.subtree_keys(&dir) {
            if let Some(n) = self.nodes.remove(&k) {
                self.bytes -= Self::node_bytes(&n);
                out.bytes += Self::node_bytes(&n);
                let rel = &k[dir.len()..];
                out.nodes.insert(if rel.is_empty() { "/".into() } else { rel.to_string() }, n);
            }
        }
        out
    }

    /// Puts a tree taken with [`Fs::take_subtree`] at `dir` (creating its parents, replacing what
    /// was there).
    pub fn put_subtree(&mut self, dir: &str, tree: Fs) {
        let dir = normalize("/", dir);
        if dir == "/" {
            *self = tree;
            return;
        }
        let _ = self.remove(&dir, true);
        let _ = self.mkdir(parent(&dir), true);
        for (k, n) in tree.nodes {
            self.bytes += Self::node_bytes(&n);
            self.nodes.insert(if k == "/" { dir.clone() } else { format!("{dir}{k}") }, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalise() {
        assert_eq!(normalize("/", "a/b/../c/./"), "/a/c");
        assert_eq!(normalize("/x/y", ".."), "/x");
        assert_eq!(normalize("/x", "/../.."), "/");
        assert_eq!(normalize("/x", "//a//b"), "/a/b");
        assert_eq!((parent("/a/b"), parent("/a"), parent("/")), ("/a", "/", "/"));
        assert_eq!(base("/a/b"), "b");
    }

    #[test]
    fn files_and_directories() {
        let mut fs = Fs::new();
        assert_eq!(fs.write("/nope/f", "x", false), Err(FsError::NotFound));
        assert_eq!(fs.mkdir("/data/x", false), Err(FsError::NotFound));
        fs.mkdir("/data/x", true).unwrap();
        fs.mkdir("/data/x", true).unwrap();
        assert_eq!(fs.mkdir("/data/x", false), Err(FsError::Exists));
        fs.write("/data/x/f", "hi\n", false).unwrap();
        fs.write("/data/x/f", "there\n", true).unwrap();
        assert_eq!(fs.read("/data/x/f"), Ok("hi\nthere\n"));
        assert_eq!(fs.read("/data/x/f/g"), Err(FsError::NotDir));
        assert_eq!(fs.read("/data"), Err(FsError::IsDir));
        assert_eq!(fs.list("/data").unwrap(), vec![("x".to_string(), true)]);
        assert_eq!(fs.remove("/data", false), Err(FsError::NotEmpty));
        fs.copy("/data", "/copy", true).unwrap();
        fs.rename("/copy", "/moved").unwrap();
        assert_eq!(fs.read("/moved/x/f"), Ok("hi\nthere\n"));
        assert_eq!(fs.rename("/moved", "/moved/in"), Err(FsError::Invalid));
        let bytes = fs.used_bytes();
        fs.remove("/data", true).unwrap();
        assert_eq!(fs.used_bytes(), bytes - 9);
        assert!(!fs.exists("/data/x/f"));
        let vol = fs.take_subtree("/moved");
        assert!(!fs.exists("/moved"));
        assert_eq!(vol.read("/x/f"), Ok("hi\nthere\n"));
        fs.put_subtree("/mnt/vol", vol);
        assert_eq!(fs.read("/mnt/vol/x/f"), Ok("hi\nthere\n"));
        fs.put_file("/etc/config/key", "value").unwrap();
        assert_eq!(fs.read("/etc/config/key"), Ok("value"));
    }

    #[test]
    fn space_is_bounded() {
        let mut fs = Fs::empty();
        let big = "x".repeat(MAX_BYTES / 2 + 1);
        fs.write("/a", &big, false).unwrap();
        assert_eq!(fs.write("/b", &big, false), Err(FsError::NoSpace));
        fs.write("/a", &big, false).unwrap();
        assert_eq!(fs.write("/a", &big, true), Err(FsError::NoSpace));
    }
}
