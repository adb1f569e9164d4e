//! Gazetteers: lists of entities with the names text uses for them.
//!
//! The file format is a contract, documented in `gazetteers/README.md`: UTF-8 TSV with `#`
//! comments and a header row; columns `id`, `type`, `name` are required, `aliases` and
//! `ambiguous` (both `|`-separated) are optional, and every other column is an attribute.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::intern::Interner;
use crate::text;

/// The index of an entity in its [`Gazetteer`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

impl EntityId {
    /// The index as a `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Where a row of a gazetteer came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The file (for bundled gazetteers, `gazetteers/NAME.tsv`), shared by its rows.
    pub file: Arc<str>,
    /// The 1-based line.
    pub line: usize,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One entity: a person, organisation, place or anything else a gazetteer lists.
#[derive(Clone, Debug)]
pub struct Entity {
    /// The stable id, unique in the gazetteer.
    pub id: String,
    /// The type (`person`, `organisation`, `place`, or anything else).
    pub kind: String,
    /// The canonical name.
    pub name: String,
    /// Other names, in file order, without the canonical name.
    pub aliases: Vec<String>,
    /// The names (canonical or aliases) that are matched only in context.
    pub ambiguous: Vec<String>,
    /// The other columns of the row, by column name. Empty cells are left out.
    pub attributes: Attributes,
    /// Where the entity was defined.
    pub source: Source,
    /// How many entries of the `aliases` cell were empty or only spaces (`A| |B`).
    pub empty_aliases: usize,
}

impl Entity {
    /// An entity with nothing in it, to hold a place.
    fn placeholder() -> Entity {
        Entity {
            id: String::new(),
            kind: String::new(),
            name: String::new(),
            aliases: Vec::new(),
            ambiguous: Vec::new(),
            attributes: Attributes::default(),
            source: Source {
                file: Arc::from(""),
                line: 0,
            },
            empty_aliases: 0,
        }
    }

    /// The canonical name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(|s| s.as_str()))
    }

    /// Whether `name` is one of this entity's names matched only in context.
    pub fn is_ambiguous(&self, name: &str) -> bool {
        self.ambiguous.iter().any(|a| a == name)
    }

    /// An attribute's value.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.get(key)
    }
}

/// The attributes of an entity: the cells of its row's other columns (all but `id`, `type`,
/// `name`, `aliases`, `ambiguous`), by column name; empty cells are absent.
///
/// Stored compactly — the column names once per file, a row's cells as one string — since
/// a gazetteer can hold hundreds of thousands of rows.
///
/// # Example
/// ```
/// let tsv = "id\ttype\tname\tcountry\twikidata\nkabul\tplace\tKabul\tAF\t\n";
/// let gaz = nergraph::GazetteerBuilder::new().add_str("t.tsv", tsv).unwrap().build().unwrap();
/// let a = &gaz.get("kabul").unwrap().attributes;
/// assert_eq!(a.get("country"), Some("AF"));
/// assert_eq!(a.get("wikidata"), None);
/// assert_eq!(a.iter().collect::<Vec<_>>(), [("country", "AF")]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    /// The attribute columns of the file, in column order.
    names: Arc<[Box<str>]>,
    /// The row's cell of each of those columns, trimmed, joined by tabs.
    cells: Box<str>,
}

impl Attributes {
    /// The value of an attribute (`None` when the column is missing or the cell empty).
    pub fn get(&self, key: &str) -> Option<&str> {
        let i = self.names.iter().position(|n| &**n == key)?;
        self.cells.split('\t').nth(i).filter(|v| !v.is_empty())
    }

    /// The attributes with a value, as (column name, value), in column order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.names
            .iter()
            .zip(self.cells.split('\t'))
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (&**k, v))
    }

    /// The number of attributes with a value.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether no attribute has a value.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// The attributes with a value, by column name.
    pub fn to_map(&self) -> BTreeMap<String, String> {
        self.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }
}

/// A problem in a gazetteer that does not stop it from loading.
#[derive(Clone, Debug)]
pub struct Warning {
    /// Where the problem is.
    pub source: Source,
    /// What it is.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

/// One entity's claim on a name, as [`Gazetteer::claims`] lists them.
#[derive(Clone, Debug)]
pub struct Claim<'g> {
    /// The entity.
    pub entity: EntityId,
    /// The name as the gazetteer writes it.
    pub name: &'g str,
    /// Whether the name is the entity's canonical name (canonical names win over aliases).
    pub canonical: bool,
}

/// A loaded set of entities.
///
/// # Example
///
/// ```
/// let tsv = "id\ttype\tname\taliases\nun\torganisation\tUnited Nations\tUN|U.N.\n";
/// let gaz = nergraph::GazetteerBuilder::new().add_str("example.tsv", tsv).unwrap().build().unwrap();
/// assert_eq!(gaz.len(), 1);
/// assert_eq!(gaz.get("un").unwrap().aliases, ["UN", "U.N."]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    /// Entities by id: their indices, hashed by id ([`id_hash`]; the ids are not copied).
    by_id: hashbrown::HashTable<u32>,
    files: Vec<String>,
    /// Made when first asked for (thousands, for a big gazetteer, that most runs never show).
    warnings: std::sync::OnceLock<Vec<Warning>>,
    keys: Vec<KeyClaims>,
    /// The number of warnings: claims on names that another entity wins and that are warned
    /// of ([`Gazetteer::contested`]), counted when first asked for.
    shared: std::sync::OnceLock<usize>,
}

/// The entities that claim one name, in order of precedence, with the winner's normalised form.
#[derive(Clone, Debug, Default)]
pub(crate) struct KeyClaims {
    /// The matching key ([`text::name_key`]).
    pub key: Box<str>,
    /// The normalised form of the winning claim's name.
    pub form: String,
    /// (entity, index of the name among [`Entity::names`]); most names have one claim, held
    /// in place.
    pub claims: smallvec::SmallVec<[(EntityId, u32); 1]>,
}

impl Gazetteer {
    /// The gazetteers bundled with nergraph (every `gazetteers/*.tsv` of the source tree,
    /// embedded at build time).
    pub fn bundled() -> Result<Gazetteer> {
        GazetteerBuilder::new().add_bundled()?.build()
    }

    /// Loads files and directories (every `*.tsv` in a directory, sorted by name).
    pub fn from_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Gazetteer> {
        let mut b = GazetteerBuilder::new();
        for p in paths {
            b = b.add_path(p)?;
        }
        b.build()
    }

    /// The number of names: every entity's canonical name and aliases.
    pub fn name_count(&self) -> usize {
        self.entities.iter().map(|e| 1 + e.aliases.len()).sum()
    }

    /// The number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// All entities, in load order; `EntityId(i)` is the i-th.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this index.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.lookup(id).map(|i| self.entity(i))
    }

    /// The index of the entity with this id.
    pub fn lookup(&self, id: &str) -> Option<EntityId> {
        self.by_id
            .find(id_hash(id), |&i| self.entities[i as usize].id == id)
            .map(|&i| EntityId(i))
    }

    /// Adds entities up to the first whose id is taken (by an entity before it, here or in
    /// `new`), and gives back the rest. Moves `new` whole when every id is new.
    fn append_unique(&mut self, mut new: Vec<Entity>) -> Vec<Entity> {
        let base = self.entities.len();
        let (entities, by_id) = (&self.entities, &mut self.by_id);
        let id_of = |q: u32| -> &str {
            let q = q as usize;
            if q < base {
                &entities[q].id
            } else {
                &new[q - base].id
            }
        };
        by_id.reserve(new.len(), |&q| id_hash(id_of(q)));
        let mut cut = new.len();
        for (i, e) in new.iter().enumerate() {
            let h = id_hash(&e.id);
            if by_id.find(h, |&q| id_of(q) == e.id).is_some() {
                cut = i;
                break;
            }
            by_id.insert_unique(h, (base + i) as u32, |&q| id_hash(id_of(q)));
        }
        let rest = if cut < new.len() {
            new.split_off(cut)
        } else {
            Vec::new()
        };
        if self.entities.is_empty() {
            self.entities = new;
        } else {
            self.entities.append(&mut new);
        }
        rest
    }

    /// The files loaded, in order.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// The country code of an entity: a country's `iso2`, or the `country` attribute of what
    /// is in one (a city, a party, a person).
    pub(crate) fn country_code(&self, id: EntityId) -> Option<&str> {
        let e = self.entity(id);
        e.attribute("iso2").or_else(|| e.attribute("country"))
    }

    /// Whether `a` and `b` are both places with a `country` attribute, in different countries.
    /// Then `b`'s claim on a name that `a` wins is no conflict: the matcher gives the name to
    /// `b` in documents that name its country and not `a`'s (see gazetteers/README.md, "Which
    /// entity wins a shared alias").
    pub(crate) fn is_place_elsewhere(&self, a: EntityId, b: EntityId) -> bool {
        let country = |id: EntityId| {
            let e = self.entity(id);
            e.attribute("country").filter(|_| e.kind == "place")
        };
        matches!((country(a), country(b)), (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b))
    }

    /// The claims of a name after its winner's that are warned of: all but those of places in
    /// other countries than the winner's ([`Gazetteer::is_place_elsewhere`]).
    fn contested<'a>(&'a self, k: &'a KeyClaims) -> impl Iterator<Item = (EntityId, u32)> + 'a {
        let winner = k.claims[0].0;
        k.claims[1..]
            .iter()
            .copied()
            .filter(move |&(id, _)| !self.is_place_elsewhere(winner, id))
    }

    /// Warnings found while loading (names claimed by several entities; not a place's name
    /// that a place in another country shares: gazetteers/README.md).
    pub fn warnings(&self) -> &[Warning] {
        self.warnings.get_or_init(|| self.iter_warnings().collect())
    }

    /// The number of [`Gazetteer::warnings`], without making them.
    pub fn warning_count(&self) -> usize {
        *self.shared.get_or_init(|| {
            self.keys
                .iter()
                .filter(|k| k.claims.len() > 1)
                .map(|k| self.contested(k).count())
                .sum()
        })
    }

    /// The [`Gazetteer::warnings`], made one at a time (to show a few of thousands).
    pub fn iter_warnings(&self) -> impl Iterator<Item = Warning> + '_ {
        self.keys
            .iter()
            .filter(|k| k.claims.len() > 1)
            .flat_map(move |k| {
                let winner = self.entity(k.claims[0].0);
                let canonical = k.claims[0].1 == 0;
                self.contested(k).map(move |(id, j)| {
                    let loser = self.entity(id);
                    Warning {
                        source: loser.source.clone(),
                        message: format!(
                            "name `{}` of `{}` is also claimed by `{}` ({}), which wins{}",
                            loser.names().nth(j as usize).unwrap_or(""),
                            loser.id,
                            winner.id,
                            winner.source,
                            if canonical {
                                " (its canonical name)"
                            } else {
                                " (loaded first)"
                            }
                        ),
                    }
                })
            })
    }

    /// Every name with the entities that claim it, keyed by its matching key (see
    /// [`text::name_key`]), each list in order of precedence: canonical names first, then load
    /// order. The first claim of each list is the one the matcher uses.
    pub fn claims(&self) -> BTreeMap<String, Vec<Claim<'_>>> {
        self.keys
            .iter()
            .map(|k| {
                let list = k
                    .claims
                    .iter()
                    .map(|&(entity, j)| Claim {
                        entity,
                        name: self.entity(entity).names().nth(j as usize).unwrap_or(""),
                        canonical: j == 0,
                    })
                    .collect();
                (k.key.to_string(), list)
            })
            .collect()
    }

    /// The claims of every name, in load order of the names, computed once when the gazetteer
    /// is built.
    pub(crate) fn key_claims(&self) -> &[KeyClaims] {
        &self.keys
    }

    /// Groups every name by its matching key (names are normalised once, here).
    ///
    /// Normalising and hashing the names is most of the work, and done in parallel (in the
    /// caller's rayon pool), block by block of entities; the grouping goes in load order, at
    /// the same time ([`crate::ordered`]).
    fn compute_claims(&mut self) {
        let names = self.name_count();
        let entities = &self.entities;
        let grouping = crate::ordered::map_fold_in_order(
            entities,
            1024,
            |block: &[Entity]| block.iter().map(name_forms).collect::<Vec<_>>(),
            Grouping::with_capacity(names),
            |g, first, block| {
                for (k, forms) in block.into_iter().enumerate() {
                    g.add(EntityId((first + k) as u32), forms);
                }
            },
        );
        self.keys = grouping.finish();
    }
}

/// The normalised form, matching key and hash of the key of each name of an entity.
type NameForms = Vec<(String, Box<str>, u64)>;

fn name_forms(e: &Entity) -> NameForms {
    e.names()
        .map(|name| {
            let form = text::normalize_name(name);
            let key = text::key_of_form(&form).into_boxed_str();
            let h = Interner::hash(key.as_bytes());
            (form, key, h)
        })
        .collect()
}

/// Names grouped by key, entity after entity in load order: keys numbered in order of first
/// appearance, each with its claims and the form of its first claim.
struct Grouping {
    index: Interner,
    keys: Vec<KeyClaims>,
}

impl Grouping {
    fn with_capacity(names: usize) -> Grouping {
        Grouping {
            index: Interner::with_capacity(names),
            keys: Vec::with_capacity(names),
        }
    }

    /// Adds the names of the next entity.
    fn add(&mut self, id: EntityId, forms: NameForms) {
        for (j, (form, key, h)) in forms.into_iter().enumerate() {
            if form.is_empty() {
                continue;
            }
            let slot = self.index.id_hashed(h, key);
            if slot == self.keys.len() {
                self.keys.push(KeyClaims::default());
            }
            let k = &mut self.keys[slot];
            if k.claims.iter().any(|c| c.0 == id) {
                continue;
            }
            // Canonical names go before aliases; load order otherwise (stable).
            let at = if j == 0 {
                k.claims.iter().take_while(|c| c.1 == 0).count()
            } else {
                k.claims.len()
            };
            if at == 0 {
                k.form = form;
            }
            k.claims.insert(at, (id, j as u32));
        }
    }

    /// The keys, with their texts (kept by the index until now).
    fn finish(self) -> Vec<KeyClaims> {
        let mut keys = self.keys;
        for (k, key) in keys.iter_mut().zip(self.index.into_texts()) {
            k.key = key;
        }
        keys
    }
}

/// Builds a [`Gazetteer`] from files, directories and strings.
#[derive(Debug, Default)]
pub struct GazetteerBuilder {
    gaz: Gazetteer,
    lenient: bool,
    errors: Vec<Error>,
}

impl GazetteerBuilder {
    /// A builder with no entities.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Adds the bundled gazetteers.
    pub fn add_bundled(self) -> Result<GazetteerBuilder> {
        let files: Vec<(String, &str)> = crate::bundled::GAZETTEERS
            .iter()
            .map(|(name, text)| (format!("gazetteers/{}", name), *text))
            .collect();
        self.add_strs(&files)
    }

    /// Adds a file, or every `*.tsv` file of a directory in sorted order.
    pub fn add_path(mut self, path: impl AsRef<Path>) -> Result<GazetteerBuilder> {
        let path = path.as_ref();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.fail(Error::io(e).with_path(path)),
        };
        if !meta.is_dir() {
            return self.add_file(path);
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io(e).with_path(path))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tsv") && p.is_file())
            .collect();
        files.sort();
        if files.is_empty() {
            return self
                .fail(Error::gazetteer("directory holds no *.tsv gazetteer").with_path(path));
        }
        // Read together; when one cannot be read, file by file (its error in its turn).
        use rayon::prelude::*;
        let bytes: Vec<std::io::Result<Vec<u8>>> = files.par_iter().map(|f| read_file(f)).collect();
        let named: Option<Vec<(String, &str)>> = files
            .iter()
            .zip(&bytes)
            .map(|(f, b)| {
                let text = as_text(f, b.as_ref().ok()?).ok()?;
                Some((f.display().to_string(), text))
            })
            .collect();
        match named {
            Some(named) => self.add_strs(&named),
            None => {
                for (f, b) in files.iter().zip(bytes) {
                    self = self.add_read(f, b)?;
                }
                Ok(self)
            }
        }
    }

    fn add_file(self, path: &Path) -> Result<GazetteerBuilder> {
        self.add_read(path, read_file(path))
    }

    /// Adds a file as read (its error, if it could not be, or if it is not UTF-8).
    fn add_read(self, path: &Path, bytes: std::io::Result<Vec<u8>>) -> Result<GazetteerBuilder> {
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => return self.fail(Error::io(e).with_path(path)),
        };
        match as_text(path, &bytes) {
            Ok(text) => self.add_str(&path.display().to_string(), text),
            Err(e) => self.fail(e),
        }
    }

    /// Adds the rows of one gazetteer file given as text; `file` names it in messages.
    pub fn add_str(self, file: &str, text: &str) -> Result<GazetteerBuilder> {
        self.add_strs(&[(file.to_string(), text)])
    }

    /// Adds several files given as (name, text): the same entities, errors and warnings as
    /// adding them one after the other, but the rows of all are parsed together, in parallel
    /// (in the caller's rayon pool).
    fn add_strs(mut self, files: &[(String, &str)]) -> Result<GazetteerBuilder> {
        use rayon::prelude::*;
        let prepared: Vec<Result<Prepared>> = files
            .par_iter()
            .map(|(name, text)| Prepared::new(name, text))
            .collect();
        // Usually every file and row is good: the entities are collected in place and added
        // whole up to the first duplicate id, if any, and the rest one at a time.
        if prepared.iter().all(|p| p.is_ok()) {
            let prepared: Vec<Prepared> = prepared.into_iter().flatten().collect();
            // Collected in place, file after file (an indexed extend: each thread writes its
            // own part of the vector; no list of every row of every file is made first), a
            // bad row leaving a placeholder and a flag.
            let bad = std::sync::atomic::AtomicBool::new(false);
            let mut entities: Vec<Entity> =
                Vec::with_capacity(prepared.iter().map(|p| p.rows.len()).sum());
            for p in &prepared {
                entities.par_extend(p.rows.par_iter().map(|&(l, line)| {
                    p.parse(l, line).unwrap_or_else(|_| {
                        bad.store(true, std::sync::atomic::Ordering::Relaxed);
                        Entity::placeholder()
                    })
                }));
            }
            if !bad.into_inner() {
                for entity in self.gaz.append_unique(entities) {
                    self = self.add_checked(Ok(entity))?;
                }
                self.gaz
                    .files
                    .extend(files.iter().map(|(name, _)| name.clone()));
                return Ok(self);
            }
            // Some row is bad: file by file, row by row, for its error in its turn.
            for (p, (name, _)) in prepared.iter().zip(files) {
                self = self.add_rows(p, name)?;
            }
            return Ok(self);
        }
        // Some file is bad: file by file.
        for (p, (name, _)) in prepared.into_iter().zip(files) {
            self = match p {
                Ok(p) => self.add_rows(&p, name)?,
                Err(e) => self.fail(e)?,
            };
        }
        Ok(self)
    }

    /// Adds the rows of a file one at a time (parsed in parallel), each error in its turn.
    fn add_rows(mut self, p: &Prepared, name: &str) -> Result<GazetteerBuilder> {
        use rayon::prelude::*;
        let parsed: Vec<Result<Entity>> = p
            .rows
            .par_iter()
            .map(|&(l, line)| p.parse(l, line))
            .collect();
        for row in parsed {
            self = self.add_checked(row)?;
        }
        self.gaz.files.push(name.to_string());
        Ok(self)
    }

    /// Adds a parsed row unless it failed or its id is taken (then fails, or in lenient mode
    /// records the error and skips the row).
    fn add_checked(mut self, row: Result<Entity>) -> Result<GazetteerBuilder> {
        let entity = match row {
            Ok(entity) => entity,
            Err(e) => return self.fail(e),
        };
        // Given back if its id is taken.
        let Some(taken) = self.gaz.append_unique(vec![entity]).pop() else {
            return Ok(self);
        };
        let first = self.gaz.get(&taken.id).expect("an id given back is taken");
        let e = Error::gazetteer(format!(
            "duplicate id `{}` (first defined at {})",
            taken.id, first.source
        ))
        .with_path(&*taken.source.file)
        .with_line(taken.source.line);
        self.fail(e)
    }

    /// Lenient loading: errors in rows and files are collected (see
    /// [`GazetteerBuilder::errors`]) and the bad rows skipped, instead of stopping the load.
    /// For checkers.
    pub fn lenient(mut self, yes: bool) -> GazetteerBuilder {
        self.lenient = yes;
        self
    }

    /// The errors collected in lenient mode.
    pub fn errors(&self) -> &[Error] {
        &self.errors
    }

    /// Takes the errors collected in lenient mode.
    pub fn take_errors(&mut self) -> Vec<Error> {
        std::mem::take(&mut self.errors)
    }

    fn fail(mut self, e: Error) -> Result<GazetteerBuilder> {
        if self.lenient {
            self.errors.push(e);
            Ok(self)
        } else {
            Err(e)
        }
    }

    /// Finishes loading: groups the names by matching key (the warnings are made when
    /// [`Gazetteer::warnings`] is first called).
    pub fn build(mut self) -> Result<Gazetteer> {
        self.gaz.compute_claims();
        Ok(self.gaz)
    }
}

/// A gazetteer file's text, split into its header and its rows.
struct Prepared<'t> {
    file: Arc<str>,
    header: Header,
    /// (line number, line) of the rows that are not blank or comments.
    rows: Vec<(usize, &'t str)>,
}

impl<'t> Prepared<'t> {
    fn new(file: &str, text: &'t str) -> Result<Prepared<'t>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rows = rows_of(text).into_iter();
        let Some((lineno, first)) = rows.next() else {
            return Err(
                Error::gazetteer("no header row (expected columns id, type, name)").with_path(file),
            );
        };
        let header = Header::parse(&first.split('\t').collect::<Vec<_>>())
            .map_err(|m| Error::gazetteer(m).with_path(file).with_line(lineno))?;
        Ok(Prepared {
            file: file.into(),
            header,
            rows: rows.collect(),
        })
    }

    fn parse(&self, lineno: usize, line: &str) -> Result<Entity> {
        let fields: Vec<&str> = line.split('\t').collect();
        parse_row(&self.header, &fields, &self.file, lineno)
    }
}

/// Reads a file whole, a big one in parts at the same time (in the caller's rayon pool): a
/// large gazetteer is megabytes, and on a virtual machine the first touch of each page of the
/// buffer can cost more than copying into it.
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    const PART: usize = 1 << 19;
    #[cfg(unix)]
    {
        use rayon::prelude::*;
        use std::io::Read;
        use std::os::unix::fs::FileExt;
        let mut file = std::fs::File::open(path)?;
        let meta = file.metadata()?;
        let len = usize::try_from(meta.len()).unwrap_or(usize::MAX);
        if meta.is_file() && len > 2 * PART && len < isize::MAX as usize {
            // The buffer's pages first touched in parts, each on its thread.
            let mut bytes = Vec::with_capacity(len);
            bytes.par_extend(rayon::iter::repeat_n(0u8, len));
            bytes
                .par_chunks_mut(PART)
                .enumerate()
                .try_for_each(|(i, part)| file.read_exact_at(part, (i * PART) as u64))?;
            // A file that grew meanwhile is read to its end, as `std::fs::read` would.
            std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(len as u64))?;
            file.read_to_end(&mut bytes)?;
            return Ok(bytes);
        }
    }
    std::fs::read(path)
}

/// The (line number, line) of each line of `text` that is not blank or a comment: the lines
/// of a big file are found in blocks, in parallel (in the caller's rayon pool).
fn rows_of(text: &str) -> Vec<(usize, &str)> {
    use rayon::prelude::*;
    const BLOCK: usize = 1 << 16;
    // Blocks of whole lines: each but the last ends with a newline, which ends its last line.
    let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
    let mut start = 0;
    loop {
        let from = (start + BLOCK).min(text.len());
        match memchr::memchr(b'\n', &text.as_bytes()[from..]) {
            Some(i) => {
                blocks.push(&text[start..from + i]);
                start = from + i + 1;
            }
            None => {
                blocks.push(&text[start..]);
                break;
            }
        }
    }
    // Each block's rows, numbered from 1 within it, and its number of lines.
    fn rows_in<'t>(block: &&'t str) -> (Vec<(usize, &'t str)>, usize) {
        let mut rows = Vec::new();
        let mut at = 0;
        let mut n = 0;
        let ends = memchr::memchr_iter(b'\n', block.as_bytes()).chain([block.len()]);
        for end in ends {
            let raw = &block[at..end];
            at = end + 1;
            n += 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if !line.trim().is_empty() && !line.starts_with('#') {
                rows.push((n, line));
            }
        }
        (rows, n)
    }
    let per_block: Vec<(Vec<(usize, &str)>, usize)> = if blocks.len() > 1 {
        blocks.par_iter().map(rows_in).collect()
    } else {
        blocks.iter().map(rows_in).collect()
    };
    let mut rows = Vec::with_capacity(per_block.iter().map(|(r, _)| r.len()).sum());
    let mut before = 0;
    for (block_rows, lines) in per_block {
        rows.extend(block_rows.into_iter().map(|(n, line)| (before + n, line)));
        before += lines;
    }
    rows
}

/// A gazetteer file's bytes as text (checked with SIMD: a large gazetteer is megabytes of
/// names in every script); the error names the file and the line of the first invalid byte.
fn as_text<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str> {
    simdutf8::basic::from_utf8(bytes).map_err(|_| {
        let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |t| t.len());
        let line = memchr::memchr_iter(b'\n', &bytes[..valid]).count() + 1;
        Error::gazetteer("not valid UTF-8")
            .with_path(path)
            .with_line(line)
    })
}

/// The hash of an entity id, for [`Gazetteer`]'s index (the interner's hash of strings).
fn id_hash(id: &str) -> u64 {
    Interner::hash(id.as_bytes())
}

/// One row of a gazetteer file (the duplicate-id check is the caller's).
fn parse_row(h: &Header, fields: &[&str], file: &Arc<str>, lineno: usize) -> Result<Entity> {
    let err = |msg: String| Error::gazetteer(msg).with_path(&**file).with_line(lineno);
    if fields.len() != h.columns.len() {
        return Err(err(format!(
            "expected {} tab-separated fields as in the header, found {}",
            h.columns.len(),
            fields.len()
        )));
    }
    let id = fields[h.id].trim();
    let kind = fields[h.kind].trim();
    let name = fields[h.name].trim();
    if id.is_empty() {
        return Err(err("empty id".into()));
    }
    if name.is_empty() {
        return Err(err(format!("entity `{}` has an empty name", id)));
    }
    if kind.is_empty() {
        return Err(err(format!("entity `{}` has an empty type", id)));
    }
    let split = |col: Option<usize>| -> Vec<String> {
        col.map(|c| {
            fields[c]
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
    };
    let mut aliases: Vec<String> = split(h.aliases);
    // Without the name and repeats, in order (a city can have hundreds of alternate names:
    // a set for those, a look back for the usual few).
    if aliases.len() > 16 {
        let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
        seen.insert(name);
        let keep: Vec<bool> = aliases.iter().map(|a| seen.insert(a.as_str())).collect();
        let mut k = keep.iter();
        aliases.retain(|_| *k.next().unwrap_or(&false));
    } else if !aliases.is_empty() {
        let mut kept: Vec<String> = Vec::with_capacity(aliases.len());
        for a in aliases {
            if a != name && !kept.contains(&a) {
                kept.push(a);
            }
        }
        aliases = kept;
    }
    let ambiguous = split(h.ambiguous);
    for a in &ambiguous {
        if a != name && !aliases.contains(a) {
            return Err(err(format!(
                "`ambiguous` lists `{}`, which is not a name of `{}`",
                a, id
            )));
        }
    }
    let empty_aliases = h.aliases.map_or(0, |c| {
        let cell = fields[c];
        if cell.trim().is_empty() {
            0
        } else {
            cell.split('|').filter(|s| s.trim().is_empty()).count()
        }
    });
    let cells = h.attribute_columns.iter().map(|&c| fields[c].trim());
    let mut joined = String::with_capacity(cells.clone().map(|v| v.len() + 1).sum());
    for (i, v) in cells.enumerate() {
        if i > 0 {
            joined.push('\t');
        }
        joined.push_str(v);
    }
    let attributes = Attributes {
        names: h.attribute_names.clone(),
        cells: joined.into_boxed_str(),
    };
    Ok(Entity {
        id: id.to_string(),
        kind: kind.to_string(),
        name: name.to_string(),
        aliases,
        ambiguous,
        attributes,
        source: Source {
            file: file.clone(),
            line: lineno,
        },
        empty_aliases,
    })
}

struct Header {
    columns: Vec<String>,
    id: usize,
    kind: usize,
    name: usize,
    aliases: Option<usize>,
    ambiguous: Option<usize>,
    /// The other columns: their indices and names.
    attribute_columns: Vec<usize>,
    attribute_names: Arc<[Box<str>]>,
}

impl Header {
    fn parse(fields: &[&str]) -> std::result::Result<Header, String> {
        let columns: Vec<String> = fields.iter().map(|f| f.trim().to_string()).collect();
        let find = |name: &str| columns.iter().position(|c| c == name);
        let mut missing = Vec::new();
        for req in ["id", "type", "name"] {
            if find(req).is_none() {
                missing.push(req);
            }
        }
        if !missing.is_empty() {
            return Err(format!(
                "header row lacks required column{} {} (found: {})",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                columns.join(", ")
            ));
        }
        for (i, c) in columns.iter().enumerate() {
            if c.is_empty() {
                return Err(format!("header column {} has no name", i + 1));
            }
            if columns[..i].contains(c) {
                return Err(format!("header names column `{}` twice", c));
            }
        }
        let reserved = ["id", "type", "name", "aliases", "ambiguous"];
        let (attribute_columns, attribute_names): (Vec<usize>, Vec<Box<str>>) = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| !reserved.contains(&c.as_str()))
            .map(|(i, c)| (i, c.as_str().into()))
            .unzip();
        Ok(Header {
            id: find("id").unwrap(),
            kind: find("type").unwrap(),
            name: find("name").unwrap(),
            aliases: find("aliases"),
            ambiguous: find("ambiguous"),
            attribute_columns,
            attribute_names: attribute_names.into(),
            columns,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Gazetteer> {
        GazetteerBuilder::new().add_str("t.tsv", text)?.build()
    }

    #[test]
    fn bundled_place_names_have_a_capital() {
        // A name in lower case matches lower-case text: a generated alias such as `city` (of
        // "Amānat al ‘Āşimah [city]") made every "city" a place where the context allowed.
        let gaz = Gazetteer::bundled().unwrap();
        let lower: Vec<(&str, &str)> = gaz
            .entities()
            .iter()
            .filter(|e| e.kind == "place")
            .flat_map(|e| e.names().map(move |n| (e.id.as_str(), n)))
            .filter(|(_, n)| !n.chars().any(char::is_uppercase))
            .collect();
        // Written so in news on purpose.
        assert_eq!(
            lower,
            [("eurozone", "euro area"), ("eurozone", "euro zone")],
            "place names in lower case"
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases = [
            (
                "id\tname\n",
                "t.tsv:1: header row lacks required column type",
            ),
            (
                "# c\nid\ttype\tname\na\tplace\tA\na\tplace\tB\n",
                "t.tsv:4: duplicate id `a` (first defined at t.tsv:3)",
            ),
            (
                "id\ttype\tname\na\tplace\t \n",
                "t.tsv:2: entity `a` has an empty name",
            ),
            (
                "id\ttype\tname\na\tplace\n",
                "t.tsv:2: expected 3 tab-separated fields as in the header, found 2",
            ),
            (
                "id\ttype\tname\tambiguous\na\tplace\tA\tB\n",
                "t.tsv:2: `ambiguous` lists `B`, which is not a name of `a`",
            ),
            ("# only a comment\n", "t.tsv: no header row"),
        ];
        for (input, want) in cases {
            let got = load(input).unwrap_err().to_string();
            assert!(got.starts_with(want), "{:?}: got {:?}", input, got);
        }
    }

    #[test]
    fn line_numbers_across_blocks_of_rows() {
        // Over 64 KiB of rows, with comments, blank lines and CRLF here and there: the error
        // names the line a line-by-line reading would.
        let mut tsv = String::from("# comment\r\n\nid\ttype\tname\n");
        let mut line = 3;
        for i in 0..6000 {
            match i % 500 {
                7 => tsv.push_str("# a comment row\n"),
                8 => tsv.push_str("\r\n"),
                _ => tsv.push_str(&format!("entity-{i}\tplace\tPlace number {i}\r\n")),
            }
            line += 1;
        }
        tsv.push_str("bad\tplace\n");
        let err = load(&tsv).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("t.tsv:{}: expected 3", line + 1)),
            "{}",
            err
        );
        let g = load(&tsv[..tsv.len() - "bad\tplace\n".len()]).unwrap();
        assert_eq!(g.len(), 6000 - 24);
        let e = g.get("entity-5999").unwrap();
        assert_eq!(
            (e.name.as_str(), e.source.line),
            ("Place number 5999", line)
        );
    }

    #[test]
    fn big_files_read_in_parts_whole() {
        let dir = tempfile::tempdir().unwrap();
        for len in [10, (1 << 20) + 1, 3 * (1 << 19) + 12_345] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let path = dir.path().join(format!("{}.tsv", len));
            std::fs::write(&path, &bytes).unwrap();
            assert!(read_file(&path).unwrap() == bytes, "{} bytes", len);
        }
        assert!(read_file(&dir.path().join("missing.tsv")).is_err());
    }

    #[test]
    fn rows_of_blocks_are_the_lines() {
        // Line by line, as a reader of the file would number them.
        fn reference(text: &str) -> Vec<(usize, &str)> {
            text.split('\n')
                .enumerate()
                .filter_map(|(i, raw)| {
                    let line = raw.strip_suffix('\r').unwrap_or(raw);
                    (!line.trim().is_empty() && !line.starts_with('#')).then_some((i + 1, line))
                })
                .collect()
        }
        let mut text = String::new();
        for i in 0..12_000 {
            match i % 7 {
                0 => text.push('\n'),
                1 => text.push_str("# comment\n"),
                2 => text.push_str(" \t \r\n"),
                3 => text.push_str(&format!("row {i}\r\n")),
                _ => text.push_str(&format!("a row {i} {}\n", "x".repeat(i % 40))),
            }
        }
        assert!(text.len() > 3 * (1 << 16));
        // Cut anywhere, also just before, at and after a block's end.
        let ends = [65_535, 65_536, 65_537, 131_071, 131_072, 150_001];
        let cuts = [0, 1]
            .into_iter()
            .chain(ends)
            .chain([text.len() - 1, text.len()]);
        for cut in cuts {
            let t = &text[..cut];
            assert_eq!(rows_of(t), reference(t), "cut at {}", cut);
        }
        assert_eq!(rows_of("a\n\nb"), vec![(1, "a"), (3, "b")]);
        assert_eq!(rows_of("\n\n"), vec![]);
    }

    #[test]
    fn files_loaded_together_as_one_after_the_other() {
        let a = "id\ttype\tname\tcountry\na\tplace\tA\tAF\nb\tplace\tB\t\n";
        let cases: [&[&str]; 6] = [
            &[a, "id\ttype\tname\nc\tperson\tC\n"],
            &[
                a,
                "id\ttype\tname\nc\tperson\tC\na\tperson\tA2\nd\tperson\tD\n",
            ],
            &[
                "id\ttype\tname\nx\tplace\n",
                "id\ttype\tname\nx\tplace\tX\n",
            ],
            &[a, "id\tname\nq\tQ\n", "id\ttype\tname\nc\tperson\tC\n"],
            &[a, "# nothing\n", "id\ttype\tname\nb\tplace\tB2\n"],
            &[a, a],
        ];
        for texts in cases {
            let files: Vec<(String, &str)> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("f{}.tsv", i), *t))
                .collect();
            for lenient in [false, true] {
                let show = |b: Result<GazetteerBuilder>| match b {
                    Ok(mut b) => {
                        let errors: Vec<String> =
                            b.take_errors().iter().map(|e| e.to_string()).collect();
                        let g = b.build().unwrap();
                        let ids: Vec<String> = g
                            .entities()
                            .iter()
                            .map(|e| format!("{} {} {:?}", e.id, e.source, e.attributes.to_map()))
                            .collect();
                        let found = g.entities().iter().all(|e| g.get(&e.id).is_some());
                        format!("{:?} {:?} {:?} {}", ids, errors, g.files(), found)
                    }
                    Err(e) => e.to_string(),
                };
                let together = GazetteerBuilder::new().lenient(lenient).add_strs(&files);
                let mut one = Ok(GazetteerBuilder::new().lenient(lenient));
                for (name, text) in &files {
                    one = one.and_then(|b| b.add_str(name, text));
                }
                assert_eq!(show(together), show(one), "{:?} lenient {}", texts, lenient);
            }
        }
    }

    #[test]
    fn grouping_the_same_on_any_number_of_threads() {
        // Over three blocks of entities, with names shared across blocks, canonical names
        // claimed as aliases, and repeats within an entity.
        let mut tsv = String::from("id\ttype\tname\taliases\n");
        for i in 0..3000 {
            tsv.push_str(&format!(
                "e{i}\tplace\tPlace {i}\tShared {}|Place {}|SHARED {}|place {i}\n",
                i % 7,
                (i + 1500) % 3000,
                i % 7
            ));
        }
        let runs: Vec<(Vec<String>, Vec<String>)> =
            crate::ordered::on_threads(&[1, 2, 3, 8], || {
                let g = load(&tsv).unwrap();
                let keys = g
                    .key_claims()
                    .iter()
                    .map(|k| format!("{} {} {:?}", k.key, k.form, k.claims))
                    .collect();
                assert_eq!(g.warning_count(), g.warnings().len());
                let warnings = g.warnings().iter().map(|w| w.to_string()).collect();
                (keys, warnings)
            });
        assert!(runs[0].0.len() > 3000 && runs[0].1.len() > 1500);
        for r in &runs[1..] {
            assert_eq!(r, &runs[0]);
        }
    }

    #[test]
    fn attributes_and_aliases() {
        let g = load("\u{feff}id\ttype\tname\taliases\twikidata\tcountry\r\nkabul\tplace\tKabul\tKābul| Cabul \tQ5838\t\r\n").unwrap();
        let e = g.get("kabul").unwrap();
        assert_eq!(e.aliases, ["Kābul", "Cabul"]);
        assert_eq!(e.attribute("wikidata"), Some("Q5838"));
        assert_eq!(e.attribute("country"), None);
    }

    #[test]
    fn shared_alias_resolution_is_documented_order() {
        let g = load(
            "id\ttype\tname\taliases\nga-us\tplace\tGeorgia State\tGeorgia\nga\tplace\tGeorgia\t\nx\tplace\tX\tGéorgia\n",
        )
        .unwrap();
        let claims = g.claims();
        let c = &claims[&text::name_key("Georgia")];
        assert_eq!(g.entity(c[0].entity).id, "ga");
        assert_eq!(g.entity(c[1].entity).id, "ga-us");
        assert_eq!(g.entity(c[2].entity).id, "x");
        assert_eq!(g.warnings().len(), 2);
    }

    #[test]
    fn places_in_other_countries_share_a_name_without_a_warning() {
        let g = load(
            "id\ttype\tname\taliases\tcountry\n\
             hyd\tplace\tHyderabad\t\tIN\n\
             hyd-pk\tplace\tHyderabad, Pakistan\tHyderabad\tPK\n\
             hyd-in\tplace\tHyderabad District\tHyderabad\tin\n\
             hyd-org\torganisation\tHyderabad FC\tHyderabad\tIN\n",
        )
        .unwrap();
        let id = |s: &str| g.lookup(s).unwrap();
        assert!(g.is_place_elsewhere(id("hyd"), id("hyd-pk")));
        // The same country (in any case), or not a place: a conflict, warned of.
        assert!(!g.is_place_elsewhere(id("hyd"), id("hyd-in")));
        assert!(!g.is_place_elsewhere(id("hyd"), id("hyd-org")));
        let warned: Vec<String> = g.warnings().iter().map(|w| w.to_string()).collect();
        assert_eq!(warned.len(), 2, "{:?}", warned);
        assert_eq!(g.warning_count(), 2);
        assert!(warned.iter().all(|w| !w.contains("`hyd-pk`")));
    }
}
