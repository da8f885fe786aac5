//! Extraction throughput on a corpus made by repeating the seed articles.
//!
//! Run with `cargo bench --bench extract`. divan prints time per corpus and
//! throughput in bytes/s (MB/s) and items/s (articles/s); the three corpus
//! sizes show how time grows with corpus size (it should be linear).
//! `stage_*` run the pipeline only up to one step on 4 MB, so the cost of
//! each step is the difference between two of them.

use crosscheck::extract::Extractor;
use crosscheck::ingest::{builtin_seeds, Document};
use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;

// The same allocator as the `crosscheck` binary, so the figures are the tool's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    over_corpus(bencher, mb, |ex, d| ex.extract(&d.text, d.body_start).len());
}

/// Furniture and segmentation only.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_sentences(bencher: Bencher) {
    over_corpus(bencher, 4, |ex, d| {
        ex.sentences(&d.text, d.body_start).len()
    });
}

/// Up to tokens and tags.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn stage_tokens(bencher: Bencher) {
    over_corpus(bencher, 4, |ex, d| {
        let mut tokens = Vec::new();
        for s in ex.sentences(&d.text, d.body_start) {
            ex.lexicon().tokenize_into(&d.text, s, &mut tokens);
        }
        tokens.len()
    });
}

/// Runs `step` over every article of a corpus of `mb` megabytes.
fn over_corpus(bencher: Bencher, mb: usize, step: impl Fn(&Extractor, &Document) -> usize + Sync) {
    let ex = Extractor::builtin();
    let docs = corpus(mb);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(docs.len()))
        .bench(|| divan::black_box(docs.iter().map(|d| step(&ex, d)).sum::<usize>()));
}
