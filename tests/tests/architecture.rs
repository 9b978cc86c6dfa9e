//! The architecture of `api/src`, checked on its source text rather than on the running server:
//!
//! 1. modules import one way only, down the layer table below (`KERNEL` … `ROOT`), and every
//!    module is in that table;
//! 2. no source file is over 900 lines and no function over 120;
//! 3. every requirement id used in the code, the tests or the SPA is listed in
//!    `docs/requirements.md`.
//!
//! Each rule is one test whose failure lists every offender with its `file:line`.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::{
    Attribute, ImplItemFn, Item, ItemFn, ItemMacro, ItemMod, ItemUse, LitStr, Meta, TraitItemFn,
    UseTree,
    visit::{self, Visit},
};

// ---------------------------------------------------------------------------------------------
// The layer table
// ---------------------------------------------------------------------------------------------

/// The layers, lowest first: a module may import its own layer and the ones below it, with the
/// areas' extra rules (`AREAS`, `OPS`) inside L2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Kernel,
    Infrastructure,
    Area,
    Root,
}

impl Layer {
    fn describe(self) -> &'static str {
        match self {
            Layer::Kernel => "L0 kernel",
            Layer::Infrastructure => "L1 infrastructure",
            Layer::Area => "L2 area",
            Layer::Root => "L3 composition root",
        }
    }
}

/// Everything under a top-level `kernel` module is L0 too: a file's module is its first path
/// segment under `api/src`.
const KERNEL: &[&str] = &[
    "clock",
    "i18n",
    "request_context",
    "error",
    "db",
    "audit",
    "secrets",
    "kernel",
];
const INFRASTRUCTURE: &[&str] = &["http", "eds", "messaging", "evidence"];
/// The areas in their order: each imports only itself and the areas after it.
const AREAS: &[&str] = &[
    "permits",
    "integrations",
    "consents",
    "notifications",
    "accounts",
];
/// L2 as well, but in a column of its own: it imports no area and no area imports it.
const OPS: &str = "ops";
/// `main` is `main.rs` and `lib` is `lib.rs` (with whatever it defines or re-exports itself).
const ROOT: &[&str] = &["main", "startup", "config", "openapi", "telemetry", "lib"];

fn layer_of(module: &str) -> Option<Layer> {
    if KERNEL.contains(&module) {
        Some(Layer::Kernel)
    } else if INFRASTRUCTURE.contains(&module) {
        Some(Layer::Infrastructure)
    } else if AREAS.contains(&module) || module == OPS {
        Some(Layer::Area)
    } else if ROOT.contains(&module) {
        Some(Layer::Root)
    } else {
        None
    }
}

fn describe(module: &str) -> String {
    match layer_of(module) {
        Some(layer) => format!("{module} ({})", layer.describe()),
        None => format!("{module} (not in the layer table)"),
    }
}

/// Why `importer` may not import `target`, or `None` when it may. Modules that are not in the
/// table are `every_module_is_in_the_layer_table`'s business, not this one's.
fn forbidden(importer: &str, target: &str) -> Option<String> {
    if importer == target {
        return None;
    }
    let (importer_layer, target_layer) = (layer_of(importer)?, layer_of(target)?);
    if importer_layer == Layer::Root {
        return None;
    }
    if importer_layer == Layer::Area && target_layer == Layer::Area {
        if importer == OPS {
            return Some("ops imports L0 and L1 only, no area".to_owned());
        }
        if target == OPS {
            return Some("no area imports ops".to_owned());
        }
        let position = |area: &str| AREAS.iter().position(|a| *a == area);
        return (position(target) <= position(importer)).then(|| {
            format!(
                "an area imports only the areas after it in {}",
                AREAS.join(" → ")
            )
        });
    }
    (target_layer > importer_layer).then(|| {
        format!(
            "{} may not import the higher {}",
            importer_layer.describe(),
            target_layer.describe()
        )
    })
}

// ---------------------------------------------------------------------------------------------
// The sources
// ---------------------------------------------------------------------------------------------

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent folder")
        .to_path_buf()
}

fn api_src() -> PathBuf {
    repository().join("api/src")
}

/// Every file under `dir`, sorted, without the folders `skip_dir` refuses.
fn files_under(dir: &Path, skip_dir: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()));
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()))
                .path();
            if path.is_dir() {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if !skip_dir(name) {
                    pending.push(path);
                }
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// One `.rs` file of `api/src`, parsed.
struct Source {
    /// The path under `api/src`, with `/`: `permits/service.rs`.
    rel: String,
    ast: syn::File,
}

impl Source {
    /// The file, or why it does not parse (`api/src/x.rs:12: does not parse: …`).
    fn parse(rel: &str, text: &str) -> Result<Source, String> {
        match syn::parse_file(text) {
            Ok(ast) => Ok(Source {
                rel: rel.to_owned(),
                ast,
            }),
            Err(e) => Err(format!(
                "api/src/{rel}:{}: does not parse: {e}",
                e.span().start().line
            )),
        }
    }

    fn shown(&self) -> String {
        format!("api/src/{}", self.rel)
    }

    /// The top-level module the file belongs to: `permits`, `config`, `lib`, `main`.
    fn module(&self) -> String {
        top_module(&self.rel)
    }

    /// The module path the file's items live at, from the crate root: `permits/service.rs` is
    /// `[permits, service]`, `permits/mod.rs` is `[permits]`, `lib.rs` and `main.rs` are `[]`.
    fn module_path(&self) -> Vec<String> {
        let stem = self.rel.strip_suffix(".rs").unwrap_or(&self.rel);
        let mut path: Vec<String> = stem.split('/').map(str::to_owned).collect();
        if path.last().is_some_and(|last| last == "mod") {
            path.pop();
        }
        if path == ["lib"] || path == ["main"] {
            path.clear();
        }
        path
    }

    /// How the file names the library's root: `main.rs` is a crate of its own that uses the
    /// library by name; the library's own files say `crate::`.
    fn crate_roots(&self) -> &'static [&'static str] {
        if self.rel == "main.rs" {
            &["saulet_api"]
        } else {
            &["crate", "saulet_api"]
        }
    }
}

fn top_module(rel: &str) -> String {
    let first = rel.split('/').next().unwrap_or(rel);
    first.strip_suffix(".rs").unwrap_or(first).to_owned()
}

/// The `.rs` files of `api/src` and their text: `(permits/service.rs, …)`.
fn api_files() -> Vec<(String, String)> {
    let root = api_src();
    files_under(&root, &|_| false)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let rel = path
                .strip_prefix(&root)
                .expect("a file under api/src")
                .to_string_lossy()
                .replace('\\', "/");
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (rel, text)
        })
        .collect()
}

/// The files of `api/src` that parse, and one line for each that does not: every rule lists
/// those first, and checks the others all the same.
fn api_sources() -> (Vec<Source>, Vec<String>) {
    let mut sources = Vec::new();
    let mut broken = Vec::new();
    for (rel, text) in api_files() {
        match Source::parse(&rel, &text) {
            Ok(source) => sources.push(source),
            Err(error) => broken.push(format!("  {error}")),
        }
    }
    (sources, broken)
}

fn line(span: Span) -> usize {
    span.start().line
}

/// `#[cfg(test)]`, `#[cfg(all(test, …))]`; not `#[cfg(not(test))]`.
fn is_cfg_test(attrs: &[Attribute]) -> bool {
    fn idents(tokens: TokenStream, out: &mut Vec<String>) {
        for tree in tokens {
            match tree {
                TokenTree::Ident(ident) => out.push(ident.to_string()),
                TokenTree::Group(group) => idents(group.stream(), out),
                _ => {}
            }
        }
    }
    attrs.iter().any(|attr| match &attr.meta {
        Meta::List(list) if list.path.is_ident("cfg") => {
            let mut words = Vec::new();
            idents(list.tokens.clone(), &mut words);
            words.iter().any(|w| w == "test") && !words.iter().any(|w| w == "not")
        }
        _ => false,
    })
}

/// `#[test]`, `#[tokio::test]`, `#[actix_web::test]`, `#[sqlx::test]`…
fn is_test_fn(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path()
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "test")
    })
}

fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

/// One leaf of a `use` tree: `use crate::{a::b, c as d}` has `crate::a::b` and `crate::c` (alias `d`).
struct UseLeaf {
    segments: Vec<String>,
    /// The line of each segment: a group may spread a leaf over several.
    lines: Vec<usize>,
    alias: Option<String>,
}

fn expand_use(tree: &UseTree, prefix: &mut Vec<(String, usize)>, out: &mut Vec<UseLeaf>) {
    let mut leaf = |prefix: &[(String, usize)], last: String, at: usize, alias: Option<String>| {
        let (mut segments, mut lines): (Vec<String>, Vec<usize>) = prefix.iter().cloned().unzip();
        segments.push(last);
        lines.push(at);
        out.push(UseLeaf {
            segments,
            lines,
            alias,
        });
    };
    match tree {
        UseTree::Path(path) => {
            prefix.push((path.ident.to_string(), line(path.ident.span())));
            expand_use(&path.tree, prefix, out);
            prefix.pop();
        }
        UseTree::Name(name) => leaf(
            prefix,
            name.ident.to_string(),
            line(name.ident.span()),
            None,
        ),
        UseTree::Rename(rename) => leaf(
            prefix,
            rename.ident.to_string(),
            line(rename.ident.span()),
            Some(rename.rename.to_string()),
        ),
        UseTree::Glob(glob) => leaf(prefix, "*".to_owned(), line(glob.star_token.spans[0]), None),
        UseTree::Group(group) => {
            for item in &group.items {
                expand_use(item, prefix, out);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Imports
// ---------------------------------------------------------------------------------------------

/// A path that leaves the top-level module it is written in.
#[derive(Debug, Clone)]
struct Import {
    line: usize,
    /// As written, without generics: `crate::startup::AppState`.
    text: String,
    /// The item of the crate root it goes through: `startup`.
    root_item: String,
}

/// Where in a path the crate-root item it goes through is, when the path starts at the root
/// (`crate::`, the library's name in `main.rs`) or climbs there with `super::`. Paths that stay
/// inside the top-level module they are written in (`use super::*` in a nested module) give
/// `None`.
fn root_item(segments: &[String], module_path: &[String], crate_roots: &[&str]) -> Option<usize> {
    let first = segments.first()?;
    let at = if crate_roots.contains(&first.as_str()) {
        1
    } else if first == "super" {
        let supers = segments.iter().take_while(|s| *s == "super").count();
        if supers != module_path.len() {
            // Fewer: still inside this top-level module. More: not a valid path.
            return None;
        }
        supers
    } else {
        return None;
    };
    let next = segments.get(at)?;
    (!matches!(next.as_str(), "self" | "super" | "*")).then_some(at)
}

/// Finds every path of a file that goes through the crate root: `use` trees, paths in code, types
/// and attributes, and `crate::…` token chains inside macro calls and attribute arguments
/// (including strings there, as in `#[serde(with = "crate::…")]`; doc comments are not code).
struct ImportFinder {
    crate_roots: &'static [&'static str],
    module_path: Vec<String>,
    in_attribute: bool,
    imports: Vec<Import>,
}

impl ImportFinder {
    fn find(source: &Source) -> Vec<Import> {
        let mut finder = ImportFinder {
            crate_roots: source.crate_roots(),
            module_path: source.module_path(),
            in_attribute: false,
            imports: Vec::new(),
        };
        finder.visit_file(&source.ast);
        finder.imports
    }

    /// Keeps the path if it goes through the crate root; `lines` has the line of each segment.
    fn record(&mut self, mut segments: Vec<String>, lines: &[usize]) {
        if let Some(at) = root_item(&segments, &self.module_path, self.crate_roots) {
            if segments.len() > at + 1 && segments.last().is_some_and(|last| last == "self") {
                segments.pop();
            }
            self.imports.push(Import {
                line: lines.get(at).or(lines.last()).copied().unwrap_or_default(),
                root_item: segments[at].clone(),
                text: segments.join("::"),
            });
        }
    }

    fn is_start(&self, word: &str) -> bool {
        word == "super" || self.crate_roots.contains(&word)
    }

    /// `crate :: a :: b` chains in a macro's or an attribute's tokens (`$crate` is not ours).
    fn scan_tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let is_colon = |tree: Option<&TokenTree>| matches!(tree, Some(TokenTree::Punct(p)) if p.as_char() == ':');
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                TokenTree::Group(group) => self.scan_tokens(group.stream()),
                TokenTree::Ident(ident) if self.is_start(&ident.to_string()) => {
                    let after_dollar =
                        i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '$');
                    let mut segments = vec![ident.to_string()];
                    let mut lines = vec![line(ident.span())];
                    let mut next = i + 1;
                    while is_colon(trees.get(next)) && is_colon(trees.get(next + 1)) {
                        match trees.get(next + 2) {
                            Some(TokenTree::Ident(segment)) => {
                                segments.push(segment.to_string());
                                lines.push(line(segment.span()));
                                next += 3;
                            }
                            _ => break,
                        }
                    }
                    if !after_dollar {
                        self.record(segments, &lines);
                    }
                    i = next;
                    continue;
                }
                TokenTree::Literal(literal) if self.in_attribute => {
                    let text = literal.to_string();
                    if text.starts_with('"') {
                        self.scan_string(text.trim_matches('"'), line(literal.span()));
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// `"crate::a::b"` in an attribute's string.
    fn scan_string(&mut self, text: &str, line: usize) {
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        let roots = self.crate_roots;
        for start in roots.iter().chain(&["super"]) {
            let needle = format!("{start}::");
            for (at, _) in text.match_indices(&needle) {
                if text[..at].chars().next_back().is_some_and(is_word) {
                    continue;
                }
                let segments: Vec<String> = text[at..]
                    .split("::")
                    .map(|s| s.chars().take_while(|c| is_word(*c)).collect::<String>())
                    .take_while(|s| !s.is_empty())
                    .collect();
                self.record(segments, &[line]);
            }
        }
    }
}

impl<'ast> Visit<'ast> for ImportFinder {
    fn visit_item_use(&mut self, item: &'ast ItemUse) {
        if item.leading_colon.is_none() {
            let mut leaves = Vec::new();
            expand_use(&item.tree, &mut Vec::new(), &mut leaves);
            for leaf in leaves {
                self.record(leaf.segments, &leaf.lines);
            }
        }
        visit::visit_item_use(self, item);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() {
            let (segments, lines): (Vec<String>, Vec<usize>) = path
                .segments
                .iter()
                .map(|s| (s.ident.to_string(), line(s.ident.span())))
                .unzip();
            self.record(segments, &lines);
        }
        visit::visit_path(self, path);
    }

    fn visit_item_mod(&mut self, item: &'ast ItemMod) {
        self.module_path.push(item.ident.to_string());
        visit::visit_item_mod(self, item);
        self.module_path.pop();
    }

    fn visit_attribute(&mut self, attr: &'ast Attribute) {
        if attr.path().is_ident("doc") {
            return;
        }
        let outer = std::mem::replace(&mut self.in_attribute, true);
        visit::visit_attribute(self, attr);
        self.in_attribute = outer;
    }

    fn visit_lit_str(&mut self, literal: &'ast LitStr) {
        if self.in_attribute {
            self.scan_string(&literal.value(), line(literal.span()));
        }
    }

    fn visit_token_stream(&mut self, tokens: &'ast TokenStream) {
        self.scan_tokens(tokens.clone());
    }
}

/// What the items of the crate root are: `mod`s are themselves; what `lib.rs` re-exports from a
/// module belongs to that module (`crate::Application` is `startup`'s); what it defines itself,
/// and what it re-exports from elsewhere, is `lib`'s; `#[macro_export]` macros belong to the
/// module that defines them.
#[derive(Default)]
struct CrateRoot {
    owners: BTreeMap<String, String>,
}

impl CrateRoot {
    fn of(sources: &[Source]) -> CrateRoot {
        let mut root = CrateRoot::default();
        for source in sources {
            let mut finder = MacroExports::default();
            finder.visit_file(&source.ast);
            for name in finder.names {
                root.owners.insert(name, source.module());
            }
        }
        let Some(lib) = sources.iter().find(|s| s.rel == "lib.rs") else {
            return root;
        };
        let modules: BTreeSet<String> = lib
            .ast
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Mod(m) => Some(m.ident.to_string()),
                _ => None,
            })
            .collect();
        for item in &lib.ast.items {
            match item {
                Item::Mod(m) => {
                    root.owners.insert(m.ident.to_string(), m.ident.to_string());
                }
                Item::Use(u) => {
                    let mut leaves = Vec::new();
                    expand_use(&u.tree, &mut Vec::new(), &mut leaves);
                    for leaf in leaves {
                        root.add_reexport(&leaf, &modules);
                    }
                }
                _ => {
                    if let Some(name) = item_name(item) {
                        root.owners.insert(name, "lib".to_owned());
                    }
                }
            }
        }
        root
    }

    fn add_reexport(&mut self, leaf: &UseLeaf, modules: &BTreeSet<String>) {
        let segments = &leaf.segments;
        let Some(last) = segments.last() else { return };
        let name = match (&leaf.alias, last.as_str()) {
            (Some(alias), _) => alias.clone(),
            (None, "*") => return,
            (None, "self") if segments.len() >= 2 => segments[segments.len() - 2].clone(),
            (None, _) => last.clone(),
        };
        let start = usize::from(matches!(
            segments.first().map(String::as_str),
            Some("crate" | "self")
        ));
        let owner = segments
            .get(start)
            .filter(|first| modules.contains(*first) && segments.len() > start + 1)
            .cloned()
            .unwrap_or_else(|| "lib".to_owned());
        self.owners.insert(name, owner);
    }

    /// The top-level module a crate-root item belongs to.
    fn owner(&self, root_item: &str) -> String {
        if layer_of(root_item).is_some() {
            return root_item.to_owned();
        }
        self.owners
            .get(root_item)
            .cloned()
            .unwrap_or_else(|| root_item.to_owned())
    }
}

fn item_name(item: &Item) -> Option<String> {
    let ident = match item {
        Item::Const(i) => &i.ident,
        Item::Enum(i) => &i.ident,
        Item::ExternCrate(i) => i.rename.as_ref().map_or(&i.ident, |(_, rename)| rename),
        Item::Fn(i) => &i.sig.ident,
        Item::Macro(i) => i.ident.as_ref()?,
        Item::Static(i) => &i.ident,
        Item::Struct(i) => &i.ident,
        Item::Trait(i) => &i.ident,
        Item::TraitAlias(i) => &i.ident,
        Item::Type(i) => &i.ident,
        Item::Union(i) => &i.ident,
        _ => return None,
    };
    Some(ident.to_string())
}

#[derive(Default)]
struct MacroExports {
    names: Vec<String>,
}

impl<'ast> Visit<'ast> for MacroExports {
    fn visit_item_macro(&mut self, item: &'ast ItemMacro) {
        if let Some(ident) = &item.ident
            && item.attrs.iter().any(|a| a.path().is_ident("macro_export"))
        {
            self.names.push(ident.to_string());
        }
        visit::visit_item_macro(self, item);
    }
}

/// One import that breaks the layer rule.
#[derive(Debug)]
struct LayerViolation {
    file: String,
    line: usize,
    import: String,
    importer: String,
    target: String,
    reason: String,
}

impl std::fmt::Display for LayerViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: `{}` points to {} from {}: {}",
            self.file,
            self.line,
            self.import,
            describe(&self.target),
            describe(&self.importer),
            self.reason
        )
    }
}

fn layer_violations(sources: &[Source], root: &CrateRoot) -> Vec<LayerViolation> {
    let mut violations = Vec::new();
    for source in sources {
        let importer = source.module();
        for import in ImportFinder::find(source) {
            let target = root.owner(&import.root_item);
            if let Some(reason) = forbidden(&importer, &target) {
                violations.push(LayerViolation {
                    file: source.shown(),
                    line: import.line,
                    import: import.text,
                    importer: importer.clone(),
                    target,
                    reason,
                });
            }
        }
    }
    violations
}

#[test]
fn modules_import_only_down_the_layer_table() {
    let (sources, broken) = api_sources();
    let root = CrateRoot::of(&sources);
    let violations = layer_violations(&sources, &root);
    if violations.is_empty() {
        assert!(broken.is_empty(), "{}", broken.join("\n"));
        return;
    }
    let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
    for v in &violations {
        *pairs
            .entry((v.importer.clone(), v.target.clone()))
            .or_default() += 1;
    }
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let summary: Vec<String> = pairs
        .iter()
        .map(|((from, to), n)| format!("  {from} → {to}: {n}"))
        .collect();
    let lines: Vec<String> = broken
        .into_iter()
        .chain(violations.iter().map(|v| format!("  {v}")))
        .collect();
    panic!(
        "{} imports point up the layer table (L0 kernel: {}; L1 infrastructure: {}; \
         L2 areas: {}, and {} apart; L3 composition root: {}).\n\
         By importer → target:\n{}\nEach:\n{}",
        violations.len(),
        KERNEL.join(", "),
        INFRASTRUCTURE.join(", "),
        AREAS.join(" → "),
        OPS,
        ROOT.join(", "),
        summary.join("\n"),
        lines.join("\n")
    );
}

#[test]
fn every_module_is_in_the_layer_table() {
    let (sources, broken) = api_sources();
    let root = CrateRoot::of(&sources);
    let mut unknown: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for source in &sources {
        let module = source.module();
        if layer_of(&module).is_none() {
            unknown
                .entry(module.clone())
                .or_default()
                .push(format!("{} is in it", source.shown()));
        }
        for import in ImportFinder::find(source) {
            let target = root.owner(&import.root_item);
            if layer_of(&target).is_none() {
                unknown.entry(target).or_default().push(format!(
                    "{}:{}: `{}`",
                    source.shown(),
                    import.line,
                    import.text
                ));
            }
        }
    }
    let report: Vec<String> = broken
        .into_iter()
        .chain(unknown.iter().map(|(module, places)| {
            format!(
                "module {module} is not in the layer table:\n    {}",
                places.join("\n    ")
            )
        }))
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Size
// ---------------------------------------------------------------------------------------------

const MAX_FILE_LINES: usize = 900;
const MAX_FN_LINES: usize = 120;

#[test]
fn no_source_file_is_over_900_lines() {
    let offenders: Vec<String> = api_files()
        .iter()
        .map(|(rel, text)| (rel, text.lines().count()))
        .filter(|(_, lines)| *lines > MAX_FILE_LINES)
        .map(|(rel, lines)| format!("  api/src/{rel}:1: {lines} lines (limit {MAX_FILE_LINES})"))
        .collect();
    assert!(
        offenders.is_empty(),
        "{} files under api/src are over {MAX_FILE_LINES} lines:\n{}",
        offenders.len(),
        offenders.join("\n")
    );
}

/// The module paths declared test-only by `#[cfg(test)] mod x;` (or a `mod x;` inside a test
/// module): their files are tests too.
#[derive(Default)]
struct TestModules {
    module_path: Vec<String>,
    in_test: bool,
    paths: Vec<Vec<String>>,
}

impl<'ast> Visit<'ast> for TestModules {
    fn visit_item_mod(&mut self, item: &'ast ItemMod) {
        let in_test = self.in_test || is_cfg_test(&item.attrs);
        self.module_path.push(item.ident.to_string());
        if item.content.is_none() {
            if in_test {
                self.paths.push(self.module_path.clone());
            }
        } else {
            let outer = std::mem::replace(&mut self.in_test, in_test);
            visit::visit_item_mod(self, item);
            self.in_test = outer;
        }
        self.module_path.pop();
    }
}

/// The functions of a file, with their lengths, outside test code (items under `#[cfg(test)]`,
/// `#[test]`-like functions).
#[derive(Default)]
struct FunctionLengths {
    functions: Vec<(String, usize, usize)>,
}

impl FunctionLengths {
    fn add(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let start = line(sig.fn_token.span);
        let end = block.brace_token.span.close().end().line;
        self.functions
            .push((sig.ident.to_string(), start, end + 1 - start));
    }
}

impl<'ast> Visit<'ast> for FunctionLengths {
    fn visit_item(&mut self, item: &'ast Item) {
        if !is_cfg_test(item_attrs(item)) {
            visit::visit_item(self, item);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast ItemFn) {
        if !is_test_fn(&item.attrs) {
            self.add(&item.sig, &item.block);
            visit::visit_item_fn(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, item: &'ast ImplItemFn) {
        if !is_test_fn(&item.attrs) && !is_cfg_test(&item.attrs) {
            self.add(&item.sig, &item.block);
            visit::visit_impl_item_fn(self, item);
        }
    }

    fn visit_trait_item_fn(&mut self, item: &'ast TraitItemFn) {
        if is_cfg_test(&item.attrs) {
            return;
        }
        if let Some(block) = &item.default {
            self.add(&item.sig, block);
        }
        visit::visit_trait_item_fn(self, item);
    }
}

#[test]
fn no_function_is_over_120_lines() {
    let (sources, broken) = api_sources();
    let mut test_modules = TestModules::default();
    for source in &sources {
        test_modules.module_path = source.module_path();
        test_modules.visit_file(&source.ast);
    }
    let mut offenders = Vec::new();
    for source in &sources {
        let module_path = source.module_path();
        if test_modules
            .paths
            .iter()
            .any(|test| module_path.starts_with(test))
        {
            continue;
        }
        let mut lengths = FunctionLengths::default();
        lengths.visit_file(&source.ast);
        for (name, start, lines) in lengths.functions {
            if lines > MAX_FN_LINES {
                offenders.push(format!(
                    "  {}:{start}: fn {name} is {lines} lines (limit {MAX_FN_LINES})",
                    source.shown()
                ));
            }
        }
    }
    assert!(
        offenders.is_empty() && broken.is_empty(),
        "{} functions under api/src are over {MAX_FN_LINES} lines (outside tests):\n{}",
        offenders.len(),
        broken
            .into_iter()
            .chain(offenders)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Requirement ids
// ---------------------------------------------------------------------------------------------

/// An `R`, a hyphen and dot-separated numbers (3, 3.1, 3.1.2). Built from pieces so that this
/// file holds no id itself (it is skipped all the same).
fn requirement_id() -> regex::Regex {
    let pattern = format!(r"\b{}-[0-9]+(?:\.[0-9]+)*", 'R');
    regex::Regex::new(&pattern).expect("the requirement id pattern compiles")
}

/// Numeric order of the parts: 3.10 after 3.9.
fn id_order(id: &str) -> Vec<u32> {
    id[2..]
        .split('.')
        .map(|n| n.parse().unwrap_or(u32::MAX))
        .collect()
}

#[test]
fn every_requirement_id_is_in_the_requirements() {
    let repository = repository();
    let this_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/architecture.rs");
    let skip_dir = |name: &str| {
        name == "node_modules" || name == "target" || name == "__pycache__" || name.starts_with('.')
    };
    let pattern = requirement_id();
    let mut used: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for folder in ["api/src", "tests", "frontend/src"] {
        for path in files_under(&repository.join(folder), &skip_dir) {
            if path == this_file {
                continue;
            }
            let bytes =
                fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let text = String::from_utf8_lossy(&bytes);
            let shown = path
                .strip_prefix(&repository)
                .unwrap_or(&path)
                .display()
                .to_string();
            for (n, text_line) in text.lines().enumerate() {
                for id in pattern.find_iter(text_line) {
                    used.entry(id.as_str().to_owned())
                        .or_default()
                        .push(format!("{shown}:{}", n + 1));
                }
            }
        }
    }
    let mut ids: Vec<(&String, &Vec<String>)> = used.iter().collect();
    ids.sort_by_key(|(id, _)| id_order(id));
    let listed = |ids: &[(&String, &Vec<String>)]| {
        ids.iter()
            .map(|(id, places)| {
                let shown: Vec<&str> = places.iter().take(5).map(String::as_str).collect();
                let more = places.len().saturating_sub(shown.len());
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                format!("  {id}: {}{more}", shown.join(", "))
            })
            .collect::<Vec<_>>()
            .join("\n")
    };

    let requirements = repository.join("docs/requirements.md");
    let Ok(documented) = fs::read_to_string(&requirements) else {
        panic!(
            "docs/requirements.md does not exist; it must list the {} requirement ids that \
             api/src, tests and frontend/src use:\n{}",
            ids.len(),
            listed(&ids)
        );
    };
    let documented: BTreeSet<&str> = pattern.find_iter(&documented).map(|m| m.as_str()).collect();
    let missing: Vec<(&String, &Vec<String>)> = ids
        .into_iter()
        .filter(|(id, _)| !documented.contains(id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} requirement ids are used but not in docs/requirements.md:\n{}",
        missing.len(),
        listed(&missing)
    );
}

// ---------------------------------------------------------------------------------------------
// The checks, checked
// ---------------------------------------------------------------------------------------------

mod self_check {
    use super::*;

    fn violations(rel: &str, code: &str) -> Vec<LayerViolation> {
        let source = Source::parse(rel, code).expect("the snippet parses");
        layer_violations(&[source], &CrateRoot::default())
    }

    fn targets(rel: &str, code: &str) -> Vec<String> {
        violations(rel, code)
            .into_iter()
            .map(|v| v.target)
            .collect()
    }

    #[test]
    fn an_area_importing_the_composition_root_is_reported() {
        let found = violations("permits/x.rs", "use crate::startup::AppState;");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, 1);
        assert_eq!(found[0].import, "crate::startup::AppState");
        assert_eq!(found[0].target, "startup");
        assert!(
            found[0].to_string().starts_with(
                "api/src/permits/x.rs:1: `crate::startup::AppState` points to startup"
            ),
            "{}",
            found[0]
        );
    }

    #[test]
    fn each_branch_of_a_use_group_is_checked() {
        let found = targets("consents/x.rs", "use crate::{accounts::x, permits::y};");
        assert_eq!(found, ["permits"]);
    }

    #[test]
    fn inline_paths_macros_and_attributes_count() {
        let code = r#"
            #[derive(serde::Serialize)]
            struct S {
                #[serde(serialize_with = "crate::permits::ser")]
                a: u8,
                b: crate::notifications::Notice,
            }
            #[utoipa::path(responses((status = 200, body = crate::startup::Problem)))]
            fn f() {
                crate::ops::metrics::record();
                tracing::info!(x = ?crate::permits::thing());
            }
        "#;
        let found = targets("consents/x.rs", code);
        assert_eq!(found, ["permits", "startup", "ops", "permits"]);
    }

    #[test]
    fn test_modules_count_and_super_inside_a_module_does_not() {
        let code = r#"
            fn g() {}
            #[cfg(test)]
            mod tests {
                use super::*;
                use super::super::x;
                use crate::startup::AppState;
            }
        "#;
        assert_eq!(targets("http/client.rs", code), ["startup"]);
    }

    #[test]
    fn super_climbing_out_of_the_top_level_module_counts() {
        let code = "use super::super::startup::AppState; use super::sibling;";
        assert_eq!(targets("permits/service.rs", code), ["startup"]);
        let code = "use super::super::super::startup::AppState; use super::super::service;";
        assert_eq!(targets("permits/service/drafts.rs", code), ["startup"]);
    }

    #[test]
    fn ops_and_the_areas_do_not_mix_and_the_root_may_do_anything() {
        assert_eq!(targets("ops/x.rs", "use crate::accounts::A;"), ["accounts"]);
        assert_eq!(targets("accounts/x.rs", "use crate::ops::A;"), ["ops"]);
        assert!(targets("ops/x.rs", "use crate::{db::A, http::B};").is_empty());
        assert!(targets("startup.rs", "use crate::{ops::A, permits::B};").is_empty());
        assert_eq!(targets("kernel/clock.rs", "use crate::http::A;"), ["http"]);
        assert_eq!(targets("eds/x.rs", "use crate::permits::A;"), ["permits"]);
    }

    #[test]
    fn long_functions_are_measured_outside_tests_only() {
        let body = "    let _ = 1;\n".repeat(3);
        let code = format!(
            "fn f() {{\n{body}}}\n#[cfg(test)]\nmod tests {{\n    fn g() {{\n{body}    }}\n}}\n\
             #[tokio::test]\nasync fn h() {{\n{body}}}\n"
        );
        let source = Source::parse("x.rs", &code).expect("the snippet parses");
        let mut lengths = FunctionLengths::default();
        lengths.visit_file(&source.ast);
        assert_eq!(lengths.functions, [("f".to_owned(), 1, 5)]);
    }
}
