//! Comparison on generated corpora of 1k and 10k articles.
//!
//! The corpus varies the seed articles: every copy moves the publication
//! dates on by a week (so copies form their own events, as a stream of news
//! does), swaps the people in them for others, and changes the numbers.
//! Run with `cargo bench --bench compare`; compare the 1k and 10k times to
//! see how cost grows with corpus size (near-linear: claims are blocked by
//! event and shared keys, never compared all against all). `render_report`
//! times turning a built 1k-article report into HTML and Markdown, to show
//! that report generation is a small share of the total.

use crosscheck::compare::compare;
use crosscheck::extract::Extractor;
use crosscheck::ingest::{builtin_seeds, Document};
use crosscheck::report::{build, html, markdown};
use divan::counter::ItemsCount;
use divan::Bencher;

// The same allocator as the `crosscheck` binary, so the figures are the tool's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const PEOPLE: [(&str, &[&str]); 4] = [
    ("Wang Yi", &["Li Qiang", "Qin Gang", "Han Zheng"]),
    ("Lavrov", &["Shoigu", "Peskov", "Zakharova"]),
    ("Kim", &["Choe", "Pak", "Ri"]),
    ("Putin", &["Medvedev", "Mishustin", "Volodin"]),
];

fn vary(doc: &Document, k: usize) -> Document {
    let mut text = doc.text.clone();
    for (name, others) in PEOPLE {
        text = text.replace(name, others[k % others.len()]);
    }
    // Numbers move too, so values differ from copy to copy.
    let text: String = text
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + k as u32) % 10, 10).unwrap_or(c),
            None => c,
        })
        .collect();
    let mut meta = doc.meta.clone();
    meta.published = meta
        .published
        .as_deref()
        .and_then(|p| p.parse::<jiff::civil::Date>().ok())
        .and_then(|d| {
            d.checked_add(jiff::Span::new().days(7 * k as i64))
                .ok()
                .map(|d| d.to_string())
        });
    Document {
        id: format!("{}-{k}", doc.id),
        path: None,
        text,
        body_start: doc.body_start,
        meta,
    }
}

fn corpus(n: usize) -> Vec<Document> {
    let seeds = builtin_seeds();
    (0..n)
        .map(|i| vary(&seeds[i % seeds.len()], i / seeds.len()))
        .collect()
}

#[divan::bench(args = [1_000, 10_000], sample_count = 2, sample_size = 1)]
fn compare_corpus(bencher: Bencher, n: usize) {
    let ex = Extractor::builtin();
    let docs = corpus(n);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| compare(&ex, &docs).relations.len());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn render_report(bencher: Bencher) {
    let docs = corpus(1_000);
    let report = build(&Extractor::builtin(), &docs, &mut |_| {});
    bencher
        .counter(ItemsCount::new(docs.len()))
        .bench(|| html::render(&report).len() + markdown::render(&report).len());
}
