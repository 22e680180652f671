//! The parser on real programs: the project's examples (AST snapshots in
//! `snapshots/ast/`), the shared lesson's code blocks and conformance cases (which must
//! parse, or give the SyntaxError CPython recorded), and hostile nesting.

mod common;

use refpy::syntax::dump::dump_module;
use refpy::syntax::parser::parse_module;

#[test]
fn example_syntax_trees() {
    for file in common::files_with(&common::root().join("examples"), "py") {
        let source = std::fs::read_to_string(&file).expect("readable example");
        let module = parse_module(&source).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let name = file
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        insta::with_settings!({snapshot_path => "../snapshots/ast", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name, dump_module(&module, &source));
        });
    }
}

/// The code blocks of a markdown lesson.
fn python_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        match &mut current {
            None if trimmed.starts_with("```python") => current = Some(String::new()),
            Some(_) if trimmed.starts_with("```") => blocks.extend(current.take()),
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    blocks
}

#[test]
fn shared_lessons_parse() {
    let Some(shared) = common::shared() else {
        return;
    };
    for lesson in common::files_with(&shared.join("lessons"), "md") {
        let text = std::fs::read_to_string(&lesson).expect("readable lesson");
        let blocks = python_blocks(&text);
        assert!(!blocks.is_empty());
        for (i, block) in blocks.iter().enumerate() {
            if let Err(e) = parse_module(block) {
                panic!("{} block {}: {e}\n{block}", lesson.display(), i + 1);
            }
        }
    }
}

#[test]
fn shared_conformance_cases_parse_or_fail_like_cpython() {
    let Some(shared) = common::shared() else {
        return;
    };
    let cases = common::files_with(&shared.join("conformance").join("cases"), "py");
    assert!(!cases.is_empty());
    for case in cases {
        let source = std::fs::read_to_string(&case).expect("readable case");
        let name = case
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let expected_err = std::fs::read_to_string(case.with_extension("err")).ok();
        match (parse_module(&source), expected_err) {
            (Ok(_), None) => {}
            (Ok(_), Some(err)) if !name.starts_with("syntax_") => {
                let _ = err;
            }
            (Ok(_), Some(err)) => panic!("{name}: parsed, but CPython reports {err}"),
            (Err(e), Some(err)) => assert_eq!(e.to_string(), err.trim(), "{name}"),
            (Err(e), None) => panic!("{name}: {e}"),
        }
    }
}

#[test]
fn hostile_nesting_is_an_error_not_a_crash() {
    let parens = format!("x = {}1{}\n", "(".repeat(10_000), ")".repeat(10_000));
    let e = parse_module(&parens).expect_err("too deep");
    assert_eq!(e.to_string(), "SyntaxError: too many nested parentheses");

    let mut blocks = String::new();
    for depth in 0..1000 {
        blocks.push_str(&" ".repeat(depth));
        blocks.push_str("if x:\n");
    }
    blocks.push_str(&" ".repeat(1000));
    blocks.push_str("pass\n");
    let e = parse_module(&blocks).expect_err("too deep");
    assert_eq!(
        e.to_string(),
        "IndentationError: too many levels of indentation"
    );

    // Deep trees are refused before any recursive pass walks them (run where the stack
    // is large, as the interpreter does, because dropping the tree recurses).
    let results = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let unary = format!("x = {}1\n", "-".repeat(100_000));
            let sum = format!("x = {}1\n", "1+".repeat(100_000));
            (
                parse_module(&unary).expect_err("too deep").to_string(),
                parse_module(&sum).expect_err("too deep").to_string(),
            )
        })
        .expect("thread")
        .join()
        .expect("no panic");
    assert_eq!(results.0, "MemoryError: ");
    assert_eq!(
        results.1,
        "RecursionError: maximum recursion depth exceeded during compilation"
    );
}

#[test]
fn cpython_messages_for_common_mistakes() {
    let cases = [
        ("if x > 2\n    pass\n", "SyntaxError: expected ':'"),
        ("x = = 1\n", "SyntaxError: invalid syntax"),
        (
            "def f():\nreturn 1\n",
            "IndentationError: expected an indented block after function definition on line 1",
        ),
        ("  x = 1\n", "IndentationError: unexpected indent"),
        ("x = (1,\n", "SyntaxError: '(' was never closed"),
        (
            "s = 'abc\n",
            "SyntaxError: unterminated string literal (detected at line 1)",
        ),
        (
            "1 = x\n",
            "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?",
        ),
        (
            "f(a for a in b, c)\n",
            "SyntaxError: Generator expression must be parenthesized",
        ),
        (
            "x = [1, 2 3]\n",
            "SyntaxError: invalid syntax. Perhaps you forgot a comma?",
        ),
        (
            "print 'hi'\n",
            "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?",
        ),
        ("return 5\n", "SyntaxError: 'return' outside function"),
        (
            "for i in x:\n    pass\nbreak\n",
            "SyntaxError: 'break' outside loop",
        ),
        (
            "nonlocal q\n",
            "SyntaxError: nonlocal declaration not allowed at module level",
        ),
        (
            "def f(a, a):\n    pass\n",
            "SyntaxError: duplicate argument 'a' in function definition",
        ),
        (
            "def f(a=1, b):\n    pass\n",
            "SyntaxError: non-default argument follows default argument",
        ),
        (
            "if x = 1:\n    pass\n",
            "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        ),
        (
            "try:\n    pass\nx = 1\n",
            "SyntaxError: expected 'except' or 'finally' block",
        ),
    ];
    for (source, expected) in cases {
        let e = parse_module(source).expect_err(source);
        assert_eq!(e.to_string(), expected, "for {source:?}");
    }
}

#[test]
fn syntax_error_report_has_cpython_layout() {
    let source = "x = 3\nif x > 2\n    print(x)\n";
    let e = parse_module(source).expect_err("missing colon");
    assert_eq!(
        e.render("demo.py", source),
        "  File \"demo.py\", line 2\n    if x > 2\n            ^\nSyntaxError: expected ':'\n"
    );
}
