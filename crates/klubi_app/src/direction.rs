//! The direction rule, checked: `klubi_app`'s pages and API are adapters that
//! call `klubi_ops` and render; they never reach the database, open a
//! transaction or look at roles, and `klubi_ops` builds without any web crate.
//! (The crate graph enforces most of it: `klubi_db` is not among `klubi_app`'s
//! dependencies, only its tests'. These tests keep it so.)

#![cfg(test)]

use std::path::{Path, PathBuf};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `[dependencies]` names of a Cargo.toml (not dev- or build-dependencies).
fn dependencies(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).expect("a manifest");
    let mut names = vec![];
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == "[dependencies]";
        } else if inside && let Some((name, _)) = line.split_once('=') {
            let name = name.trim();
            names.push(name.strip_suffix(".workspace").unwrap_or(name).to_string());
        }
    }
    names
}

#[test]
fn pages_and_api_reach_neither_the_database_nor_roles() {
    // What only the operations may do, as it would be written: reach the
    // database, open a transaction, authorize, or decide by a role or an
    // account's kind. (Asking the policy what to offer — `policy::allows`, for
    // the menu — and showing a user's roles are the adapters' to do.)
    const FORBIDDEN: [&str; 11] = [
        "klubi_db",
        ".begin()",
        "commit(",
        "state.db",
        "sqlx",
        "policy::require",
        "policy::decide",
        "roles.has(",
        ".has(Role",
        "== Role::",
        "AccountKind",
    ];
    let mut files = vec![];
    for dir in ["src/web", "src/api"] {
        rust_files(&manifest_dir().join(dir), &mut files);
    }
    assert!(files.len() > 10, "found the adapters: {files:?}");
    let mut found = vec![];
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a source file");
        for (n, line) in text.lines().enumerate() {
            for f in FORBIDDEN {
                if line.contains(f) {
                    found.push(format!("{}:{}: {f}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "web/ and api/ call an operation of klubi_ops instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_app_depends_on_the_operations_not_on_the_database() {
    let deps = dependencies(&manifest_dir().join("Cargo.toml"));
    assert!(deps.iter().any(|d| d == "klubi_ops"), "{deps:?}");
    assert!(
        !deps.iter().any(|d| d == "klubi_db" || d == "sqlx"),
        "{deps:?}"
    );
}

#[test]
fn the_operations_build_without_web_crates() {
    let deps = dependencies(&manifest_dir().join("../klubi_ops/Cargo.toml"));
    assert!(deps.iter().any(|d| d == "klubi_db"), "{deps:?}");
    for web in [
        "axum",
        "axum-extra",
        "askama",
        "askama_web",
        "utoipa",
        "utoipa-axum",
        "tower",
        "tower-http",
        "http",
        "hyper",
    ] {
        assert!(!deps.iter().any(|d| d == web), "klubi_ops depends on {web}");
    }
}
