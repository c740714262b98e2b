//! Runs every `tests/transcripts/*.txt` and compares kubeplay's output with it, byte for byte
//! (apart from `{{regex}}` parts). One failing file does not hide the others.
//!
//! `KUBEPLAY_ONLY=NAME[,NAME…]` runs only those transcripts (file names without `.txt`).
//!
//! `KUBEPLAY_BLESS=NAME` (a file name without `.txt`) rewrites that one transcript with what
//! kubeplay prints now — for drafting a new transcript from its commands. Review every line of
//! the result against upstream before committing it, and put `{{…}}` patterns back by hand.

use std::path::Path;

#[test]
fn transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("transcripts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/transcripts exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    if let Ok(only) = std::env::var("KUBEPLAY_ONLY") {
        let names: Vec<&str> = only.split(',').collect();
        files.retain(|f| f.file_stem().is_some_and(|s| names.iter().any(|n| s == *n)));
    }
    assert!(!files.is_empty(), "no transcripts found in {}", dir.display());
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let t = kubeplay_tests::parse(&text);
        assert!(!t.commands.is_empty(), "{} has no commands", f.display());
        let actual = kubeplay_tests::run(&t);
        // Determinism: the same commands give byte-identical output, random parts included.
        assert_eq!(actual, kubeplay_tests::run(&t), "{} is not deterministic", f.display());
        let bless = std::env::var("KUBEPLAY_BLESS").is_ok_and(|n| f.file_stem().is_some_and(|s| s == n.as_str()));
        if bless {
            let header = &text[..text.len() - t.expected.len()];
            std::fs::write(f, format!("{header}{actual}")).unwrap();
            continue;
        }
        if let Some(diff) = kubeplay_tests::mismatch(&t.expected, &actual) {
            failures.push(format!("== {}\n{diff}", f.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} transcripts differ:\n{}", failures.len(), files.len(), failures.join("\n"));
    eprintln!("{} transcripts match", files.len());
}
