//! The images learners meet, and how their containers behave: how big they are (pull time), which
//! tags exist, and what their main process does when it runs and when it is asked to stop.
//! Unknown images exist in every tag, pull like a mid-sized image and run a server forever.

use crate::time::Duration;

/// A parsed image reference: `nginx` → `docker.io/library/nginx:latest`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// The repository as the runtime reports it (`docker.io/library/nginx`).
    pub repository: String,
    /// The short name without registry or `library/` (`nginx`, `luksa/kubia`).
    pub name: String,
    pub tag: String,
}

impl ImageRef {
    pub fn parse(image: &str) -> ImageRef {
        let (without_digest, _) = image.split_once('@').unwrap_or((image, ""));
        let last_slash = without_digest.rfind('/').map_or(0, |i| i + 1);
        let (path, tag) = match without_digest[last_slash..].rfind(':') {
            Some(i) => (&without_digest[..last_slash + i], &without_digest[last_slash + i + 1..]),
            None => (without_digest, "latest"),
        };
        let first = path.split('/').next().unwrap_or("");
        let has_registry = path.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
        let repository = if has_registry {
            path.to_string()
        } else if path.contains('/') {
            format!("docker.io/{path}")
        } else {
            format!("docker.io/library/{path}")
        };
        let name = repository
            .strip_prefix("docker.io/library/")
            .or_else(|| repository.strip_prefix("docker.io/"))
            .unwrap_or(&repository)
            .to_string();
        ImageRef { repository, name, tag: tag.to_string() }
    }

    /// `docker.io/library/nginx:latest`.
    pub fn full(&self) -> String {
        format!("{}:{}", self.repository, self.tag)
    }
}

/// What a container's main process does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// A server that runs until stopped; SIGTERM makes it exit with 0 almost at once.
    Server,
    /// Runs the container's command (a shell, busybox tools); with no command the image's
    /// default `sh` exits at once with 0, as a shell without a terminal does.
    Shell,
    /// `luksa/batch-job`: logs, works for 120 s, logs, exits 0.
    BatchJob,
}

/// One image of the catalog.
pub struct Image {
    pub behaviour: Behaviour,
    /// Compressed size in bytes (the `Image size: N bytes.` of the Pulled event).
    pub size: u64,
    /// Tags known not to exist.
    pub missing_tags: &'static [&'static str],
}

/// The catalog, by short name.
pub fn lookup(name: &str) -> Image {
    let (behaviour, size, missing_tags): (Behaviour, u64, &'static [&'static str]) = match name {
        "nginx" => (Behaviour::Server, 72_099_410, &["1.9.21", "1.99", "lates", "latset"]),
        "httpd" => (Behaviour::Server, 58_147_219, &[]),
        "redis" => (Behaviour::Server, 45_873_209, &[]),
        "fluentd" | "fluent/fluentd" => (Behaviour::Server, 36_812_645, &[]),
        "luksa/kubia" | "luksa/kubia-unhealthy" | "luksa/ssd-monitor" => (Behaviour::Server, 252_678_934, &[]),
        "busybox" => (Behaviour::Shell, 2_166_802, &[]),
        "alpine" => (Behaviour::Shell, 3_623_844, &[]),
        "ubuntu" | "debian" | "centos" => (Behaviour::Shell, 29_754_422, &[]),
        "perl" => (Behaviour::Shell, 330_486_582, &[]),
        "luksa/batch-job" => (Behaviour::BatchJob, 87_401_345, &[]),
        "registry.k8s.io/liveness" | "k8s.gcr.io/liveness" => (Behaviour::Server, 2_346_981, &[]),
        _ => (Behaviour::Server, 50_000_000, &[]),
    };
    Image { behaviour, size, missing_tags }
}

/// The ports an image's main process listens on (unknown images: the declared ones).
pub fn listens(name: &str, port: i32, declared: &[i32]) -> bool {
    match lookup(name).behaviour {
        Behaviour::Shell | Behaviour::BatchJob => false,
        Behaviour::Server => match name {
            "nginx" | "httpd" => port == 80,
            "redis" => port == 6379,
            "luksa/kubia" | "luksa/kubia-unhealthy" | "registry.k8s.io/liveness" | "k8s.gcr.io/liveness" => port == 8080,
            _ => declared.contains(&port),
        },
    }
}

/// An HTTP GET against a container: (status, body), or the transport error's tail as Go's
/// client words it (`connect: connection refused`). `uptime` is how long the container has run,
/// `request` counts the requests it has served (from 1).
pub fn http_get(name: &str, port: i32, path: &str, declared: &[i32], hostname: &str, uptime: Duration, request: u64) -> Result<(u16, String), String> {
    if !listens(name, port, declared) {
        return Err("connect: connection refused".into());
    }
    Ok(match name {
        "nginx" | "httpd" => match path {
            "/" | "" | "/index.html" => (200, "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n</html>\n".into()),
            _ => (404, "<html>\r\n<head><title>404 Not Found</title></head>\r\n</html>\r\n".into()),
        },
        "luksa/kubia" => (200, format!("You've hit {hostname}\n")),
        "luksa/kubia-unhealthy" if request > 5 => (500, "I'm not well. Please restart me!".into()),
        "luksa/kubia-unhealthy" => (200, format!("You've hit {hostname}\n")),
        "registry.k8s.io/liveness" | "k8s.gcr.io/liveness" if path == "/healthz" && uptime.as_millis() > 10_000 => {
            (500, format!("error: {:.6}", uptime.as_millis() as f64 / 1000.0))
        }
        "registry.k8s.io/liveness" | "k8s.gcr.io/liveness" => (200, "ok".into()),
        "redis" => return Err("net/http: HTTP/1.x transport connection broken: malformed HTTP response \"-ERR wrong number of arguments for 'get' command\"".into()),
        _ => (200, format!("Hello from {hostname}\n")),
    })
}

/// Repositories that do not exist (the typos learners make); pulling them is denied.
const MISSING_REPOSITORIES: &[&str] = &["ngnix", "nignx", "ngix", "nginix", "ngnx", "busybx", "bussybox", "busyboxx", "apline", "alpne", "ubunut", "ubunto", "reddis", "htttpd"];

/// Why pulling `reference` fails, as containerd words it, or `None` when it can be pulled.
pub fn pull_error(reference: &ImageRef) -> Option<String> {
    let full = reference.full();
    if MISSING_REPOSITORIES.contains(&reference.name.as_str()) {
        return Some(format!(
            "rpc error: code = Unknown desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
        ));
    }
    if lookup(&reference.name).missing_tags.contains(&reference.tag.as_str()) {
        return Some(format!(
            "rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found"
        ));
    }
    None
}

/// How long a failing pull takes to fail (resolving the reference).
pub const PULL_FAILURE_TIME: Duration = Duration::from_millis(1_184);

/// How long a first pull takes: 1.5 s to resolve the reference plus 1 s per 18 MB (a home
/// connection; the study notes' nginx pulls took 5.5 s).
pub fn pull_time(size: u64) -> Duration {
    Duration::from_millis(1_500 + (size / 18_000) as i64 + (size % 997) as i64)
}

/// How long a pull of an image already present takes (`imagePullPolicy: Always`): the registry
/// round trips dominate, so barely less than a first pull (the notes show 5.49 s after 5.56 s).
pub fn repull_time(size: u64) -> Duration {
    Duration::from_millis(pull_time(size).as_millis() - 67)
}

/// A stable fake digest for an image (`sha256:…`, 64 hex digits).
pub fn digest(repository: &str, tag: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = String::with_capacity(71);
    out.push_str("sha256:");
    for round in 0..4u64 {
        for b in repository.bytes().chain([b':']).chain(tag.bytes()).chain(round.to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.push_str(&format!("{h:016x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_get_registry_and_tag_defaults() {
        let r = ImageRef::parse("nginx");
        assert_eq!((r.full().as_str(), r.name.as_str()), ("docker.io/library/nginx:latest", "nginx"));
        assert_eq!(ImageRef::parse("luksa/kubia:v2").full(), "docker.io/luksa/kubia:v2");
        let r = ImageRef::parse("registry.k8s.io/liveness");
        assert_eq!((r.full().as_str(), r.name.as_str()), ("registry.k8s.io/liveness:latest", "registry.k8s.io/liveness"));
        assert_eq!(ImageRef::parse("localhost:5000/app:1").full(), "localhost:5000/app:1");
        assert_eq!(digest("docker.io/library/nginx", "latest").len(), 71);
    }

    #[test]
    fn pulls_take_seconds() {
        let nginx = lookup("nginx");
        let first = pull_time(nginx.size).as_millis();
        assert!((5_000..6_000).contains(&first), "{first}");
        assert!(repull_time(nginx.size).as_millis() < first);
        assert!(lookup("nginx").missing_tags.contains(&"1.9.21"));
    }
}
