//! Processes driven against a fake host with a controllable clock.

use std::collections::BTreeMap;

use super::*;
use crate::time::DEFAULT_START;

struct FakeHost {
    now: Time,
    fs: Fs,
    out: Vec<(Time, String)>,
    err: Vec<(Time, String)>,
    http: BTreeMap<String, Result<(u16, String), HttpError>>,
    requests: Vec<String>,
}

impl FakeHost {
    fn new() -> FakeHost {
        FakeHost { now: DEFAULT_START, fs: Fs::new(), out: Vec::new(), err: Vec::new(), http: BTreeMap::new(), requests: Vec::new() }
    }

    fn out_text(&self) -> String {
        self.out.iter().map(|(_, l)| format!("{l}\n")).collect()
    }

    fn err_text(&self) -> String {
        self.err.iter().map(|(_, l)| format!("{l}\n")).collect()
    }

    fn secs(&self) -> i64 {
        (self.now - DEFAULT_START).as_secs()
    }
}

impl Host for FakeHost {
    fn now(&self) -> Time {
        self.now
    }
    fn fs(&mut self) -> &mut Fs {
        &mut self.fs
    }
    fn hostname(&self) -> String {
        "web-7d4b9c8f5-x2x9z".into()
    }
    fn http(&mut self, method: &str, url: &str, _agent: &str) -> Result<(u16, String), HttpError> {
        self.requests.push(format!("{method} {url}"));
        self.http.get(url).cloned().unwrap_or(Err(HttpError::UnknownHost))
    }
    fn resolve(&mut self, name: &str) -> Option<(String, String)> {
        match name {
            "web-svc" | "web-svc.default" => Some(("web-svc.default.svc.cluster.local".into(), "10.96.0.12".into())),
            _ => None,
        }
    }
    fn stdout(&mut self, line: &str) {
        self.out.push((self.now, line.to_string()));
    }
    fn stderr(&mut self, line: &str) {
        self.err.push((self.now, line.to_string()));
    }
}

fn argv(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

fn script(s: &str) -> Process {
    Process::spawn(&argv(&["/bin/sh", "-c", s]), vec![("HOME".into(), "/root".into())])
}

/// Runs to the end, jumping the clock to every wake-up; panics if it blocks or runs too long.
fn finish(p: &mut Process, host: &mut FakeHost) -> i32 {
    for _ in 0..10_000 {
        match p.run(host) {
            State::Exited(c) => return c,
            State::Sleeping { until } => {
                assert!(until > host.now, "wake-up {until:?} not after now {:?}", host.now);
                host.now = until;
            }
            State::Blocked => panic!("blocked; out: {} err: {}", host.out_text(), host.err_text()),
        }
    }
    panic!("did not finish");
}

/// (stdout, stderr, status) of a script on a fresh host.
fn sh(s: &str) -> (String, String, i32) {
    let mut host = FakeHost::new();
    let code = finish(&mut script(s), &mut host);
    (host.out_text(), host.err_text(), code)
}

fn out(s: &str) -> String {
    let (o, e, _) = sh(s);
    assert_eq!(e, "", "stderr of {s:?}");
    o
}

#[test]
fn exec_liveness_probe_example() {
    let mut host = FakeHost::new();
    let mut main = script("touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600");
    assert_eq!(main.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(30) });
    let probe = |host: &mut FakeHost| {
        host.out.clear();
        host.err.clear();
        let mut p = Process::spawn(&argv(&["cat", "/tmp/healthy"]), Vec::new());
        let code = finish(&mut p, host);
        (code, host.out_text(), host.err_text())
    };
    host.now = DEFAULT_START + Duration::from_secs(10);
    assert_eq!(probe(&mut host), (0, String::new(), String::new()));
    // Called early, it keeps sleeping until the same time.
    assert_eq!(main.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(30) });
    host.now = DEFAULT_START + Duration::from_secs(30);
    assert_eq!(main.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(630) });
    host.now = DEFAULT_START + Duration::from_secs(35);
    assert_eq!(probe(&mut host), (1, String::new(), "cat: can't open '/tmp/healthy': No such file or directory\n".into()));
    host.now = DEFAULT_START + Duration::from_secs(630);
    assert_eq!(main.run(&mut host), State::Exited(0));
    assert_eq!(main.run(&mut host), State::Exited(0));
}

#[test]
fn while_loop_sleeps_across_runs_and_lines_come_at_virtual_times() {
    let mut host = FakeHost::new();
    let mut p = script("while true; do echo \"$(date) Hello\"; sleep 5; done");
    for k in 1..=4 {
        assert_eq!(p.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(5 * k) });
        host.now = DEFAULT_START + Duration::from_secs(5 * k);
    }
    let lines: Vec<(i64, &str)> = host.out.iter().map(|(t, l)| ((*t - DEFAULT_START).as_secs(), l.as_str())).collect();
    assert_eq!(
        lines,
        [
            (0, "Mon Jan  1 00:00:00 UTC 2024 Hello"),
            (5, "Mon Jan  1 00:00:05 UTC 2024 Hello"),
            (10, "Mon Jan  1 00:00:10 UTC 2024 Hello"),
            (15, "Mon Jan  1 00:00:15 UTC 2024 Hello")
        ]
    );
    // A late caller: the next sleep starts when it is resumed.
    host.now = host.now + Duration::from_millis(2_500);
    assert_eq!(p.run(&mut host), State::Sleeping { until: host.now + Duration::from_secs(5) });
}

#[test]
fn counted_loop_with_sleep_ends() {
    let mut host = FakeHost::new();
    let mut p = script("for i in 1 2 3; do echo $i; sleep 1.5; done; echo done at $(date +%T)");
    assert_eq!(finish(&mut p, &mut host), 0);
    assert_eq!(host.out_text(), "1\n2\n3\ndone at 00:00:04\n");
    assert_eq!(host.out[1].0, DEFAULT_START + Duration::from_millis(1500));
    assert_eq!(host.secs(), 4);
}

#[test]
fn single_commands() {
    let mut host = FakeHost::new();
    let mut p = Process::spawn(&argv(&["sleep", "3600"]), Vec::new());
    assert_eq!(p.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(3600) });
    // PID 1 ignores SIGTERM.
    p.signal(Signal::Term);
    assert_eq!(p.pending_signal(), Some(Signal::Term));
    assert_eq!(p.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(3600) });
    assert_eq!(p.pending_signal(), None);
    host.now = DEFAULT_START + Duration::from_secs(3600);
    assert_eq!(p.run(&mut host), State::Exited(0));

    let mut p = Process::spawn(&argv(&["sleep", "infinity"]), Vec::new());
    assert_eq!(p.run(&mut host), State::Blocked);
    let mut p = Process::spawn(&argv(&["tail", "-f", "/dev/null"]), Vec::new());
    assert_eq!(p.run(&mut host), State::Blocked);
    let mut p = Process::spawn(&argv(&["echo", "hi", "$HOME"]), Vec::new());
    assert_eq!(p.run(&mut host), State::Exited(0));
    assert_eq!(host.out_text(), "hi $HOME\n");
    let mut p = Process::spawn(&argv(&["nginx"]), Vec::new());
    assert_eq!(p.run(&mut host), State::Exited(127));
    assert_eq!(host.err_text(), "sh: nginx: not found\n");
    // A bare shell with a closed stdin exits at once; with an open one it waits.
    assert_eq!(Process::spawn(&[], Vec::new()).run(&mut host), State::Exited(0));
    assert_eq!(Process::spawn(&argv(&["sh"]), Vec::new()).with_stdin(true).run(&mut host), State::Blocked);
    assert_eq!(script("read line").with_stdin(true).run(&mut host), State::Blocked);
    assert_eq!(script("read line; echo $?").run(&mut host), State::Exited(0));
    assert!(command_exists("sleep", &host.fs) && command_exists("/bin/sh", &host.fs) && !command_exists("nginx", &host.fs));
}

#[test]
fn exit_codes() {
    assert_eq!(sh("exit 3").2, 3);
    assert_eq!(sh("false").2, 1);
    assert_eq!(sh("true; false; true").2, 0);
    assert_eq!(sh("exit 300").2, 44);
    assert_eq!(sh("false; exit").2, 1);
    assert_eq!(sh("nosuchcmd --flag"), (String::new(), "sh: nosuchcmd: not found\n".into(), 127));
    assert_eq!(sh("nosuch; echo $?"), ("127\n".into(), "sh: nosuch: not found\n".into(), 0));
    assert_eq!(sh("exit abc"), (String::new(), "sh: exit: Illegal number: abc\n".into(), 2));
    assert_eq!(sh("( exit 5 ); echo $?; sh -c 'exit 7'; echo $?").0, "5\n7\n");
    assert_eq!(sh("! true; echo $?; ! false; echo $?").0, "1\n0\n");
    assert_eq!(sh("false && echo no; true || echo no; false || echo yes; true && echo yes2").0, "yes\nyes2\n");
    assert_eq!(sh("false && true || echo recovered").0, "recovered\n");
    assert_eq!(sh("cat /nope").2, 1);
    assert_eq!(sh("sed s/a/b/"), (String::new(), "sh: sed: kubeplay does not support sed yet\n".into(), 127));
}

#[test]
fn quoting_and_expansions() {
    assert_eq!(out("X=world; echo \"hello $X\" 'and $X' hello\\ \\$X"), "hello world and $X hello $X\n");
    assert_eq!(
        out("echo ${UNSET:-default} ${UNSET-d2} ${E:=assigned}; echo $E; X=v; echo ${X:+alt} ${#X}"),
        "default d2 assigned\nassigned\nalt 1\n"
    );
    assert_eq!(out("f=/a/b/c.tar.gz; echo ${f##*/} ${f%.*} ${f%%.*} ${f#/a}"), "c.tar.gz /a/b/c.tar /a/b/c /b/c.tar.gz\n");
    assert_eq!(out("X='a   b'; for w in $X; do echo \"[$w]\"; done; echo \"[$X]\""), "[a]\n[b]\n[a   b]\n");
    assert_eq!(out("set -- 'x y' z; echo $#; for a in \"$@\"; do echo \"<$a>\"; done; echo \"$*\""), "2\n<x y>\n<z>\nx y z\n");
    assert_eq!(out("echo $((1 + 2 * 3)) $((10 / 3)) $((10 % 3)) $((2 > 1)) $(( (1+2)*3 ))"), "7 3 1 1 9\n");
    assert_eq!(out("i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i; : $((i+=5)); echo $i"), "3\n8\n");
    assert_eq!(out("echo `echo back` $(echo $(echo nested))"), "back nested\n");
    assert_eq!(out("x=$(printf 'a\\n\\n\\n'); echo \"[$x]\""), "[a]\n");
    assert_eq!(out("echo ~ ~/x"), "/root /root/x\n");
    assert_eq!(out("X=a:b::c; IFS=:; set -- $X; echo $#"), "4\n");
    assert_eq!(out("echo \"$(echo '\"quoted\"')\""), "\"quoted\"\n");
    assert_eq!(sh("echo $((1/0))"), (String::new(), "sh: divide by zero\n".into(), 2));
    assert_eq!(sh("echo ${NOPE:?is required}; echo after"), (String::new(), "sh: NOPE: is required\n".into(), 2));
}

#[test]
fn control_flow() {
    assert_eq!(out("for i in 1 2 3; do echo $i; done"), "1\n2\n3\n");
    assert_eq!(out("if [ -f /tmp/x ]; then echo yes; else echo no; fi; touch /tmp/x; if [ -f /tmp/x ]; then echo yes; fi"), "no\nyes\n");
    assert_eq!(out("x=3; if [ $x -eq 1 ]; then echo one; elif [ $x -eq 3 ]; then echo three; else echo other; fi"), "three\n");
    assert_eq!(
        out("for f in app.log data.txt x; do case $f in *.log) echo \"log $f\";; *.txt|*.md) echo \"text $f\";; *) echo \"other $f\";; esac; done"),
        "log app.log\ntext data.txt\nother x\n"
    );
    assert_eq!(out("case a in a) echo one;& b) echo two;; c) echo three;; esac"), "one\ntwo\n");
    assert_eq!(out("greet() { echo \"hi $1 ($#)\"; return 4; }; greet bob x; echo $?"), "hi bob (2)\n4\n");
    assert_eq!(out("f() { local v=inner; echo $v; }; v=outer; f; echo $v"), "inner\nouter\n");
    assert_eq!(out("fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 10"), "3628800\n");
    assert_eq!(out("for i in 1 2 3 4 5; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done; echo end"), "1\n3\nend\n");
    assert_eq!(out("for i in a b; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; done"), "a1\nb1\n");
    assert_eq!(out("n=0; until [ $n -ge 2 ]; do n=$((n+1)); echo $n; done"), "1\n2\n");
    assert_eq!(out("{ echo a; echo b; } | wc -l"), "2\n");
    assert_eq!(out("x=1; ( x=2; echo $x ); echo $x"), "2\n1\n");
    assert_eq!(out("set -- a b c; shift; echo $@; for x; do echo $x; done"), "b c\nb\nc\n");
    assert_eq!(out("eval 'y=5'; echo $y; cmd='echo evaluated'; eval $cmd"), "5\nevaluated\n");
    assert_eq!(out("while read line; do echo \"got $line\"; done <<EOF\none\ntwo\nEOF\necho after"), "got one\ngot two\nafter\n");
    assert_eq!(out("X=hd; cat <<EOF\n$X is \\$X\nEOF\ncat <<'EOF'\n$X raw\nEOF"), "hd is $X\n$X raw\n");
}

#[test]
fn pipelines_and_redirections() {
    let mut host = FakeHost::new();
    let s = "mkdir -p /data/x && echo hi > /data/x/f; echo more >> /data/x/f; cat /data/x/f | grep -c .; ls /data; ls /data/x/f; \
             echo err 1>&2; echo quiet >/dev/null 2>&1; ls /nope 2>/dev/null || echo missing; wc -l < /data/x/f; \
             { echo a; echo b >&2; } > /tmp/both 2>&1; cat /tmp/both; echo x | tee /tmp/t | tr a-z A-Z; cat /tmp/t";
    assert_eq!(finish(&mut script(s), &mut host), 0);
    assert_eq!(host.out_text(), "2\nx\n/data/x/f\nmissing\n2\na\nb\nX\nx\n");
    assert_eq!(host.err_text(), "err\n");
    assert_eq!(host.fs.read("/data/x/f"), Ok("hi\nmore\n"));
    assert_eq!(sh("echo hi > /nodir/f; echo $?"), ("1\n".into(), "sh: can't create /nodir/f: nonexistent directory\n".into(), 0));
    assert_eq!(sh("cat < /nofile"), (String::new(), "sh: can't open /nofile: no such file\n".into(), 1));
    assert_eq!(out("echo 'b\na\nc\na' | sort | uniq -c"), "      2 a\n      1 b\n      1 c\n");
    assert_eq!(out("printf 'x y\\n' | { read a b; echo $b $a; }"), "y x\n");
    assert_eq!(out("echo one two three | cut -d' ' -f2,3; echo abcdef | cut -c2-4"), "two three\nbcd\n");
    assert_eq!(out("seq 1 10 | head -n 3; seq 10 | tail -n 2; seq 5 | tail -n +4"), "1\n2\n3\n9\n10\n4\n5\n");
    assert_eq!(out("echo hello | grep -q ell && echo found; echo HELLO | grep -i hello; printf 'a\\nb\\n' | grep -v a"), "found\nHELLO\nb\n");
    assert_eq!(sh("false | true; echo $?; true | false; echo $?; set -o pipefail; false | true; echo $?").0, "0\n1\n1\n");
    assert_eq!(sh("exec > /tmp/log; echo into log; exec >&2; cat /tmp/log"), (String::new(), "into log\n".into(), 0));
}

#[test]
fn builtins_and_utilities() {
    assert_eq!(out("echo -n a; echo b; echo -e 'c\\td'; echo 'e\\tf'"), "ab\nc\td\ne\\tf\n");
    assert_eq!(out("printf '%s-%d-%05.1f|%-4s|%x\\n' a 42 3.14159 ab 255; printf '%s\\n' x y z"), "a-42-003.1|ab  |ff\nx\ny\nz\n");
    assert_eq!(out("date; date +%Y-%m-%dT%H:%M:%S; date -u +%s"), "Mon Jan  1 00:00:00 UTC 2024\n2024-01-01T00:00:00\n1704067200\n");
    assert_eq!(
        out("hostname; id; whoami; pwd; cd /tmp && pwd; cd ..; pwd"),
        "web-7d4b9c8f5-x2x9z\nuid=0(root) gid=0(root) groups=0(root),10(wheel)\nroot\n/\n/tmp\n/\n"
    );
    assert_eq!(sh("cd /nope").1, "sh: cd: can't cd to /nope: No such file or directory\n");
    assert_eq!(out("seq 3; seq -s , 2 2 8; expr 2 + 3 \\* 4; expr 7 / 2; expr length hello"), "1\n2\n3\n2,4,6,8\n14\n3\n5\n");
    assert_eq!(out("uname; uname -a"), "Linux\nLinux web-7d4b9c8f5-x2x9z 5.15.0 #1 SMP Mon Jan 1 00:00:00 UTC 2024 x86_64 GNU/Linux\n");
    assert_eq!(out("basename /a/b/c.txt .txt; dirname /a/b/c.txt; dirname x"), "c\n/a/b\n.\n");
    assert_eq!(
        out("mkdir -p /d/e; touch /d/a /d/.h; ls /d; ls -a /d; cp /d/a /d/e/; mv /d/a /d/b; ls /d /d/e; rm -r /d/e; rm /d/b; ls /d"),
        "a\ne\n.\n..\n.h\na\ne\n/d:\nb\ne\n\n/d/e:\na\n"
    );
    assert_eq!(sh("rm /nope"), (String::new(), "rm: can't remove '/nope': No such file or directory\n".into(), 1));
    assert_eq!(sh("mkdir /tmp"), (String::new(), "mkdir: can't create directory '/tmp': File exists\n".into(), 1));
    assert_eq!(sh("ls /nope"), (String::new(), "ls: /nope: No such file or directory\n".into(), 1));
    assert_eq!(sh("sleep"), (String::new(), "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n".into(), 1));
    assert_eq!(sh("sleep x"), (String::new(), "sleep: invalid number 'x'\n".into(), 1));
    assert_eq!(out("ps"), "PID   USER     TIME  COMMAND\n    1 root      0:00 /bin/sh -c ps\n    7 root      0:00 ps\n");
    assert_eq!(out("echo a b c | wc -w; printf 'ab' | wc -c; echo x | wc"), "3\n2\n        1         1         2\n");
    assert_eq!(out("type cd echo ls; command -v ls; which ls"), "cd is a shell builtin\necho is a shell builtin\nls is /bin/ls\n/bin/ls\n/bin/ls\n");
    assert_eq!(out("/bin/echo via path; /usr/bin/env | grep -c HOME"), "via path\n1\n");
    assert_eq!(out("echo abc | tr -d b; echo hello | tr a-y b-z; echo aab | tr -s a"), "ac\nifmmp\nab\n");
    let (o, e, c) = sh("printf '%d\\n' abc");
    assert_eq!((o.as_str(), e.as_str(), c), ("0\n", "printf: invalid number 'abc'\n", 1));
}

#[test]
fn test_and_brackets() {
    let t = |e: &str| sh(&format!("[ {e} ]")).2;
    assert_eq!(
        [t("1 -eq 1"), t("1 -ne 1"), t("2 -gt 1"), t("a = a"), t("a != a"), t("-z ''"), t("-n x"), t("-d /tmp"), t("-f /tmp"), t("-e /etc/passwd")],
        [0, 1, 0, 0, 1, 0, 0, 0, 1, 0]
    );
    assert_eq!(
        [t("! -d /tmp"), t("-d /tmp -a -f /tmp"), t("-d /tmp -o -f /tmp"), t("x"), t("''"), t("-n"), t("\\( 1 -lt 2 \\)")],
        [1, 1, 0, 0, 1, 0, 0]
    );
    assert_eq!(sh("[ a -eq 1 ]"), (String::new(), "sh: a: bad number\n".into(), 2));
    assert_eq!(sh("[ 1 = 1"), (String::new(), "sh: missing ]\n".into(), 2));
    assert_eq!(sh("test 1 -lt 2 && echo ok").0, "ok\n");
    assert_eq!(sh("[ ]").2, 1);
}

#[test]
fn environment() {
    let mut host = FakeHost::new();
    let env = vec![("MY_VAR".to_string(), "hello".to_string()), ("PATH".to_string(), "/bin".to_string())];
    let mut p = Process::spawn(
        &argv(&["sh", "-c", "echo $MY_VAR; env; X=1 printenv X; printenv MY_VAR NOPE; echo $?; export Y=2; sh -c 'echo child $Y $X'"]),
        env.clone(),
    );
    assert_eq!(finish(&mut p, &mut host), 0);
    assert_eq!(host.out_text(), "hello\nMY_VAR=hello\nPATH=/bin\nSHLVL=1\nPWD=/\n1\nhello\n1\nchild 2\n");
    let mut host = FakeHost::new();
    let mut p = Process::spawn(&argv(&["env"]), env);
    assert_eq!(finish(&mut p, &mut host), 0);
    assert_eq!(host.out_text(), "MY_VAR=hello\nPATH=/bin\n");
}

#[test]
fn cronjob_example_and_mounted_config() {
    let mut host = FakeHost::new();
    host.fs.put_file("/etc/config/key", "value-1").unwrap();
    host.fs.put_file("/etc/config/other", "v2\n").unwrap();
    let mut p = script("date; echo Hello from the Kubernetes cluster; cat /etc/config/key; echo; for f in /etc/config/*; do echo \"$f\"; done");
    assert_eq!(finish(&mut p, &mut host), 0);
    assert_eq!(host.out_text(), "Mon Jan  1 00:00:00 UTC 2024\nHello from the Kubernetes cluster\nvalue-1\n/etc/config/key\n/etc/config/other\n");
    let mut host = FakeHost::new();
    host.fs.put_file("/scripts/run.sh", "#!/bin/sh\necho run $1\nexit 3\n").unwrap();
    let mut p = script("/scripts/run.sh a; echo $?; chmod +x /scripts/run.sh; /scripts/run.sh b; echo $?; sh /scripts/run.sh c");
    assert_eq!(finish(&mut p, &mut host), 3);
    assert_eq!(host.out_text(), "126\nrun b\n3\nrun c\n");
    assert_eq!(host.err_text(), "sh: /scripts/run.sh: Permission denied\n");
}

#[test]
fn http_tools() {
    let mut host = FakeHost::new();
    host.http.insert("http://web-svc:80/".into(), Ok((200, "<h1>hello</h1>\n".into())));
    host.http.insert("http://10.244.1.5:8080/".into(), Ok((200, "pong".into())));
    host.http.insert("http://web-svc/missing".into(), Ok((404, "not found".into())));
    host.http.insert("http://blocked/".into(), Err(HttpError::Timeout));
    host.http.insert("http://down/".into(), Err(HttpError::Refused));
    let mut p = script(
        "wget -qO- http://web-svc:80; curl -s http://10.244.1.5:8080/; echo; wget -q -O - http://web-svc/missing; echo $?; \
         curl -s -o /dev/null -w '%{http_code}\\n' http://web-svc/missing; curl -sf http://web-svc/missing; echo $?; \
         wget -qO- nosuch; curl nosuch; echo $?; wget -q -T 2 -O- http://blocked; echo timed out $? at $(date +%S); \
         wget -qO- http://down; wget -O /tmp/page http://web-svc:80 ; cat /tmp/page",
    );
    assert_eq!(finish(&mut p, &mut host), 0);
    assert_eq!(host.out_text(), "<h1>hello</h1>\npong\n1\n404\n22\n6\ntimed out 1 at 02\n<h1>hello</h1>\n");
    assert_eq!(
        host.err_text(),
        "wget: server returned error: HTTP/1.1 404 Not Found\n\
         wget: bad address 'nosuch'\n\
         \x20 % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n\
         \x20                                Dload  Upload   Total   Spent    Left  Speed\n\
         \x20 0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n\
         curl: (6) Could not resolve host: nosuch\n\
         wget: download timed out\n\
         wget: can't connect to remote host (down): Connection refused\n\
         Connecting to web-svc (10.96.0.12:80)\n\
         saving to '/tmp/page'\n\
         /tmp/page            100% |********************************|    15  0:00:00 ETA\n\
         '/tmp/page' saved\n"
    );
    let mut host = FakeHost::new();
    host.fs.put_file("/etc/resolv.conf", "search default.svc.cluster.local\nnameserver 10.96.0.10\n").unwrap();
    let mut p = script("nslookup web-svc; nslookup nope; echo $?");
    assert_eq!(finish(&mut p, &mut host), 0);
    assert_eq!(
        host.out_text(),
        "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-svc.default.svc.cluster.local\nAddress: 10.96.0.12\n\n\
         Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope: NXDOMAIN\n\n1\n"
    );
}

#[test]
fn traps_and_signals() {
    // Without a trap the shell (PID 1) ignores SIGTERM.
    let mut host = FakeHost::new();
    let mut p = script("while true; do sleep 1; done");
    assert_eq!(p.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(1) });
    p.signal(Signal::Term);
    assert!(!p.traps(Signal::Term));
    assert_eq!(p.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(1) });

    // With one, the trap runs at the next resume, interrupting the sleep.
    let mut host = FakeHost::new();
    let mut p = script("trap 'echo bye; exit 0' TERM; echo start; while true; do sleep 10; done");
    assert_eq!(p.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(10) });
    assert!(p.traps(Signal::Term));
    host.now = DEFAULT_START + Duration::from_secs(3);
    p.signal(Signal::Term);
    assert_eq!(p.run(&mut host), State::Exited(0));
    assert_eq!(host.out_text(), "start\nbye\n");
    assert_eq!(host.out[1].0, DEFAULT_START + Duration::from_secs(3));

    // A trap that does not exit: the script goes on after the interrupted command; EXIT traps.
    let mut host = FakeHost::new();
    let mut p = script("trap 'echo got TERM' TERM; trap 'echo exiting' EXIT; sleep 100; echo status $?; sleep 1; exit 4");
    p.run(&mut host);
    p.signal(Signal::Term);
    assert_eq!(p.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(1) });
    host.now = DEFAULT_START + Duration::from_secs(1);
    assert_eq!(p.run(&mut host), State::Exited(4));
    assert_eq!(host.out_text(), "got TERM\nstatus 143\nexiting\n");

    // The `sleep infinity & wait` pattern.
    let mut host = FakeHost::new();
    let mut p = script("trap 'echo stopping; exit 0' TERM; sleep infinity & wait");
    assert_eq!(p.run(&mut host), State::Blocked);
    p.signal(Signal::Term);
    assert_eq!(p.run(&mut host), State::Exited(0));
    assert_eq!(host.out_text(), "stopping\n");
    assert_eq!(sh("trap 'echo x' TERM INT; trap").0, "trap -- 'echo x' INT\ntrap -- 'echo x' TERM\n");
}

#[test]
fn background_jobs() {
    let mut host = FakeHost::new();
    let mut p = script("(sleep 2; echo bg) & echo fg; wait; echo done $(date +%S)");
    assert_eq!(p.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(2) });
    host.now = DEFAULT_START + Duration::from_secs(2);
    assert_eq!(p.run(&mut host), State::Exited(0));
    assert_eq!(host.out_text(), "fg\nbg\ndone 02\n");
    assert_eq!(sh("sh -c 'exit 3' & wait $!; echo $?").0, "3\n");
    // When PID 1 exits, background jobs die with it.
    let mut host = FakeHost::new();
    let mut p = script("while true; do sleep 1; echo tick; done & sleep 2.5; echo main done");
    assert_eq!(finish(&mut p, &mut host), 0);
    assert_eq!(host.out_text(), "tick\ntick\nmain done\n");
}

#[test]
fn sleep_inside_command_substitution_takes_virtual_time() {
    let mut host = FakeHost::new();
    let mut p = script("x=$(sleep 3; echo late); echo $x $(date +%S)");
    assert_eq!(p.run(&mut host), State::Sleeping { until: DEFAULT_START + Duration::from_secs(3) });
    host.now = DEFAULT_START + Duration::from_secs(3);
    assert_eq!(p.run(&mut host), State::Exited(0));
    assert_eq!(host.out_text(), "late 03\n");
}

#[test]
fn errexit_xtrace_nounset() {
    assert_eq!(sh("set -e; echo a; false; echo b"), ("a\n".into(), String::new(), 1));
    assert_eq!(sh("set -e; if false; then :; fi; false || true; ! false; echo ok").0, "ok\n");
    assert_eq!(sh("sh -ec 'echo in; false; echo no'; echo $?").0, "in\n1\n");
    assert_eq!(sh("set -x; echo hi"), ("hi\n".into(), "+ echo hi\n".into(), 0));
    assert_eq!(sh("set -u; echo $NOPE; echo after"), (String::new(), "sh: NOPE: parameter not set\n".into(), 2));
}

#[test]
fn syntax_errors_after_earlier_lines_ran() {
    assert_eq!(sh("echo a\nfi\necho b"), ("a\n".into(), "sh: syntax error: unexpected \"fi\"\n".into(), 2));
    assert_eq!(sh("echo a; if true; then"), (String::new(), "sh: syntax error: unexpected end of file (expecting \"fi\")\n".into(), 2));
    assert_eq!(sh("echo 'oops"), (String::new(), "sh: syntax error: unterminated quoted string\n".into(), 2));
    assert_eq!(sh("sh -c 'done'; echo $?").0, "2\n");
}

#[test]
fn tight_loop_yields_instead_of_hanging() {
    let mut host = FakeHost::new();
    let mut p = script("while true; do :; done");
    for k in 1..=5 {
        assert_eq!(p.run(&mut host), State::Sleeping { until: host.now + Duration::from_secs(1) }, "round {k}");
        host.now = host.now + Duration::from_secs(1);
    }
    // A long but finite loop finishes after some busy virtual seconds.
    let mut host = FakeHost::new();
    let mut p = script("i=0; while [ $i -lt 12000 ]; do i=$((i+1)); done; echo $i");
    assert_eq!(finish(&mut p, &mut host), 0);
    assert_eq!(host.out_text(), "12000\n");
    assert!(host.secs() >= 1, "{}", host.secs());
    // The trap still works on a busy process.
    let mut host = FakeHost::new();
    let mut p = script("trap 'exit 9' TERM; while :; do :; done");
    p.run(&mut host);
    p.signal(Signal::Term);
    assert_eq!(p.run(&mut host), State::Exited(9));
}

#[test]
fn limits_are_enforced_without_panics() {
    assert_eq!(sh(&"(".repeat(10_000)).2, 2);
    assert_eq!(sh(&format!("echo {}", "$(".repeat(5_000))).2, 2);
    assert_eq!(sh(&"{ ".repeat(100)).1, "sh: syntax error: nesting too deep\n");
    let (_, e, c) = sh(&format!("echo {}", "x".repeat(300 * 1024)));
    assert_eq!((e.as_str(), c), ("sh: script too long\n", 2));
    let (_, e, c) = sh("f() { f; }; f");
    assert_eq!((e.as_str(), c), ("sh: recursion too deep\n", 2));
    let (_, e, c) = sh("f() { echo $(f); }; f");
    assert_eq!((e.as_str(), c), ("sh: recursion too deep\n", 2));
    // Values are capped instead of growing forever.
    let mut host = FakeHost::new();
    let mut p = script("x=a; while true; do x=\"$x$x\"; done");
    for _ in 0..3 {
        assert!(matches!(p.run(&mut host), State::Sleeping { .. }));
        host.now = host.now + Duration::from_secs(1);
    }
    assert_eq!(sh("seq 1 1000000000 | wc -l").0, "100000\n");
    let (o, _, _) = sh("n=0; while [ $n -lt 100 ]; do sleep 0 & n=$((n+1)); done; wait; echo $n");
    assert_eq!(o, "100\n");
    let (_, e, c) = sh("while true; do sleep 5 & done");
    assert_eq!((e.as_str(), c), ("sh: can't fork: Resource temporarily unavailable\n", 2));
}

/// A tiny deterministic generator for the fuzz test.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[test]
fn fuzz_random_scripts_never_panic_or_hang() {
    const TOKENS: &[&str] = &[
        "echo", "x", "$x", "\"", "'", "`", "$(", ")", "(", "{", "}", ";", "&", "&&", "||", "|", "\n", "if", "then", "else", "fi", "while", "do",
        "done", "for", "in", "case", "esac", ";;", "*)", "sleep", "1", "0.5", "infinity", "$((", "))", "+", "${", "x:-y", "#", "\\", "<<", "EOF",
        ">", ">>", "<", "2>&1", "/tmp/f", "cat", "read", "exit", "trap", "TERM", "f()", "f", "return", "break", "continue", "true", "false", "[",
        "]", "-eq", "=", "test", "wait", "set", "-e", "shift", "eval", "local", "export", "X=1", "$@", "\"$@\"", "*", "?", "~", "seq", "10", "grep",
        "wc", "-l", "printf", "%s", "%d", "date", "+%s", "wget", "-qO-", "http://a", "ls", "/", "mkdir", "-p", "rm", "-rf",
    ];
    let mut rng = Lcg(7);
    for round in 0..400 {
        let n = 1 + rng.next(40);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(TOKENS[rng.next(TOKENS.len())]);
            s.push(if rng.next(4) == 0 { '\n' } else { ' ' });
        }
        let mut host = FakeHost::new();
        let mut p = script(&s);
        if round % 3 == 0 {
            p = p.with_stdin(true);
        }
        for step in 0..20 {
            match p.run(&mut host) {
                State::Exited(_) => break,
                State::Sleeping { until } => {
                    assert!(until > host.now, "script {s:?}");
                    host.now = until;
                }
                State::Blocked => {
                    p.signal(Signal::Term);
                }
            }
            if step == 5 {
                p.signal(Signal::Term);
            }
        }
    }
}
