//! The images learners meet: how big they are (pull time), which tags exist, their config
//! (ENTRYPOINT, CMD, ENV, WORKDIR), their userland (which shell and tools `kubectl exec` finds)
//! and the files of their root filesystem. What their programs do is in [`super::apps`].
//! Unknown images exist in every tag, pull like a mid-sized image, are Debian-based and run a
//! server on their declared ports.

use super::sh::Fs;
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

/// One image of the catalog: how big it is and which tags do not exist.
pub struct Image {
    /// Compressed size in bytes (the `Image size: N bytes.` of the Pulled event).
    pub size: u64,
    /// Tags known not to exist.
    pub missing_tags: &'static [&'static str],
}

/// The catalog, by short name.
pub fn lookup(name: &str) -> Image {
    let (size, missing_tags): (u64, &'static [&'static str]) = match name {
        "nginx" => (72_099_410, &["1.9.21", "1.99", "lates", "latset"]),
        "httpd" => (58_147_219, &[]),
        "redis" => (45_873_209, &[]),
        "fluentd" | "fluent/fluentd" => (36_812_645, &[]),
        "luksa/kubia" | "luksa/kubia-unhealthy" | "luksa/ssd-monitor" => (252_678_934, &[]),
        "busybox" => (2_166_802, &[]),
        "registry.k8s.io/busybox" | "k8s.gcr.io/busybox" => (1_144_547, &[]),
        "alpine" => (3_623_844, &[]),
        "ubuntu" | "debian" | "centos" => (29_754_422, &[]),
        "perl" => (330_486_582, &[]),
        "luksa/batch-job" => (87_401_345, &[]),
        "registry.k8s.io/liveness" | "k8s.gcr.io/liveness" => (2_346_981, &[]),
        _ => (50_000_000, &[]),
    };
    Image { size, missing_tags }
}

/// The last path component of a short name: `registry.k8s.io/busybox` → `busybox`.
pub fn base_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// The userland an image ships: which shells and tools a command (or `kubectl exec`) finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Userland {
    /// busybox: `sh` (ash) and the busybox applets; no bash, no curl.
    Busybox,
    /// alpine: busybox plus apk.
    Alpine,
    /// Debian or Ubuntu: `sh` is dash, bash, coreutils; network tools only where the image adds them.
    Debian,
    /// `FROM scratch`: one binary, no shell at all.
    Scratch,
}

/// Tools an image adds to its userland.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tools {
    pub curl: bool,
    pub wget: bool,
    pub ps: bool,
}

/// An image's config (what `docker inspect` shows) and userland.
#[derive(Clone, Debug)]
pub struct Config {
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    /// `ENV`, in order (PATH first).
    pub env: Vec<(String, String)>,
    pub workdir: String,
    pub userland: Userland,
    pub tools: Tools,
}

const PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

/// The nginx version a tag runs (`latest` in the 1.31 era is 1.27.1), as (major, minor, patch).
pub fn nginx_version(tag: &str) -> (u32, u32, u32) {
    let t = tag.split('-').next().unwrap_or(tag);
    let parts: Vec<u32> = t.split('.').map_while(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [1, minor, patch, ..] => (1, *minor, *patch),
        [1, minor] => {
            let patch = match minor {
                27 => 1,
                26 => 2,
                25 => 5,
                24 => 0,
                23 => 4,
                22 => 1,
                21 => 6,
                20 => 2,
                19 => 10,
                _ => 0,
            };
            (1, *minor, patch)
        }
        _ if tag.starts_with("stable") => (1, 26, 2),
        _ => (1, 27, 1),
    }
}

/// The Debian release an nginx version's image is built on.
pub fn nginx_debian(v: (u32, u32, u32)) -> &'static str {
    match v.1 {
        25.. => "bookworm",
        21..=24 => "bullseye",
        19..=20 => "buster",
        15..=18 => "stretch",
        _ => "jessie",
    }
}

/// The image's config, as its Dockerfile sets it.
pub fn config(r: &ImageRef) -> Config {
    let alpine_tag = r.tag.contains("alpine");
    let mut c = Config {
        entrypoint: Vec::new(),
        cmd: words(&["sh"]),
        env: vec![("PATH".into(), PATH.into())],
        workdir: "/".into(),
        userland: Userland::Debian,
        tools: Tools::default(),
    };
    match base_name(&r.name) {
        "busybox" => c.userland = Userland::Busybox,
        "alpine" => {
            c.userland = Userland::Alpine;
            c.cmd = words(&["/bin/sh"]);
        }
        "ubuntu" | "centos" => c.cmd = words(&["/bin/bash"]),
        "debian" => c.cmd = words(&["bash"]),
        "nginx" => {
            let v = nginx_version(&r.tag);
            let release = nginx_debian(v);
            if v.1 >= 19 {
                c.entrypoint = words(&["/docker-entrypoint.sh"]);
            }
            c.cmd = words(&["nginx", "-g", "daemon off;"]);
            c.env.push(("NGINX_VERSION".into(), format!("{}.{}.{}", v.0, v.1, v.2)));
            if v.1 >= 19 {
                let njs = match v.1 {
                    27.. => "0.8.5",
                    26 => "0.8.4",
                    25 => "0.8.4",
                    _ => "0.7.12",
                };
                c.env.push(("NJS_VERSION".into(), njs.into()));
                if v.1 >= 25 {
                    c.env.push(("NJS_RELEASE".into(), format!("1~{release}")));
                }
                c.env.push(("PKG_RELEASE".into(), format!("1~{release}")));
                c.tools.curl = true;
            }
            if alpine_tag {
                c.userland = Userland::Alpine;
            }
        }
        "nginx-slim" => {
            c.cmd = words(&["nginx", "-g", "daemon off;"]);
        }
        "httpd" => {
            c.cmd = words(&["httpd-foreground"]);
            c.env = vec![
                ("PATH".into(), format!("/usr/local/apache2/bin:{PATH}")),
                ("HTTPD_PREFIX".into(), "/usr/local/apache2".into()),
                ("HTTPD_VERSION".into(), "2.4.62".into()),
            ];
            c.workdir = "/usr/local/apache2".into();
        }
        "redis" => {
            c.entrypoint = words(&["docker-entrypoint.sh"]);
            c.cmd = words(&["redis-server"]);
            c.env.push(("REDIS_VERSION".into(), "7.4.0".into()));
            c.workdir = "/data".into();
            if alpine_tag {
                c.userland = Userland::Alpine;
            }
        }
        "kubia" | "kubia-unhealthy" => {
            c.entrypoint = words(&["node", "app.js"]);
            c.cmd = Vec::new();
            c.env.push(("NPM_CONFIG_LOGLEVEL".into(), "info".into()));
            c.env.push(("NODE_VERSION".into(), "7.10.1".into()));
            c.env.push(("YARN_VERSION".into(), "0.24.4".into()));
            c.tools = Tools { curl: true, wget: true, ps: true };
        }
        "batch-job" if r.name.starts_with("luksa/") => {
            c.userland = Userland::Busybox;
            c.entrypoint = words(&["/bin/sh", "/batch-job.sh"]);
            c.cmd = Vec::new();
        }
        "ssd-monitor" => {
            c.userland = Userland::Busybox;
            c.entrypoint = words(&["/bin/sh", "-c", "while true; do echo \"SSD OK\"; sleep 5; done"]);
            c.cmd = Vec::new();
        }
        "liveness" => {
            c.userland = Userland::Scratch;
            c.cmd = words(&["/server"]);
            c.env.clear();
        }
        "perl" => {
            c.cmd = words(&["perl", "-de0"]);
            c.tools = Tools { curl: true, wget: true, ps: true };
        }
        "fluentd" => {
            c.entrypoint = words(&["tini", "--", "/entrypoint.sh"]);
            c.cmd = words(&["fluentd"]);
        }
        _ if alpine_tag => c.userland = Userland::Alpine,
        _ => {}
    }
    c
}

/// The files of an image's root filesystem that commands look at.
pub fn populate(fs: &mut Fs, r: &ImageRef, c: &Config) {
    let put = |fs: &mut Fs, path: &str, data: &str| {
        let _ = fs.put_file(path, data);
    };
    let exe = |fs: &mut Fs, path: &str, data: &str| {
        let _ = fs.put_file(path, data);
        let _ = fs.set_mode(path, 0o755);
    };
    match c.userland {
        Userland::Busybox => {
            for d in ["/lib", "/lib64"] {
                let _ = fs.mkdir(d, true);
            }
        }
        Userland::Alpine => {
            put(fs, "/etc/alpine-release", "3.20.3\n");
            put(fs, "/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\nHOME_URL=\"https://alpinelinux.org/\"\nBUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n");
        }
        Userland::Debian => {
            for d in ["/boot", "/lib", "/media", "/mnt", "/opt", "/run", "/sbin", "/srv", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/sbin", "/usr/share", "/var/cache", "/var/lib", "/var/log", "/var/tmp"] {
                let _ = fs.mkdir(d, true);
            }
            if base_name(&r.name) == "ubuntu" {
                put(fs, "/etc/os-release", "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION=\"24.04.1 LTS (Noble Numbat)\"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL=\"https://www.ubuntu.com/\"\nSUPPORT_URL=\"https://help.ubuntu.com/\"\nBUG_REPORT_URL=\"https://bugs.launchpad.net/ubuntu/\"\nPRIVACY_POLICY_URL=\"https://www.ubuntu.com/legal/terms-and-policies/privacy-policy\"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n");
            } else {
                put(fs, "/etc/debian_version", "12.7\n");
                put(fs, "/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\nSUPPORT_URL=\"https://www.debian.org/support\"\nBUG_REPORT_URL=\"https://bugs.debian.org/\"\n");
            }
            put(fs, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        }
        Userland::Scratch => {}
    }
    match base_name(&r.name) {
        "nginx" | "nginx-slim" => {
            let v = nginx_version(&r.tag);
            let index = if v.1 >= 21 { NGINX_INDEX } else { NGINX_INDEX_OLD };
            put(fs, "/usr/share/nginx/html/index.html", index);
            put(fs, "/usr/share/nginx/html/50x.html", NGINX_50X);
            put(fs, "/etc/nginx/nginx.conf", NGINX_CONF);
            put(fs, "/etc/nginx/conf.d/default.conf", NGINX_DEFAULT_CONF);
            put(fs, "/etc/nginx/mime.types", "types {\n    text/html                                        html htm shtml;\n    text/css                                         css;\n    application/javascript                           js;\n    application/json                                 json;\n}\n");
            let _ = fs.mkdir("/var/cache/nginx", true);
            put(fs, "/var/log/nginx/access.log", "");
            put(fs, "/var/log/nginx/error.log", "");
            if v.1 >= 19 {
                exe(fs, "/docker-entrypoint.sh", "#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n\nexec \"$@\"\n");
                exe(fs, "/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh", "#!/bin/sh\n");
                if v.1 >= 25 {
                    exe(fs, "/docker-entrypoint.d/15-local-resolvers.envsh", "#!/bin/sh\n");
                }
                exe(fs, "/docker-entrypoint.d/20-envsubst-on-templates.sh", "#!/bin/sh\n");
                if v.1 >= 21 {
                    exe(fs, "/docker-entrypoint.d/30-tune-worker-processes.sh", "#!/bin/sh\n");
                }
            }
        }
        "httpd" => {
            put(fs, "/usr/local/apache2/htdocs/index.html", "<html><body><h1>It works!</h1></body></html>\n");
            put(fs, "/usr/local/apache2/conf/httpd.conf", "ServerRoot \"/usr/local/apache2\"\nListen 80\nDocumentRoot \"/usr/local/apache2/htdocs\"\nErrorLog /proc/self/fd/2\nCustomLog /proc/self/fd/1 common\n");
            exe(fs, "/usr/local/bin/httpd-foreground", "#!/bin/sh\nset -e\n\n# Apache gets grumpy about PID files pre-existing\nrm -f /usr/local/apache2/logs/httpd.pid\n\nexec httpd -DFOREGROUND \"$@\"\n");
            let _ = fs.mkdir("/usr/local/apache2/logs", true);
        }
        "redis" => {
            let _ = fs.mkdir("/data", true);
            exe(fs, "/usr/local/bin/docker-entrypoint.sh", "#!/bin/sh\nset -e\n\nexec \"$@\"\n");
        }
        "kubia" | "kubia-unhealthy" => {
            let app = if base_name(&r.name) == "kubia" { KUBIA_JS } else { KUBIA_UNHEALTHY_JS };
            put(fs, "/app.js", app);
        }
        "batch-job" => exe(fs, "/batch-job.sh", "#!/bin/sh\necho \"$(date) Batch job starting\"\nsleep 120\necho \"$(date) Finished succesfully\"\n"),
        "liveness" => exe(fs, "/server", "\u{7f}ELF"),
        _ => {}
    }
    let _ = fs.mkdir(&c.workdir, true);
}

const NGINX_INDEX: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

const NGINX_INDEX_OLD: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\n    body {\n        width: 35em;\n        margin: 0 auto;\n        font-family: Tahoma, Verdana, Arial, sans-serif;\n    }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

const NGINX_50X: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable.<br/>\nPlease try again later.</p>\n<p>If you are the system administrator of this resource then you should check\nthe error log for details.</p>\n<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n";

const NGINX_CONF: &str = "\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '\n                      '$status $body_bytes_sent \"$http_referer\" '\n                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';\n\n    access_log  /var/log/nginx/access.log  main;\n\n    sendfile        on;\n    #tcp_nopush     on;\n\n    keepalive_timeout  65;\n\n    #gzip  on;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n";

const NGINX_DEFAULT_CONF: &str = "server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    #access_log  /var/log/nginx/host.access.log  main;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n    #error_page  404              /404.html;\n\n    # redirect server error pages to the static page /50x.html\n    #\n    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n";

const KUBIA_JS: &str = "const http = require('http');\nconst os = require('os');\n\nconsole.log(\"Kubia server starting...\");\n\nvar handler = function(request, response) {\n  console.log(\"Received request from \" + request.connection.remoteAddress);\n  response.writeHead(200);\n  response.end(\"You've hit \" + os.hostname() + \"\\n\");\n};\n\nvar www = http.createServer(handler);\nwww.listen(8080);\n";

const KUBIA_UNHEALTHY_JS: &str = "const http = require('http');\nconst os = require('os');\n\nconsole.log(\"Kubia server starting...\");\n\nvar requestCount = 0;\n\nvar handler = function(request, response) {\n  console.log(\"Received request from \" + request.connection.remoteAddress);\n  requestCount++;\n  if (requestCount > 5) {\n    response.writeHead(500);\n    response.end(\"I'm not well. Please restart me!\");\n    return;\n  }\n  response.writeHead(200);\n  response.end(\"You've hit \" + os.hostname() + \"\\n\");\n};\n\nvar www = http.createServer(handler);\nwww.listen(8080);\n";

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
