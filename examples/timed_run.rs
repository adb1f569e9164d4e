//! The benchmark's stopwatch: runs one command and prints its wall time, peak memory and exit
//! status, as `SECONDS MAXRSS_KB EXIT_STATUS` on standard output.
//!
//! ```text
//! cargo run --release --example timed_run -- [--timeout SECONDS] [--out FILE] [--err FILE]
//!     [--env NAME=VALUE]... -- COMMAND [ARG...]
//! ```
//!
//! The clock is read just before the command is spawned and just after it is reaped with
//! `wait4`, whose resource usage gives the command's peak resident set size (what GNU time
//! reports, from the same call). Nothing else runs in between: no shell, no `timeout(1)`, no
//! GNU time (whose own exec and fork added about 0.7 ms to every figure). The peak is taken
//! by a small process on purpose: a child spawned by a big one (a Python interpreter) counts
//! its parent's memory in its peak, as `exec` records the high-water mark of the memory it
//! replaces. Standard input is empty, standard output and error go to `--out` and `--err`
//! (default: discarded). A command still running after the timeout (default 3600 s) is killed
//! with its process group, and the exit status is 124, as with `timeout(1)`; a command killed
//! by a signal gives 128 + its number; one that cannot be started, 127.
//!
//! Unix only (`wait4`).

#[cfg(unix)]
fn main() {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    let usage = "usage: timed_run [--timeout S] [--out F] [--err F] [--env N=V]... -- COMMAND...";
    let mut args = std::env::args().skip(1);
    let (mut timeout, mut out, mut err) = (3600.0f64, None, None);
    let mut envs: Vec<(String, String)> = Vec::new();
    let mut cmd: Vec<String> = Vec::new();
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| fail(usage));
        match a.as_str() {
            "--timeout" => timeout = value().parse().unwrap_or_else(|_| fail(usage)),
            "--out" => out = Some(value()),
            "--err" => err = Some(value()),
            "--env" => {
                let kv = value();
                let (k, v) = kv.split_once('=').unwrap_or_else(|| fail(usage));
                envs.push((k.to_string(), v.to_string()));
            }
            "--" => {
                cmd.extend(args.by_ref());
                break;
            }
            _ => fail(usage),
        }
    }
    if cmd.is_empty() {
        fail(usage);
    }
    let sink = |path: Option<String>| -> Stdio {
        match path {
            Some(p) => std::fs::File::create(&p)
                .unwrap_or_else(|e| fail(&format!("{}: {}", p, e)))
                .into(),
            None => Stdio::null(),
        }
    };
    let mut command = Command::new(&cmd[0]);
    command
        .args(&cmd[1..])
        .envs(envs)
        .stdin(Stdio::null())
        .stdout(sink(out))
        .stderr(sink(err))
        .process_group(0);

    let started = Instant::now();
    let child = match command.spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("timed_run: {}: {}", cmd[0], e);
            println!("0.0000 0 127");
            return;
        }
    };
    let pid = child.id() as libc::pid_t;
    let done = Arc::new(AtomicBool::new(false));
    let timed_out = Arc::new(AtomicBool::new(false));
    {
        let (done, timed_out) = (Arc::clone(&done), Arc::clone(&timed_out));
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs_f64(timeout));
            if !done.load(Ordering::SeqCst) {
                timed_out.store(true, Ordering::SeqCst);
                // SAFETY: kill has no memory effects; the group is the child's own.
                unsafe { libc::kill(-pid, libc::SIGKILL) };
            }
        });
    }
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value, which wait4 overwrites.
    let mut rusage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: the pointers are to live locals; the child is ours and waited for only here
        // (its `Child` handle is never waited on).
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut rusage) };
        if r == pid {
            break;
        }
        if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            fail(&format!("wait4: {}", std::io::Error::last_os_error()));
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    done.store(true, Ordering::SeqCst);
    drop(child);
    let code = if timed_out.load(Ordering::SeqCst) {
        124
    } else if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else if libc::WIFSIGNALED(status) {
        128 + libc::WTERMSIG(status)
    } else {
        1
    };
    // ru_maxrss is in kilobytes on Linux.
    println!("{:.4} {} {}", seconds, rusage.ru_maxrss, code);
}

#[cfg(unix)]
fn fail(message: &str) -> ! {
    eprintln!("timed_run: {}", message);
    std::process::exit(2)
}

#[cfg(not(unix))]
fn main() {
    eprintln!("timed_run: needs a Unix system (wait4)");
    std::process::exit(2)
}
