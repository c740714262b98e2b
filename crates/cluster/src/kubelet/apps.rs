//! The programs of the images learners meet, run natively instead of in the container shell:
//! servers that log what the real ones log (nginx's entrypoint and notices, its access and error
//! logs; the kubia Node.js app's `Received request from …`) and answer HTTP as they do, and the
//! one-shot programs of the study notes (perl's `bpi(2000)`).
//!
//! A server does nothing between requests, so it costs no timers: it logs at start, on each
//! request, and when it is told to stop. Everything else a container runs goes through the
//! shell ([`super::sh`]).

use super::images::{self, base_name, ImageRef};
use super::sh::Fs;
use crate::time::{Duration, Time};

/// Which program runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Program {
    /// nginx; `entry_logs`: started through `/docker-entrypoint.sh`, which logs its setup.
    Nginx { version: (u32, u32, u32), entry_logs: bool },
    Httpd,
    Redis,
    /// `node app.js` of luksa/kubia (and copies of it); `unhealthy`: the kubia-unhealthy variant
    /// that answers 500 from its sixth request on.
    Kubia { unhealthy: bool },
    /// registry.k8s.io/liveness `/server`: `/healthz` fails 10 s after the start.
    Liveness,
    Fluentd,
    /// `perl -Mbignum=bpi -wle 'print bpi(N)'` and other one-liners: prints and exits.
    Perl { argv: Vec<String> },
    /// An image kubeplay does not know: answers on the container's declared ports.
    Generic,
}

/// Which program an image runs for a container's argv (ENTRYPOINT + CMD after Kubernetes'
/// overrides), if it is one of the native ones. `None`: the shell runs the argv.
pub fn program_for(r: &ImageRef, argv: &[String]) -> Option<Program> {
    let a: Vec<&str> = argv.iter().map(String::as_str).collect();
    let name = base_name(&r.name);
    if nginx_of(r, argv).is_some() && a.iter().skip(1).any(|f| matches!(*f, "-v" | "-V" | "-t" | "-T" | "-h" | "-?")) {
        return None;
    }
    match (name, a.as_slice()) {
        ("nginx", ["/docker-entrypoint.sh", "nginx" | "nginx-debug", ..]) => Some(Program::Nginx { version: images::nginx_version(&r.tag), entry_logs: true }),
        ("nginx", ["nginx" | "nginx-debug" | "/usr/sbin/nginx", ..]) => Some(Program::Nginx { version: images::nginx_version(&r.tag), entry_logs: false }),
        ("nginx-slim", ["nginx", ..]) => Some(Program::Nginx { version: (1, 11, 13), entry_logs: false }),
        ("httpd", ["httpd-foreground", ..] | ["httpd", ..]) => Some(Program::Httpd),
        ("redis", ["docker-entrypoint.sh", "redis-server", ..] | ["redis-server", ..]) => Some(Program::Redis),
        ("kubia", ["node", "app.js"]) => Some(Program::Kubia { unhealthy: false }),
        ("kubia-unhealthy", ["node", "app.js"]) => Some(Program::Kubia { unhealthy: true }),
        ("liveness", ["/server", ..]) => Some(Program::Liveness),
        ("liveness", []) => Some(Program::Liveness),
        ("fluentd", ["tini", ..] | ["fluentd", ..]) => Some(Program::Fluentd),
        ("perl", ["perl" | "/usr/local/bin/perl", rest @ ..]) if rest.first().is_some_and(|f| *f != "-de0") => Some(Program::Perl { argv: argv.to_vec() }),
        _ => None,
    }
}

/// The nginx version an argv runs, if it is nginx of an nginx image.
pub fn nginx_of(r: &ImageRef, argv: &[String]) -> Option<(u32, u32, u32)> {
    let first = argv.first()?;
    (base_name(&r.name) == "nginx" && matches!(first.as_str(), "nginx" | "nginx-debug" | "/usr/sbin/nginx")).then(|| images::nginx_version(&r.tag))
}

/// Whether an image has a program kubeplay runs natively (for `kubectl exec` and commands).
pub fn has_program(r: &ImageRef, name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    match base_name(&r.name) {
        "nginx" | "nginx-slim" => matches!(base, "nginx" | "nginx-debug"),
        "httpd" => matches!(base, "httpd" | "httpd-foreground"),
        "redis" => matches!(base, "redis-server" | "docker-entrypoint.sh"),
        "kubia" | "kubia-unhealthy" => base == "node",
        "perl" => base == "perl",
        "fluentd" => matches!(base, "fluentd" | "tini"),
        "liveness" => base == "server",
        _ => false,
    }
}

/// Whether an unknown image's argv is its own default (so it runs its server).
pub fn generic(r: &ImageRef, argv: &[String], config: &images::Config) -> Option<Program> {
    let known = matches!(
        base_name(&r.name),
        "busybox" | "alpine" | "ubuntu" | "debian" | "centos" | "nginx" | "nginx-slim" | "httpd" | "redis" | "kubia" | "kubia-unhealthy" | "batch-job" | "ssd-monitor" | "liveness" | "perl" | "fluentd"
    );
    let default: Vec<String> = config.entrypoint.iter().chain(&config.cmd).cloned().collect();
    (!known && argv == default.as_slice()).then_some(Program::Generic)
}

/// What the program's environment looks like when it starts.
pub struct StartInfo<'a> {
    pub hostname: &'a str,
    pub pod_ip: &'a str,
    pub cpus: u32,
    pub kernel: &'a str,
    pub declared_ports: Vec<i32>,
}

/// An HTTP request as a server sees it.
pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub port: i32,
    /// The client's address as the server sees it.
    pub client: &'a str,
    /// The Host header (`10.244.1.5:80`, `localhost`).
    pub host: &'a str,
    pub agent: &'a str,
}

/// A log line: (stderr, text).
pub type Emit<'a> = &'a mut dyn FnMut(bool, String);

/// A running program.
#[derive(Clone, Debug)]
pub struct App {
    pub program: Program,
    pub started: Time,
    /// Requests served (kubia-unhealthy counts them).
    pub requests: u64,
    /// nginx's connection counter (`*N` in its error log).
    connections: u64,
    /// PIDs of nginx's workers.
    workers: Vec<u32>,
    declared: Vec<i32>,
    hostname: String,
    /// A one-shot program's output, written when it exits: (stdout, stderr) lines.
    pending: Option<(Vec<String>, Vec<String>)>,
    /// A one-shot program's exit code.
    pub exit_code: i32,
}

/// nginx's `NGX_COMPILER` for a version (note the trailing space of Debian's builds).
fn nginx_compiler(v: (u32, u32, u32)) -> &'static str {
    match images::nginx_debian(v) {
        "bookworm" => "gcc 12.2.0 (Debian 12.2.0-14) ",
        "bullseye" => "gcc 10.2.1 20210110 (Debian 10.2.1-6) ",
        "buster" => "gcc 8.3.0 (Debian 8.3.0-6) ",
        _ => "gcc 6.3.0 20170516 (Debian 6.3.0-18+deb9u1) ",
    }
}

fn nginx_time(t: Time) -> String {
    super::sh::strftime(t, "%Y/%m/%d %H:%M:%S")
}

/// The Common Log Format's time (`01/Jan/2024:00:00:10 +0000`).
fn clf_time(t: Time) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let c = t.civil();
    let month = MONTHS[(c.month as usize + 11) % 12];
    format!("{:02}/{month}/{}:{:02}:{:02}:{:02} +0000", c.day, c.year, c.hour, c.minute, c.second)
}

impl App {
    pub fn new(program: Program, now: Time, info: &StartInfo) -> App {
        App {
            program,
            started: now,
            requests: 0,
            connections: 0,
            workers: Vec::new(),
            declared: info.declared_ports.clone(),
            hostname: info.hostname.to_string(),
            pending: None,
            exit_code: 0,
        }
    }

    /// The program starts: what it logs. Returns when and how a one-shot program exits.
    pub fn start(&mut self, now: Time, info: &StartInfo, emit: Emit) -> Option<(Duration, i32)> {
        match &self.program {
            Program::Nginx { version, entry_logs } => {
                let v = *version;
                if *entry_logs {
                    let mut lines = vec![
                        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration".to_string(),
                        "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/".into(),
                        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh".into(),
                        "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf".into(),
                        "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf".into(),
                    ];
                    if v.1 >= 25 {
                        lines.push("/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh".into());
                    }
                    lines.push("/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh".into());
                    if v.1 >= 21 {
                        lines.push("/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh".into());
                    }
                    lines.push("/docker-entrypoint.sh: Configuration complete; ready for start up".into());
                    for l in lines {
                        emit(false, l);
                    }
                }
                let cpus = info.cpus.max(1);
                let first = if *entry_logs { 29 } else { 7 };
                self.workers = (first..first + cpus).collect();
                if v.1 >= 19 {
                    let t = nginx_time(now);
                    emit(true, format!("{t} [notice] 1#1: using the \"epoll\" event method"));
                    emit(true, format!("{t} [notice] 1#1: nginx/{}.{}.{}", v.0, v.1, v.2));
                    emit(true, format!("{t} [notice] 1#1: built by {}", nginx_compiler(v)));
                    emit(true, format!("{t} [notice] 1#1: OS: Linux {}", info.kernel));
                    emit(true, format!("{t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576"));
                    emit(true, format!("{t} [notice] 1#1: start worker processes"));
                    for w in &self.workers {
                        emit(true, format!("{t} [notice] 1#1: start worker process {w}"));
                    }
                }
                None
            }
            Program::Httpd => {
                let msg = format!(
                    "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {}. Set the 'ServerName' directive globally to suppress this message",
                    info.pod_ip
                );
                emit(true, msg.clone());
                emit(true, msg);
                let t = apache_time(now);
                emit(true, format!("[{t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations"));
                emit(true, format!("[{t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'"));
                None
            }
            Program::Redis => {
                let t = redis_time(now);
                emit(false, format!("1:C {t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"));
                emit(false, format!("1:C {t} * Redis version=7.4.0, bits=64, commit=00000000, modified=0, pid=1, just started"));
                emit(false, format!("1:C {t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf"));
                emit(false, format!("1:M {t} * monotonic clock: POSIX clock_gettime"));
                emit(false, format!("1:M {t} * Running mode=standalone, port=6379."));
                emit(false, format!("1:M {t} * Server initialized"));
                emit(false, format!("1:M {t} * Ready to accept connections tcp"));
                None
            }
            Program::Kubia { .. } => {
                emit(false, "Kubia server starting...".into());
                None
            }
            Program::Fluentd => {
                let t = super::sh::strftime(now, "%Y-%m-%d %H:%M:%S +0000");
                emit(false, format!("{t} [info]: parsing config file is succeeded path=\"/etc/fluent/fluent.conf\""));
                emit(false, format!("{t} [info]: using configuration file: <ROOT>"));
                emit(false, "  <match fluent.**>".into());
                emit(false, "    @type null".into());
                emit(false, "  </match>".into());
                emit(false, "</ROOT>".into());
                emit(false, format!("{t} [info]: starting fluentd-1.4.2 pid=1 ruby=\"2.6.3\""));
                emit(false, format!("{t} [info]: spawn command to main:  cmdline=[\"/usr/local/bin/ruby\", \"-Eascii-8bit:ascii-8bit\", \"/usr/local/bundle/bin/fluentd\", \"--under-supervisor\"]"));
                None
            }
            Program::Perl { argv } => {
                let (took, code, out, err) = perl(&argv.clone());
                self.pending = Some((out, err));
                self.exit_code = code;
                Some((took, code))
            }
            Program::Liveness | Program::Generic => None,
        }
    }

    /// Whether the program listens on a TCP port.
    pub fn listens(&self, port: i32) -> bool {
        match &self.program {
            Program::Nginx { .. } | Program::Httpd => port == 80,
            Program::Redis => port == 6379,
            Program::Kubia { .. } | Program::Liveness => port == 8080,
            Program::Fluentd | Program::Perl { .. } => false,
            Program::Generic => self.declared.contains(&port),
        }
    }

    /// Where the program reads the files it serves (volumes mounted elsewhere do not matter to it).
    pub fn docroots(&self) -> &'static [&'static str] {
        match self.program {
            Program::Nginx { .. } => &["/usr/share/nginx/html"],
            Program::Httpd => &["/usr/local/apache2/htdocs"],
            _ => &[],
        }
    }

    /// Whether the port speaks HTTP (redis answers in its own protocol).
    pub fn speaks_http(&self) -> bool {
        !matches!(self.program, Program::Redis)
    }

    /// Serves an HTTP request; `fs` is the container's filesystem (volumes mounted).
    pub fn serve(&mut self, req: &Request, fs: &Fs, now: Time, emit: Emit) -> (u16, String) {
        self.requests += 1;
        self.connections += 1;
        let head = req.method == "HEAD";
        match &self.program {
            Program::Nginx { version, .. } => {
                let v = *version;
                let path = req.path.split('?').next().unwrap_or("/");
                let root = "/usr/share/nginx/html";
                let file = super::sh::fs::normalize("/", &format!("{root}/{}", path.trim_start_matches('/')));
                let request_line = format!("{} {} HTTP/1.1", req.method, req.path);
                let worker = self.workers.first().copied().unwrap_or(29);
                let error = |emit: Emit, msg: String| {
                    emit(true, format!("{} [error] {worker}#{worker}: *{} {msg}, client: {}, server: localhost, request: \"{request_line}\", host: \"{}\"", nginx_time(now), self.connections, req.client, req.host));
                };
                let (status, body) = if fs.is_dir(&file) {
                    let index = format!("{}/index.html", file.trim_end_matches('/'));
                    match fs.read(&index) {
                        Ok(b) => (200, b.to_string()),
                        Err(_) => {
                            let shown = if file.ends_with('/') { file.clone() } else { format!("{file}/") };
                            error(emit, format!("directory index of \"{shown}\" is forbidden"));
                            (403, nginx_error_page(403, v))
                        }
                    }
                } else {
                    match fs.read(&file) {
                        Ok(b) => (200, b.to_string()),
                        Err(_) => {
                            error(emit, format!("open() \"{file}\" failed (2: No such file or directory)"));
                            (404, nginx_error_page(404, v))
                        }
                    }
                };
                let sent = if head { 0 } else { body.len() };
                emit(false, format!("{} - - [{}] \"{request_line}\" {status} {sent} \"-\" \"{}\" \"-\"", req.client, clf_time(now), req.agent));
                (status, if head { String::new() } else { body })
            }
            Program::Httpd => {
                let file = super::sh::fs::normalize("/", &format!("/usr/local/apache2/htdocs/{}", req.path.split('?').next().unwrap_or("").trim_start_matches('/')));
                let body = if fs.is_dir(&file) { fs.read(&format!("{}/index.html", file.trim_end_matches('/'))) } else { fs.read(&file) };
                let (status, body) = match body {
                    Ok(b) => (200, b.to_string()),
                    Err(_) => (404, "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n".to_string()),
                };
                let sent = if head { "-".to_string() } else { body.len().to_string() };
                emit(false, format!("{} - - [{}] \"{} {} HTTP/1.1\" {status} {sent}", req.client, clf_time(now), req.method, req.path));
                (status, body)
            }
            Program::Kubia { unhealthy } => {
                emit(false, format!("Received request from ::ffff:{}", req.client));
                if *unhealthy && self.requests > 5 {
                    (500, "I'm not well. Please restart me!".into())
                } else {
                    (200, format!("You've hit {}\n", self.hostname))
                }
            }
            Program::Liveness => {
                let up = now - self.started;
                if req.path.starts_with("/healthz") && up.as_millis() > 10_000 {
                    (500, format!("error: {:.6}", up.as_millis() as f64 / 1000.0))
                } else {
                    (200, "ok".into())
                }
            }
            Program::Redis => (200, "-ERR wrong number of arguments for 'get' command\r\n".into()),
            Program::Generic => (200, format!("Hello from {}\n", self.hostname)),
            Program::Fluentd | Program::Perl { .. } => (200, String::new()),
        }
    }

    /// The runtime sends the stop signal (the image's STOPSIGNAL, SIGTERM by default). Returns
    /// the exit code and how long shutting down takes, or `None` when the program ignores the
    /// signal (PID 1 without a handler: Node.js) and waits for SIGKILL.
    pub fn stop(&mut self, now: Time, emit: Emit) -> Option<(Duration, i32)> {
        match &self.program {
            Program::Nginx { version, .. } => {
                if version.1 >= 19 {
                    // nginx images stop with SIGQUIT: a graceful shutdown.
                    let t = nginx_time(now);
                    emit(true, format!("{t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down"));
                    for w in &self.workers {
                        emit(true, format!("{t} [notice] {w}#{w}: gracefully shutting down"));
                        emit(true, format!("{t} [notice] {w}#{w}: exiting"));
                        emit(true, format!("{t} [notice] {w}#{w}: exit"));
                    }
                    for w in &self.workers {
                        emit(true, format!("{t} [notice] 1#1: signal 17 (SIGCHLD) received from {w}"));
                        emit(true, format!("{t} [notice] 1#1: worker process {w} exited with code 0"));
                    }
                    emit(true, format!("{t} [notice] 1#1: exit"));
                }
                Some((Duration::from_millis(100), 0))
            }
            Program::Httpd => {
                let t = apache_time(now);
                emit(true, format!("[{t}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully"));
                Some((Duration::from_millis(100), 0))
            }
            Program::Redis => {
                let t = redis_time(now);
                emit(false, format!("1:signal-handler ({}) Received SIGTERM scheduling shutdown...", now.0.div_euclid(1000)));
                emit(false, format!("1:M {t} * User requested shutdown..."));
                emit(false, format!("1:M {t} * Saving the final RDB snapshot before exiting."));
                emit(false, format!("1:M {t} * DB saved on disk"));
                emit(false, format!("1:M {t} # Redis is now ready to exit, bye bye..."));
                Some((Duration::from_millis(100), 0))
            }
            Program::Kubia { .. } => None,
            Program::Liveness | Program::Fluentd | Program::Generic => Some((Duration::from_millis(100), 0)),
            Program::Perl { .. } => None,
        }
    }

    /// A one-shot program's output, written when it exits.
    pub fn finish(&mut self, emit: Emit) {
        if let Some((out, err)) = self.pending.take() {
            for l in out {
                emit(false, l);
            }
            for l in err {
                emit(true, l);
            }
        }
    }
}

fn apache_time(t: Time) -> String {
    let micros = t.0.rem_euclid(1000) * 1000;
    format!("{}.{micros:06} {}", super::sh::strftime(t, "%a %b %d %H:%M:%S"), super::sh::strftime(t, "%Y"))
}

fn redis_time(t: Time) -> String {
    format!("{}.{:03}", super::sh::strftime(t, "%d %b %Y %H:%M:%S"), t.0.rem_euclid(1000))
}

fn nginx_error_page(status: u16, v: (u32, u32, u32)) -> String {
    let title = match status {
        403 => "403 Forbidden",
        _ => "404 Not Found",
    };
    format!("<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx/{}.{}.{}</center>\r\n</body>\r\n</html>\r\n", v.0, v.1, v.2)
}

/// π to 2008 decimal places (`Math::BigFloat->bpi` rounds to the digits asked for).
const PI: &str = "3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679821480865132823066470938446095505822317253594081284811174502841027019385211055596446229489549303819644288109756659334461284756482337867831652712019091456485669234603486104543266482133936072602491412737245870066063155881748815209209628292540917153643678925903600113305305488204665213841469519415116094330572703657595919530921861173819326117931051185480744623799627495673518857527248912279381830119491298336733624406566430860213949463952247371907021798609437027705392171762931767523846748184676694051320005681271452635608277857713427577896091736371787214684409012249534301465495853710507922796892589235420199561121290219608640344181598136297747713099605187072113499999983729780499510597317328160963185950244594553469083026425223082533446850352619311881710100031378387528865875332083814206171776691473035982534904287554687311595628638823537875937519577818577805321712268066130019278766111959092164201989380952572010654858632788659361533818279682303019520353018529689957736225994138912497217752834791315155748572424541506959508295331168617278558890750983817546374649393192550604009277016711390098488240128583616035637076601047101819429555961989467678374494482553797747268471040475346462080466842590694912933136770289891521047521620569660240580381501935112533824300355876402474964732639141992726042699227967823547816360093417216412199245863150302861829745557067498385054945885869269956909272107975093029553211653449872027559602364806654991198818347977535663698074265425278625518184175746728909777727938000816470600161452491921732172147723501414419735685481613611573525521334757418494684385233239073941433345477624168625189835694855620992192221842725502542568876717904946016534668049886272327917860857843838279679766814541009538837863609506800642251252051173929848960841284886269456042419652850222106611863067442786220391949450471237137869609563643719172874677646575739624138908658326459958133904780275900994657640";

/// Rounds π to `digits` significant digits as `bpi(digits)` prints it.
fn bpi(digits: usize) -> String {
    let all: Vec<u8> = PI.bytes().filter(u8::is_ascii_digit).collect();
    let n = digits.clamp(1, all.len() - 1);
    let mut kept: Vec<u8> = all[..n].to_vec();
    if all[n] >= b'5' {
        let mut i = kept.len();
        while i > 0 {
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    while kept.len() > 1 && kept.last() == Some(&b'0') {
        kept.pop();
    }
    let s = String::from_utf8(kept).unwrap_or_default();
    if s.len() == 1 {
        s
    } else {
        format!("{}.{}", &s[..1], &s[1..])
    }
}

/// A perl one-liner: how long it runs, its exit code, stdout and stderr lines.
fn perl(argv: &[String]) -> (Duration, i32, Vec<String>, Vec<String>) {
    let args: Vec<&str> = argv.iter().skip(1).map(String::as_str).collect();
    if args.first().is_some_and(|a| *a == "-v" || *a == "--version") {
        let out = ["", "This is perl 5, version 34, subversion 0 (v5.34.0) built for x86_64-linux-gnu-thread-multi", "", "Copyright 1987-2021, Larry Wall", ""];
        return (Duration::from_millis(10), 0, out.iter().map(|s| s.to_string()).collect(), Vec::new());
    }
    let code = args.iter().position(|a| a.starts_with('-') && a.ends_with('e')).and_then(|i| args.get(i + 1)).copied();
    let Some(code) = code else {
        return (Duration::from_millis(10), 2, Vec::new(), vec!["kubeplay does not support running perl scripts yet (only -e one-liners)".into()]);
    };
    let body = code.trim().trim_end_matches(';').trim();
    if let Some(arg) = body.strip_prefix("print bpi(").and_then(|r| r.strip_suffix(')')) {
        if let Ok(n) = arg.trim().parse::<usize>() {
            // Math::BigFloat's bpi takes about as long as the digits asked for, squared.
            let ms = (n * n / 1_000).max(50) as i64;
            return (Duration::from_millis(ms), 0, vec![bpi(n)], Vec::new());
        }
    }
    let text = body.strip_prefix("print").map(str::trim).map(|s| s.trim_matches(|c| c == '"' || c == '\''));
    match text {
        Some(t) => {
            let t = t.replace("\\n", "\n");
            let lines: Vec<String> = t.trim_end_matches('\n').split('\n').map(String::from).collect();
            (Duration::from_millis(10), 0, lines, Vec::new())
        }
        None => (Duration::from_millis(10), 255, Vec::new(), vec![format!("kubeplay does not support this perl program yet: {body}")]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bpi_rounds_like_math_bigfloat() {
        assert_eq!(bpi(10), "3.141592654");
        let p = bpi(2000);
        assert_eq!(p.len(), 2001);
        assert!(p.ends_with("4780275901"), "{}", &p[1990..]);
        assert!(p.starts_with("3.14159265358979323846"));
    }

    #[test]
    fn images_pick_their_programs() {
        let argv = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let nginx = ImageRef::parse("nginx");
        assert!(matches!(program_for(&nginx, &argv(&["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"])), Some(Program::Nginx { entry_logs: true, .. })));
        assert_eq!(program_for(&nginx, &argv(&["/docker-entrypoint.sh", "sh", "-c", "x"])), None);
        assert_eq!(program_for(&ImageRef::parse("luksa/kubia"), &argv(&["node", "app.js"])), Some(Program::Kubia { unhealthy: false }));
        assert!(matches!(program_for(&ImageRef::parse("perl:5.34.0"), &argv(&["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"])), Some(Program::Perl { .. })));
        let (_, code, out, _) = perl(&argv(&["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]));
        assert_eq!((code, out[0].len()), (0, 2001));
    }
}
