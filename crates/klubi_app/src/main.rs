fn main() -> std::process::ExitCode {
    klubi_app::cli::main()
}
