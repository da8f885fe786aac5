//! Extraction throughput on a corpus made by repeating the seed articles.
//!
//! Run with `cargo bench --bench extract`. divan prints time per corpus and
//! throughput in bytes/s (MB/s) and items/s (articles/s); the three corpus
//! sizes show how time grows with corpus size (it should be linear).

use crosscheck::extract::Extractor;
use crosscheck::ingest::{builtin_seeds, Document};
use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;

fn main() {
    divan::main();
}

/// The seeds repeated until the corpus holds at least `mb` megabytes.
fn corpus(mb: usize) -> Vec<Document> {
    let seeds = builtin_seeds();
    let mut out = Vec::new();
    let mut bytes = 0;
    while bytes < mb * 1_000_000 {
        for d in &seeds {
            bytes += d.text.len();
            out.push(d.clone());
        }
    }
    out
}

#[divan::bench(args = [1, 4, 16], sample_count = 5, sample_size = 1)]
fn extract_corpus(bencher: Bencher, mb: usize) {
    let ex = Extractor::builtin();
    let docs = corpus(mb);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(docs.len()))
        .bench(|| {
            let mut n = 0;
            for d in &docs {
                n += ex.extract(&d.text, d.body_start).len();
            }
            divan::black_box(n)
        });
}
