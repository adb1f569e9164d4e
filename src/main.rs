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
    std::process::exit(cli::run());
}
