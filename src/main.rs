//! The `nergraph` command: a thin layer over the library.
mod cli;

// Documents are many small allocations made and freed on every thread (buffers, mentions,
// evidence); mimalloc's per-thread free lists make that about a tenth of the time glibc's
// allocator takes (see BENCHMARKS.md). The library leaves the choice to its users. Without
// transparent huge pages (`no_thp`): zeroing 2 MiB pages made a first run after an idle spell
// up to twice as slow as the next one.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = cli::run();
    exit_now(code)
}

/// Ends the process once everything is written, without tearing the heap down first.
///
/// `std::process::exit` runs the C library's exit handlers, and mimalloc's frees and purges
/// every page the run used (some 190 `madvise` calls after a 10 MB build with the bundled
/// gazetteers, a couple of milliseconds) just before the kernel reclaims the whole address
/// space anyway; compilers skip that teardown the same way (clang's `-disable-free`). The
/// outputs are already renamed into place and standard error is unbuffered; standard output
/// is flushed here.
fn exit_now(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().lock().flush();
    #[cfg(unix)]
    // SAFETY: `_exit` only ends the process; no code of this program runs after it, and
    // nothing is left to flush.
    unsafe {
        libc::_exit(code)
    }
    #[cfg(not(unix))]
    std::process::exit(code)
}
