//! Queries of the `screening_summaries` table: the few fields the screenings list shows and
//! searches, one small row per screening, written with its body and removed with it (the
//! foreign key cascades). A list or a search reads these rows a page at a time and never
//! touches the bodies, so it costs the same with ten screenings or a hundred thousand.

use first_contact_domain::Screening;
use rusqlite::{params_from_iter, Connection};

use crate::error::StoreError;

/// The most words a search matches on; the rest of a longer query is ignored.
const MAX_WORDS: usize = 16;

/// One row of the list, without the screening's observations or notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRecord {
    pub id: String,
    pub updated_at: String,
    pub alias: String,
    pub place: String,
    pub contact_date: String,
    pub indicator_set: String,
    pub observed_count: u32,
    /// What the age path needs, which depends on the day the list is shown.
    pub date_of_birth: String,
    pub estimated_age: Option<u32>,
    pub age_uncertain: bool,
}

/// One page of a list or a search, newest change first, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryPage {
    pub rows: Vec<SummaryRecord>,
    pub total: u32,
}

/// What a search is matched against: the alias, the place and the contact date, lowercased by
/// Rust (Unicode-aware; SQL's `lower()` knows only ASCII).
fn search_text(screening: &Screening) -> String {
    format!(
        "{}\n{}\n{}",
        screening.person.alias, screening.context.place, screening.context.contact_date
    )
    .to_lowercase()
}

/// Writes (or replaces) the summary of `screening`; the caller holds the transaction that
/// writes its body.
pub(crate) fn write(connection: &Connection, screening: &Screening) -> Result<(), StoreError> {
    connection.execute(
        "INSERT INTO screening_summaries (id, updated_at, alias, place, contact_date,
             indicator_set, observed_count, date_of_birth, estimated_age, age_uncertain,
             search_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at,
             alias = excluded.alias, place = excluded.place,
             contact_date = excluded.contact_date, indicator_set = excluded.indicator_set,
             observed_count = excluded.observed_count, date_of_birth = excluded.date_of_birth,
             estimated_age = excluded.estimated_age, age_uncertain = excluded.age_uncertain,
             search_text = excluded.search_text",
        rusqlite::params![
            screening.id,
            screening.updated_at,
            screening.person.alias,
            screening.context.place,
            screening.context.contact_date,
            screening.indicator_set,
            u32::try_from(screening.observations.len()).unwrap_or(u32::MAX),
            screening.person.date_of_birth,
            screening.person.estimated_age,
            screening.person.age_uncertain,
            search_text(screening),
        ],
    )?;
    Ok(())
}

/// Writes the summaries missing for screenings saved before the table existed, in one
/// transaction; returns how many. Run each time the store is opened: with none missing it reads
/// only the two tables' key indexes, never a body.
pub fn fill_missing(connection: &Connection) -> Result<usize, StoreError> {
    let transaction = connection.unchecked_transaction()?;
    let missing: Vec<String> = {
        // Selecting only the id lets SQLite answer from the primary-key index; a scan of the
        // table itself would read (and decrypt) every body.
        let mut statement = transaction.prepare(
            "SELECT id FROM screenings WHERE id NOT IN (SELECT id FROM screening_summaries)",
        )?;
        let rows = statement.query_map([], |row| row.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in &missing {
        let body: String =
            transaction.query_row("SELECT body FROM screenings WHERE id = ?1", [id], |row| {
                row.get(0)
            })?;
        write(&transaction, &serde_json::from_str(&body)?)?;
    }
    transaction.commit()?;
    Ok(missing.len())
}

/// Escapes LIKE's wildcards so that a typed `%` or `_` matches itself.
fn like_pattern(word: &str) -> String {
    let mut pattern = String::with_capacity(word.len() + 2);
    pattern.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The screenings whose alias, place or contact date contain every word of `query` (any case;
/// an empty query matches all), newest change first: `limit` of them from `offset` on.
pub fn page(
    connection: &Connection,
    query: &str,
    offset: u32,
    limit: u32,
) -> Result<SummaryPage, StoreError> {
    let patterns: Vec<String> = query
        .to_lowercase()
        .split_whitespace()
        .take(MAX_WORDS)
        .map(like_pattern)
        .collect();
    let filter = if patterns.is_empty() {
        String::new()
    } else {
        let clauses: Vec<&str> = patterns
            .iter()
            .map(|_| "search_text LIKE ? ESCAPE '\\'")
            .collect();
        format!("WHERE {}", clauses.join(" AND "))
    };
    let total: u32 = connection.query_row(
        &format!("SELECT count(*) FROM screening_summaries {filter}"),
        params_from_iter(patterns.iter()),
        |row| row.get(0),
    )?;
    let mut statement = connection.prepare(&format!(
        "SELECT id, updated_at, alias, place, contact_date, indicator_set, observed_count,
             date_of_birth, estimated_age, age_uncertain
         FROM screening_summaries {filter}
         ORDER BY updated_at DESC, id DESC LIMIT {limit} OFFSET {offset}"
    ))?;
    let rows = statement.query_map(params_from_iter(patterns.iter()), |row| {
        Ok(SummaryRecord {
            id: row.get(0)?,
            updated_at: row.get(1)?,
            alias: row.get(2)?,
            place: row.get(3)?,
            contact_date: row.get(4)?,
            indicator_set: row.get(5)?,
            observed_count: row.get(6)?,
            date_of_birth: row.get(7)?,
            estimated_age: row.get(8)?,
            age_uncertain: row.get(9)?,
        })
    })?;
    Ok(SummaryPage {
        rows: rows.collect::<Result<_, _>>()?,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_wildcards_match_only_themselves() {
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
