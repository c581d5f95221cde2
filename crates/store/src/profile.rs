//! Queries of the `profile` table (a single row).

use first_contact_domain::Profile;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::StoreError;

pub fn insert(connection: &Connection, profile: &Profile) -> Result<(), StoreError> {
    connection.execute(
        "INSERT INTO profile (id, display_name, agency, created_at) VALUES (1, ?1, ?2, ?3)",
        params![
            profile.display_name,
            serde_json::to_string(&profile.agency)?,
            profile.created_at
        ],
    )?;
    Ok(())
}

pub fn get(connection: &Connection) -> Result<Profile, StoreError> {
    let row = connection
        .query_row(
            "SELECT display_name, agency, created_at FROM profile WHERE id = 1",
            [],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    let (display_name, agency, created_at) = row.ok_or(StoreError::NoProfile)?;
    Ok(Profile {
        display_name,
        agency: serde_json::from_str(&agency)?,
        created_at,
    })
}

/// Days a screening that was never referred is kept (the schema bounds it to 1..=365).
pub const SCREENING_RETENTION_DAYS: std::ops::RangeInclusive<u32> = 1..=365;

pub fn screening_retention_days(connection: &Connection) -> Result<u32, StoreError> {
    let days: Option<u32> = connection
        .query_row(
            "SELECT screening_retention_days FROM profile WHERE id = 1",
            [],
            |row| row.get(0),
        )
        .optional()?;
    days.ok_or(StoreError::NoProfile)
}

pub fn set_screening_retention_days(connection: &Connection, days: u32) -> Result<(), StoreError> {
    connection.execute(
        "UPDATE profile SET screening_retention_days = ?1 WHERE id = 1",
        params![days],
    )?;
    Ok(())
}
