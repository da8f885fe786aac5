//! `crosscheck rules check|test|init|schema`: writing and testing rules files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crosscheck::rules::Rules;
use crosscheck::ruletests;

use super::output::Output;

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Validate rules files; each error names file, line and column.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run the inline tests of rules files (merged over the built-in rules);
    /// with no file, the built-in rules' own tests.
    Test { files: Vec<PathBuf> },
    /// Write a commented starter rules file.
    Init {
        /// Where to write it [default: stdout].
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of the rules format.
    Schema,
}

/// A starter file that passes `rules check` and `rules test`.
const STARTER: &str = r#"# crosscheck rules: merged over the built-in rules with --rules FILE.
# Every section is optional; unknown keys are errors. Format: docs/rules.md.

# Cue words and phrases. frame: clause (default), listener (told X that),
# adjective (is concerned that), according, relay (citing).
cues:
  - {lemma: quip, family: speech, forms: [quipped, quips]}

# Common nouns that can head a source, by the type they imply.
source_nouns:
  anonymous: [pundits]

# Known parties with their aliases and transliterations.
entities:
  - {name: Sergey Shoigu, type: person, aliases: [Sergei Shoigu]}

# Site furniture: regular expressions matched against whole lines.
furniture:
  line: ['(?i)more from our partners']

# Rules for one outlet only, merged on top for its articles.
outlets:
  Example Daily:
    furniture:
      tail: ['(?i)most read']

# Examples: each text must yield exactly these attributions (or none).
tests:
  - text: The minister quipped that the talks were over.
    expect: [{source: The minister, cue: quipped, content: the talks were over}]
  - text: Pundits believe the vote will be close.
    expect: [{source: Pundits, cue: believe}]
  - text: The quip was old.
    expect: []
"#;

pub fn run(args: RulesArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        RulesCommand::Check { files } => {
            let mut failed = false;
            for f in &files {
                match Rules::load(f) {
                    Ok(_) => println!("{}: ok", f.display()),
                    Err(e) => {
                        eprintln!("{e}");
                        failed = true;
                    }
                }
            }
            Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        RulesCommand::Test { files } => test(&files),
        RulesCommand::Init { out, force } => {
            let mut o = Output::open(out.as_deref(), force)?;
            o.writer().write_all(STARTER.as_bytes())?;
            o.finish()?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&crosscheck::schema::rules_schema())?
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn test(files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let sets: Vec<(String, Rules)> = if files.is_empty() {
        vec![("built-in rules".to_string(), Rules::builtin())]
    } else {
        let mut sets = Vec::new();
        for f in files {
            let own = Rules::load(f)?;
            let tests = own.tests.clone();
            let mut rules = Rules::builtin();
            rules.merge(own);
            // Only the file's own tests: the built-in ones are not its business.
            rules.tests = tests;
            sets.push((f.display().to_string(), rules));
        }
        sets
    };
    let (mut passed, mut failed) = (0, 0);
    for (name, rules) in &sets {
        for o in ruletests::run(rules)? {
            if o.passed {
                passed += 1;
                println!("PASS {name}: {}", o.text);
            } else {
                failed += 1;
                println!("FAIL {name}: {}", o.text);
                for e in &o.expected {
                    println!("  expected  {e}");
                }
                for f in &o.found {
                    println!("  found     {f}");
                }
                if o.found.is_empty() {
                    println!("  found     nothing");
                }
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_file_parses_and_passes_its_tests() {
        let mut rules = Rules::builtin();
        let own = Rules::parse(STARTER, "starter.yaml").unwrap();
        let tests = own.tests.clone();
        rules.merge(own);
        rules.tests = tests;
        for o in ruletests::run(&rules).unwrap() {
            assert!(
                o.passed,
                "{} expected {:?} found {:?}",
                o.text, o.expected, o.found
            );
        }
    }
}
