fn main() {
    let ex = crosscheck::extract::Extractor::builtin();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        println!("=== {path}");
        for a in ex.extract(&text, 0) {
            println!("[{}] {:?} | {} ({}, {}) | {} | via {:?}\n    {}", a.pattern, a.kind, a.source.text, a.source.entity, a.source.source_type.as_str(), a.cue.text, a.via.as_ref().map(|v| &v.text), a.content.text);
        }
    }
}
