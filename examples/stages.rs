use crosscheck::extract::Extractor;
use crosscheck::ingest::builtin_seeds;
use crosscheck::lexer::tag_string;
use std::time::Instant;
fn main() {
    let ex = Extractor::builtin();
    let seeds = builtin_seeds();
    let docs: Vec<_> = (0..170).flat_map(|_| seeds.clone()).collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    let t = Instant::now();
    let mut sents = Vec::new();
    for d in &docs {
        sents.push(ex.sentences(&d.text, d.body_start));
    }
    let t1 = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut toks = Vec::new();
    for (d, ss) in docs.iter().zip(&sents) {
        for s in ss {
            toks.push(tag_string(&ex.lexicon().tokenize(&d.text, *s)));
        }
    }
    let t2 = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut n = 0;
    for tags in &toks {
        n += crosscheck::grammar::matches(tags).len();
    }
    let t3 = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for d in &docs {
        n += ex.extract(&d.text, d.body_start).len();
    }
    let t4 = t.elapsed().as_secs_f64();
    println!("{mb:.1} MB: segment {:.0} ms, tokenize {:.0} ms, grammar {:.0} ms, full {:.0} ms = {:.1} MB/s ({n})", t1*1e3, t2*1e3, t3*1e3, t4*1e3, mb/t4);
}
