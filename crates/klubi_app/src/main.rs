// glibc's malloc spent about a tenth of a request's CPU under load (many
// threads, many small strings); mimalloc's per-thread heaps do the same work
// with less locking.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    klubi_app::cli::main()
}
