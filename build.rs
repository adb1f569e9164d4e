//! Embeds the bundled gazetteers (`gazetteers/*.tsv`) and sample articles (`seeds/*`).
use std::fmt::Write as _;
use std::path::Path;

fn list(dir: &str, ext: Option<&str>) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| {
        p.is_file()
            && !p.file_name().unwrap().to_string_lossy().starts_with('.')
            && ext.is_none_or(|x| p.extension().is_some_and(|e| e == x))
    });
    files.sort();
    files
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let out = std::env::var("OUT_DIR").unwrap();
    let mut code = String::new();
    code.push_str("/// The bundled gazetteers: (file name, contents).\npub static GAZETTEERS: &[(&str, &str)] = &[\n");
    for p in list(&format!("{}/gazetteers", root), Some("tsv")) {
        let name = p.file_name().unwrap().to_string_lossy();
        writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
            name,
            p.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n/// The bundled sample articles: (file name, contents).\npub static SEEDS: &[(&str, &[u8])] = &[\n");
    for p in list(&format!("{}/seeds", root), None) {
        let name = p.file_name().unwrap().to_string_lossy();
        writeln!(
            code,
            "    ({:?}, include_bytes!({:?})),",
            name,
            p.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    std::fs::write(Path::new(&out).join("bundled.rs"), code).unwrap();
    println!("cargo:rerun-if-changed=gazetteers");
    println!("cargo:rerun-if-changed=seeds");
}
