//! The TypeScript contract of the commands, generated from their Rust signatures: this test reads
//! `commands.rs`, takes each `#[tauri::command]` function's name, arguments (without the state
//! Tauri injects) and reply, and writes `ui/src/lib/bindings/commands.ts`. `api.ts` types every
//! call by it, so a renamed command, a new argument or a changed reply fails the UI's type check;
//! `make test` fails when the committed file is not what this writes (like the ts-rs bindings).
//! The events the backend emits (`events.rs`) are written beside them.

use std::collections::BTreeSet;
use std::path::Path;

use super::events::{self, Event};
use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// Arguments Tauri fills in itself (the `State` aliases of `commands.rs`); never sent by the UI.
const INJECTED: &[&str] = &["Shared", "Sync"];

/// Rust types that cross as a TypeScript primitive.
fn primitive(name: &str) -> Option<&'static str> {
    Some(match name {
        "String" | "str" => "string",
        // A passphrase deserializes from a string (as the `#[ts(type = "string")]` fields say).
        "Passphrase" => "string",
        "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" | "f64" => "number",
        "bool" => "boolean",
        _ => return None,
    })
}

struct Command {
    name: String,
    args: Vec<(String, String)>,
    reply: String,
}

/// A Rust type as TypeScript, recording the generated bindings it needs.
fn typescript(ty: &Type, imports: &mut BTreeSet<String>) -> String {
    match ty {
        Type::Tuple(tuple) if tuple.elems.is_empty() => "null".into(),
        Type::Reference(reference) => typescript(&reference.elem, imports),
        Type::Path(path) => {
            let Some(last) = path.path.segments.last() else {
                panic!("an empty type path")
            };
            let name = last.ident.to_string();
            let inner = || match &last.arguments {
                PathArguments::AngleBracketed(args) => match args.args.first() {
                    Some(GenericArgument::Type(inner)) => inner,
                    _ => panic!("{name} without a type argument"),
                },
                _ => panic!("{name} without a type argument"),
            };
            match name.as_str() {
                "Option" => format!("{} | null", typescript(inner(), imports)),
                "Vec" => format!("Array<{}>", typescript(inner(), imports)),
                "Reply" | "Result" => typescript(inner(), imports),
                _ => match primitive(&name) {
                    Some(ts) => ts.into(),
                    None => {
                        imports.insert(name.clone());
                        name
                    }
                },
            }
        }
        _ => panic!("a form of command type this generator does not know (a slice, array, fn …)"),
    }
}

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn is_command(function: &syn::ItemFn) -> bool {
    function.attrs.iter().any(|attr| {
        let path = attr.path();
        path.segments.len() == 2
            && path.segments[0].ident == "tauri"
            && path.segments[1].ident == "command"
    })
}

fn commands(source: &str, imports: &mut BTreeSet<String>) -> Vec<Command> {
    let file = syn::parse_file(source).unwrap_or_else(|e| panic!("commands.rs: {e}"));
    let mut found = Vec::new();
    for item in file.items {
        let Item::Fn(function) = item else { continue };
        if !is_command(&function) {
            continue;
        }
        let mut args = Vec::new();
        for input in &function.sig.inputs {
            let FnArg::Typed(typed) = input else {
                panic!("{}: a command takes no self", function.sig.ident)
            };
            if let Type::Path(path) = &*typed.ty {
                let injected = path
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| INJECTED.contains(&s.ident.to_string().as_str()));
                if injected {
                    continue;
                }
            }
            let Pat::Ident(name) = &*typed.pat else {
                panic!("{}: an argument without a plain name", function.sig.ident)
            };
            let name = camel_case(name.ident.to_string().trim_start_matches('_'));
            args.push((name, typescript(&typed.ty, imports)));
        }
        let reply = match &function.sig.output {
            ReturnType::Default => "null".into(),
            ReturnType::Type(_, ty) => typescript(ty, imports),
        };
        found.push(Command {
            name: function.sig.ident.to_string(),
            args,
            reply,
        });
    }
    found
}

fn render(commands: &[Command], events: &[Event], imports: &BTreeSet<String>) -> String {
    let mut out = String::from(
        "// Generated from src-tauri/src/commands.rs by its command_types test. Do not edit this file manually.\n",
    );
    for name in imports {
        out.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
    }
    out.push_str(
        "\n/** Every command the window may call: its arguments as Tauri takes them (null: none) and its reply. */\nexport type Commands = {\n",
    );
    for command in commands {
        let args = if command.args.is_empty() {
            "null".to_owned()
        } else {
            let fields: Vec<String> = command
                .args
                .iter()
                .map(|(name, ty)| format!("{name}: {ty}"))
                .collect();
            format!("{{ {} }}", fields.join("; "))
        };
        out.push_str(&format!(
            "  {}: {{ args: {args}; reply: {} }};\n",
            command.name, command.reply
        ));
    }
    out.push_str("};\n");
    out.push_str("\n/** What the backend tells the window without being asked: each event's payload. */\nexport type Events = {\n");
    for event in events {
        out.push_str(&format!("  \"{}\": {};\n", event.name, event.payload));
    }
    out.push_str("};\n");
    out
}

#[test]
fn the_typescript_contract_is_generated_from_the_command_signatures() {
    let mut imports = BTreeSet::new();
    let found = commands(include_str!("commands.rs"), &mut imports);
    for event in events::ALL {
        if primitive(event.payload).is_none() && event.payload != "null" {
            imports.insert(event.payload.to_owned());
        }
    }
    let directory = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|e| panic!("{e}"));
    let directory = Path::new(&directory);
    for name in &imports {
        assert!(
            directory.join(format!("{name}.ts")).exists(),
            "{name} crosses to the UI in a command but has no generated binding (derive TS with #[ts(export)])"
        );
    }
    let mut names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
    let mut declared = super::command_names::COMMANDS.to_vec();
    names.sort_unstable();
    declared.sort_unstable();
    assert_eq!(
        names, declared,
        "every command function is declared, and only those"
    );
    let path = directory.join("commands.ts");
    std::fs::write(&path, render(&found, events::ALL, &imports))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn types_read_as_typescript() {
    let mut imports = BTreeSet::new();
    let source = r#"
        #[tauri::command]
        pub async fn pick(state: Shared<'_>, from_screening: Option<String>, days: u32, pass: Passphrase) -> Reply<Vec<ScreeningView>> { todo!() }
        #[tauri::command]
        pub fn poke(sync: Sync<'_>) {}
        pub fn helper(x: Nope) {}
    "#;
    let found = commands(source, &mut imports);
    let text = render(&found, &[], &imports);
    assert!(text.contains(
        "pick: { args: { fromScreening: string | null; days: number; pass: string }; reply: Array<ScreeningView> };"
    ), "{text}");
    assert!(
        text.contains("poke: { args: null; reply: null };"),
        "{text}"
    );
    assert!(!text.contains("helper") && !text.contains("Nope"), "{text}");
    assert_eq!(imports.into_iter().collect::<Vec<_>>(), ["ScreeningView"]);
}
