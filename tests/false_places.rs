//! False names in ordinary prose: the bundled gazetteers on a public-domain novel.
//!
//! `tests/data/pride-and-prejudice.txt` is Jane Austen's *Pride and Prejudice*, extracted from
//! Debian's `r-cran-janeaustenr` package by `scripts/fetch_book.py`. A novel of 1813 names few
//! of today's entities, so nearly every match of a big gazetteer there would be a false one
//! (`Charlotte` the heroine's friend is not the city, `Mary` her sister not the city in
//! Turkmenistan). The test prints the matches per 10,000 words and each name found, keeps the
//! rate low, and checks that every name found is one that really is a place (or paper) in the
//! book.
use std::collections::BTreeMap;

mod common;

/// Names the novel uses for real places and a real newspaper, as reviewed by hand.
const REAL: &[&str] = &[
    "London",
    "Brighton",
    "Scotland",
    "England",
    "Newcastle",
    "Ramsgate",
    "Epsom",
    "Barnet",
    "The Times",
    "Liverpool",
    "Great Britain",
    "Eastbourne",
    "Chatsworth",
    "Cambridge",
    "Blenheim",
    "Birmingham",
    "Hertfordshire",
    "Derbyshire",
    "Kent",
    "Bath",
    "Oxford",
    "Matlock",
    "Dovedale",
    "Peak",
    "Ireland",
    "Europe",
    // Lady Catherine's "you must change horses at Bromley": the London borough, then a town
    // of Kent.
    "Bromley",
];

#[test]
fn few_false_names_in_a_novel() {
    let book = "tests/data/pride-and-prejudice.txt";
    let text = std::fs::read_to_string(book).unwrap();
    let words = text.split_whitespace().count();
    let stdout = common::ok(&common::nergraph(&["mentions", book]));
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let key = format!(
            "{} ({})",
            v["text"].as_str().unwrap(),
            v["entity"].as_str().unwrap()
        );
        *found.entry(key).or_default() += 1;
    }
    let total: usize = found.values().sum();
    let per_10k = total as f64 * 10_000.0 / words as f64;
    eprintln!(
        "{} matches in {} words: {:.1} per 10,000 words",
        total, words, per_10k
    );
    for (name, n) in &found {
        eprintln!("  {:4} {}", n, name);
    }
    let unexpected: Vec<&String> = found
        .keys()
        .filter(|k| !REAL.iter().any(|r| k.starts_with(&format!("{} (", r))))
        .collect();
    assert!(
        unexpected.is_empty(),
        "names found that are not real places of the book: {:?}",
        unexpected
    );
    // 15.8 since the gazetteer has England's counties: the book's Hertfordshire (41 times),
    // Derbyshire (24) and Kent (14), all real places; 9.2 before.
    assert!(per_10k <= 20.0, "{:.1} matches per 10,000 words", per_10k);
}
